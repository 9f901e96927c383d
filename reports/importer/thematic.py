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
from reports.importer.thematic_grades import GradeTable

_RECOMMENDATION = re.compile(r"^recommendation (\d+)$")
_ADDRESSED = re.compile(r"^addressed to:\s*(.+)$", re.IGNORECASE)
_SECTION_NUMBER = re.compile(r"^\d{1,2}$")
_GRADES_TITLE = re.compile(r"\bgrad\w*\b.*\bforces?\b")
# The cover of a draft the product prints: "Draft printed 5 December 2026".
_DRAFT = re.compile(r"^draft printed\b", re.IGNORECASE)
_COVER_YEAR = re.compile(r"^(?:national report (\d{4})|(\d{4}) inspection programme)$", re.I)
_COVER_LINES = 40
# The heading the product prints after the recommendations when earlier programmes made some.
_EARLIER = "progress against earlier recommendations"
DRAFT_REFUSED = (
    "This is a draft of a national report (its cover says so): its grades may still change. "
    "Only a published national report can be imported."
)
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
    return any(_grading_appendix(line) or _grades_section(line) for line in lines)


def _grading_appendix(line: Line) -> bool:
    key = normalise(line.text)
    return not line.is_table and key.startswith("appendix") and "grading" in key


def _numbered_section(line: Line) -> str | None:
    """The title of a numbered section as a PDF's text sets it ("4<tab>Grades of every
    force"); a contents line, which adds the page number, is not one."""
    cells = line.cells or []
    if len(cells) == 2 and _SECTION_NUMBER.match(cells[0]) and re.search("[A-Za-z]", cells[1]):
        return cells[1]
    return None


def _grades_section(line: Line) -> bool:
    title = _numbered_section(line)
    return title is not None and bool(_GRADES_TITLE.search(normalise(title)))


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


def programme_year(lines: list[Line]) -> int:
    """The programme a national report reports on: the year its cover names ("National
    report 2008", "2008 inspection programme"), else the year it was published in."""
    for line in lines[:_COVER_LINES]:
        if match := _COVER_YEAR.match(line.text.strip()):
            return int(match.group(1) or match.group(2))
    return _date(lines)[1]


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
        # A recommendation printed in the product's form (its "Addressed to:" line before its
        # text), whose later paragraphs are read until the next heading.
        self.open: RecommendationRecord | None = None
        self.numbers: dict[int, RecommendationRecord] = {}
        self.grades = GradeTable(catalogue, self.notes)
        self.glossary_lines: list[Line] = []

    def read(self, lines: list[Line]) -> ThematicReport:
        if any(_DRAFT.match(line.text.strip()) for line in lines):
            raise ImportRefused(DRAFT_REFUSED)
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
        if self._landmark(line):
            self.pending = self.open = None
        elif self.mode == "grades" and self.grades.feed(line, report):
            pass
        elif self.mode == "glossary":
            self.glossary_lines.append(line)
        elif not self._recommendation(line):
            self.open = None
            self._narrative(line)

    def _landmark(self, line: Line) -> bool:
        """A heading that starts a part of the report: the grades, the glossary, another
        appendix or numbered section."""
        key = normalise(line.text) if not line.is_table else ""
        numbered = _numbered_section(line)
        if _grading_appendix(line) or _grades_section(line):
            self.mode, self.grades = "grades", GradeTable(self.catalogue, self.notes)
            self.section = numbered or line.text
        elif key.startswith("appendix") and "glossary" in key:
            self.mode = "glossary"
        elif key.startswith("appendix") or numbered is not None or key == _EARLIER:
            self.mode, self.section = "narrative", numbered or line.text
        else:
            return False
        return True

    def _recommendation(self, line: Line) -> bool:
        key = normalise(line.text) if not line.is_table else ""
        if match := _RECOMMENDATION.match(key):
            self.pending = RecommendationRecord(int(match.group(1)), "", "", line.number)
            self.open = None
        elif self.pending is not None and (match := _ADDRESSED.match(line.text.strip())):
            self.pending.addressed_to = match.group(1).strip()
        elif self.pending is not None and line.bullet is None:
            self._recommendation_text(line)
        elif self.open is not None and _paragraph(line):
            self.open.text += "\n\n" + line.text
        else:
            return False
        return True

    def _recommendation_text(self, line: Line) -> None:
        record, self.pending = self.pending, None
        record.text = line.text
        printed = bool(record.addressed_to)
        if not printed:
            record.addressed_to = addressed_to(line.text)
        earlier = self.numbers.get(record.number)
        if earlier is None:
            self.numbers[record.number] = record
            self.open = record if printed else None
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


def _paragraph(line: Line) -> bool:
    return line.bullet is None and not line.heading and not line.is_table
