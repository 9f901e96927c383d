"""The national (thematic) report of a programme: its recommendations, the table of every
force's grade per area, and its glossary. Its narrative is reported as not imported."""

import re

from reports.importer.catalogue import Catalogue
from reports.importer.coverage import coverage
from reports.importer.errors import ImportRefused
from reports.importer.glossary import read_glossary
from reports.importer.notes import Notes
from reports.importer.structures import RecommendationRecord, ThematicReport
from reports.importer.text import MONTHS, Line, month_year, normalise

_RECOMMENDATION = re.compile(r"^recommendation (\d+)$")
_PUBLISHED = re.compile(r"published in ({}) (\d{{4}})".format("|".join(MONTHS)), re.IGNORECASE)
_BODIES = [
    "Association of Chief Police Officers",
    "Association of Police Authorities",
    "Home Office",
    "National Policing Improvement Agency",
    "chief officers",
    "forces",
    "the service",
]


def is_thematic(lines: list[Line]) -> bool:
    return any(_grading_appendix(line) for line in lines)


def _grading_appendix(line: Line) -> bool:
    key = normalise(line.text)
    return not line.is_table and key.startswith("appendix") and "grading" in key


_SUBJECT = re.compile(
    r"recommends (?:that )?(.*?)\b(?:to|is|are|ensures?|seeks?|develops?|takes?|"
    r"reviews?|continues?)\b",
    re.IGNORECASE,
)


def _bodies(text: str) -> list[str]:
    lowered = text.lower()
    found = sorted((lowered.find(b.lower()), b) for b in _BODIES if b.lower() in lowered)
    return [body for _, body in found]


def addressed_to(text: str) -> str:
    """Who a recommendation asks to act: the bodies named as the subject of 'recommends',
    else the organisations it names anywhere."""
    subject = _SUBJECT.search(text)
    names = _bodies(subject.group(1)) if subject else []
    if not names:
        names = [b for b in _bodies(text) if b not in ("forces", "the service")]
    return ", ".join(names)


def _date(lines: list[Line]) -> tuple[int, int]:
    for line in reversed(lines):
        if match := _PUBLISHED.search(line.text):
            return MONTHS.index(match.group(1).lower()) + 1, int(match.group(2))
    for line in lines:
        if found := month_year(line.text):
            return found
    raise ImportRefused("The report gives no month and year of publication.")


class ThematicReader:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.notes = Notes()
        self.section = "cover"
        self.mode = "narrative"
        self.pending: RecommendationRecord | None = None
        self.numbers: dict[int, RecommendationRecord] = {}
        self.columns: list[str] | None = None
        self.glossary_lines: list[Line] = []

    def read(self, lines: list[Line]) -> ThematicReport:
        month, year = _date(lines)
        report = ThematicReport(year=year, month=month)
        for line in lines:
            if not (line.blank or line.rule or line.footer):
                self._feed(line, report)
                self.notes.used(line)
        report.glossary = read_glossary(self.glossary_lines, self.notes)
        report.recommendations = sorted(self.numbers.values(), key=lambda r: r.number)
        if not report.grades:
            raise ImportRefused("The table of force grades is missing: the file looks truncated.")
        report.warnings = self.notes.result()
        report.coverage = coverage(lines, self.notes)
        return report

    def _feed(self, line: Line, report: ThematicReport) -> None:
        key = normalise(line.text) if not line.is_table else ""
        if _grading_appendix(line):
            self.mode, self.columns = "grades", None
        elif key.startswith("appendix") and "glossary" in key:
            self.mode = "glossary"
        elif key.startswith("appendix"):
            self.mode, self.section = "narrative", line.text
        elif self.mode == "grades" and line.is_table:
            self._grade_row(line, report)
        elif self.mode == "glossary":
            self.glossary_lines.append(line)
        elif match := _RECOMMENDATION.match(key):
            self.pending = RecommendationRecord(int(match.group(1)), "", "", line.number)
        elif self.pending is not None and line.bullet is None:
            self._recommendation_text(line)
        else:
            self._narrative(line)

    def _recommendation_text(self, line: Line) -> None:
        record, self.pending = self.pending, None
        record.text, record.addressed_to = line.text, addressed_to(line.text)
        earlier = self.numbers.get(record.number)
        if earlier is None:
            self.numbers[record.number] = record
        elif normalise(earlier.text) != normalise(record.text):
            self.notes.warn(
                line.number,
                f"recommendation {record.number} is worded differently from line {earlier.line}; "
                "the first wording is kept",
            )

    def _narrative(self, line: Line) -> None:
        if line.heading and line.heading <= 2:
            self.section = line.text
        self.notes.skip(line, f"narrative under '{self.section[:60]}'")

    def _grade_row(self, line: Line, report: ThematicReport) -> None:
        cells = line.cells or []
        if self.columns is None:
            self.columns = [re.sub(r"\s+grade$", "", c, flags=re.IGNORECASE) for c in cells[1:]]
            unknown = [c for c in self.columns if not self.catalogue.area_named(c)]
            if unknown:
                raise ImportRefused(
                    f"Line {line.number}: the grade table names areas not in the programme: "
                    + ", ".join(unknown)
                )
            return
        force = self.catalogue.force_named(cells[0])
        if force is None:
            raise ImportRefused(
                f"Line {line.number}: '{cells[0]}' is not one of the forces in the reference "
                "data. Forces are never created by an import."
            )
        grades = dict(zip(self.columns, cells[1:], strict=False))
        report.grades.append((force, grades, line.number))
