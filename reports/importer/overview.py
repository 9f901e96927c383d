"""The part of a force report before the findings: the force overview and its tables, and
the inspectorate's standard sections, which are reported as not imported."""

from reports.importer.indicators import number
from reports.importer.notes import Notes
from reports.importer.structures import TableRecord
from reports.importer.text import Line, normalise

# Section headings, by how their normalised text starts, and where their text goes.
OVERVIEW_FIELDS = [
    ("force overview and context", "overview"),
    ("geographical description", "geography"),
    ("geographical profile", "geography"),
    ("demographic", "demographics"),
    ("strategic priorities", "strategic_priorities"),
    ("force performance overview", "performance_overview"),
    ("key initiatives", "performance_overview"),
    ("force development", "developments"),
]
STANDARD_SECTIONS = [
    "contents",
    "introduction to hmic",
    "hmic business plan",
    "programmed frameworks",
    "risk based frameworks",
    "statutory performance indicators",
    "developing practice",
    "the grading process",
    "future hmic inspection activity",
    "findings",
    "national summary of judgements",
    "force summary of judgements",
]


def _section(line: Line) -> str | None:
    if line.bullet is not None or line.is_table or len(line.text) > 80:
        return None
    key = normalise(line.text)
    for start, field in OVERVIEW_FIELDS:
        if key.startswith(start):
            return field
    for start in STANDARD_SECTIONS:
        if key.startswith(start):
            return "standard:" + line.text
    return None


class OverviewReader:
    def __init__(self, notes: Notes) -> None:
        self.notes = notes
        self.fields: dict[str, str] = {}
        self.tables: list[TableRecord] = []
        self.mode = "cover"
        self.section = ""
        self.table: list[Line] = []

    def feed(self, line: Line) -> None:
        if line.blank or line.rule or line.footer:
            return
        self._dispatch(line)
        self.notes.used(line)

    def _dispatch(self, line: Line) -> None:
        if line.is_table:
            self.table.append(line)
            return
        self._flush_table()
        section = _section(line)
        if section is not None:
            self.mode, self.section = section, line.text
            return
        if self.mode in dict(OVERVIEW_FIELDS).values():
            text = f"- {line.text}" if line.bullet is not None else line.text
            current = self.fields.get(self.mode, "")
            joiner = "\n" if line.bullet is not None else "\n\n"
            self.fields[self.mode] = f"{current}{joiner}{text}" if current else text
        elif self.mode == "cover":
            self.notes.skip(line, "cover and title page")
        else:
            self.notes.skip(line, f"section '{self.mode[9:]}' is the inspectorate's standard text")

    def _flush_table(self) -> None:
        rows, self.table = self.table, []
        if not rows:
            return
        if self.mode not in dict(OVERVIEW_FIELDS).values():
            for row in rows:
                self.notes.skip(row, "summary table repeated in the findings")
            return
        for table in split_tables(rows):
            header = table[0].cells if _is_header(table[0]) else []
            body = table[1:] if header else table
            self.tables.append(
                TableRecord(
                    section=self.section,
                    line=table[0].number,
                    header=header,
                    rows=[row.cells or [] for row in body],
                )
            )

    def finish(self) -> tuple[dict[str, str], list[TableRecord]]:
        self._flush_table()
        return self.fields, self.tables


def _numeric(line: Line) -> bool:
    return any(number(cell) is not None for cell in (line.cells or [])[1:])


def _is_header(line: Line) -> bool:
    return not _numeric(line)


def split_tables(rows: list[Line]) -> list[list[Line]]:
    """A row without figures after rows with figures is the header of the next table."""
    tables: list[list[Line]] = []
    for row in rows:
        if not tables or (_is_header(row) and any(_numeric(r) for r in tables[-1])):
            tables.append([row])
        else:
            tables[-1].append(row)
    return tables
