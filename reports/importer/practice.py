"""Developing practice entries: labelled fields, each running until the next label."""

import re

from reports.importer.notes import Notes
from reports.importer.structures import PracticeRecord
from reports.importer.text import Line

_LABELS = {
    "inspection area": "area",
    "title": "title",
    "problem": "problem",
    "solution": "solution",
    "evaluation": "evaluation",
    "external validation": "external_validation",
    "outcome(s)": "outcomes",
    "outcomes": "outcomes",
    "outcome": "outcomes",
    "force contact": "contact",
}
# A label in capitals may be glued to the text before it ('Citizen FocusTITLE:').
_LABEL = re.compile(
    r"(?<![A-Z])(INSPECTION AREA|TITLE|PROBLEM|SOLUTION|EVALUATION|EXTERNAL VALIDATION|"
    r"OUTCOME\(S\)|OUTCOMES?|FORCE CONTACT)\s*:",
)
_REQUIRED = ("title", "problem", "solution")


def _pieces(text: str) -> list[tuple[str | None, str]]:
    """('title', 'rest of text') pairs for each label in a line; (None, text) before any."""
    found = list(_LABEL.finditer(text))
    if not found:
        return [(None, text)]
    pieces = [(None, text[: found[0].start()])] if found[0].start() else []
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        pieces.append((_LABELS[match.group(1).lower()], text[match.end() : end]))
    return pieces


class PracticeReader:
    """Reads entries from the lines of a developing practice section."""

    def __init__(self, notes: Notes) -> None:
        self.notes = notes
        self.entries: list[PracticeRecord] = []
        self.field: str | None = None

    def add(self, line: Line) -> None:
        for label, text in _pieces(line.text):
            text = text.strip()
            if label is not None:
                self._start_field(label, line)
            if text:
                self._append(text, line)

    def _start_field(self, label: str, line: Line) -> None:
        current = self.entries[-1] if self.entries else None
        starts_entry = label == "area" or (label == "title" and (not current or current.title))
        if current is None or starts_entry:
            current = PracticeRecord(line=line.number)
            self.entries.append(current)
        self.field = label

    def _append(self, text: str, line: Line) -> None:
        if not self.entries or self.field is None:
            self.notes.skip(line, "text of a developing practice section outside any entry")
            return
        entry = self.entries[-1]
        if line.bullet is not None:
            text = f"- {text}"
        value = getattr(entry, self.field)
        joiner = "\n" if line.bullet is not None else "\n\n"
        setattr(entry, self.field, f"{value}{joiner}{text}" if value else text)

    def finish(self) -> list[PracticeRecord]:
        for entry in self.entries:
            missing = [name for name in _REQUIRED if not getattr(entry, name)]
            if missing:
                self.notes.warn(entry.line, f"developing practice entry lacks {', '.join(missing)}")
        return self.entries
