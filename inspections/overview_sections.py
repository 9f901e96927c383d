"""The force overview's sections, in the order the report prints them: shared by the overview
page and the printed report."""

# (field, heading, what an empty section says), in report order, in the report's two parts.
CONTEXT_SECTIONS = [
    ("overview", "", "The opening summary of the force is not written yet."),
    ("geography", "Geographical description of the force area", "Not written yet."),
    ("demographics", "Demographic description of the force area", "Not written yet."),
    ("strategic_priorities", "Strategic priorities", "Not written yet."),
]
PERFORMANCE_SECTIONS = [
    ("performance_overview", "", "The performance summary is not written yet."),
    ("developments", "Developments since the last inspection", "Not written yet."),
]

# What a comment or a change calls each section: its heading, or a name for the two openings.
SECTION_NAMES = {
    "overview": "Opening summary",
    "performance_overview": "Performance summary",
    **{name: heading for name, heading, _ in CONTEXT_SECTIONS + PERFORMANCE_SECTIONS if heading},
}
