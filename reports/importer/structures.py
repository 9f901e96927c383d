"""What the importer reads from a published report, before anything touches the database.

Plain dataclasses: the parser fills them, `reports.importer.persist` saves them, and the
dry run prints them. All text is plain text: mark-up is stripped while reading, emphasis
survives as an item's `lead`, nesting as `children`.
"""

from dataclasses import dataclass, field


@dataclass
class ImportWarning:
    line: int
    message: str
    end_line: int | None = None

    def as_dict(self) -> dict:
        data = {"line": self.line, "message": self.message}
        if self.end_line and self.end_line != self.line:
            data["end_line"] = self.end_line
        return data


@dataclass
class Item:
    """One bullet of a Strengths / Work in progress / Areas for improvement list."""

    text: str
    line: int
    lead: str | None = None
    children: list["Item"] = field(default_factory=list)


LIST_KINDS = ("strengths", "work_in_progress", "areas_for_improvement")


@dataclass
class CriterionRecord:
    """A criterion's part of an area: heading as matched to the framework, statements, lists.

    `criterion_order` is the position of the matched leaf criterion in the framework's tree
    order; `heading_inferred` says the report printed no heading and the position decided."""

    criterion_order: int
    heading: str | None
    line: int
    heading_inferred: bool = False
    # The heading as the report printed it, when it printed one (it may add words or differ
    # slightly from the framework's, which `heading` holds).
    printed_heading: str | None = None
    summary_statements: list[str] = field(default_factory=list)
    lists: dict[str, list[Item]] = field(default_factory=lambda: {k: [] for k in LIST_KINDS})


@dataclass
class IndicatorRecord:
    code: str
    line: int
    value: float | None = None
    previous_value: float | None = None
    msf_difference: float | None = None
    change: float | None = None
    gap: float | None = None
    published_vs_msf: str | None = None
    published_vs_previous: str | None = None


@dataclass
class PracticeRecord:
    line: int
    area: str = ""
    title: str = ""
    problem: str = ""
    solution: str = ""
    evaluation: str = ""
    external_validation: str = ""
    outcomes: str = ""
    contact: str = ""


@dataclass
class AreaRecord:
    """One inspection area as printed. `framework_code` and `framework_version` name the
    reference framework it was matched to."""

    name: str
    framework_code: str
    framework_version: str
    line: int
    grade: str | None = None
    judgement: str = ""
    contextual_factors: str = ""
    criteria: list[CriterionRecord] = field(default_factory=list)
    indicators: list[IndicatorRecord] = field(default_factory=list)
    practice: list[PracticeRecord] = field(default_factory=list)
    distribution: dict[str, int] = field(default_factory=dict)


@dataclass
class TableRecord:
    section: str
    line: int
    header: list[str]
    rows: list[list[str]]


@dataclass
class ForceReport:
    force_name: str
    year: int
    month: int
    scheme: str  # "standards" or "four-point"
    reference: str = ""
    overview: dict[str, str] = field(default_factory=dict)
    tables: list[TableRecord] = field(default_factory=list)
    areas: list[AreaRecord] = field(default_factory=list)
    glossary: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    coverage: dict = field(default_factory=dict)  # see reports.importer.coverage


@dataclass
class RecommendationRecord:
    number: int
    text: str
    addressed_to: str
    line: int


@dataclass
class ThematicReport:
    year: int
    month: int
    recommendations: list[RecommendationRecord] = field(default_factory=list)
    # (force name as printed, {area name as printed: grade as printed}, line)
    grades: list[tuple[str, dict[str, str], int]] = field(default_factory=list)
    glossary: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    coverage: dict = field(default_factory=dict)
