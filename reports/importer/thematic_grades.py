"""The table of every force's grade per area in a national report, read row by row.

Published reports set it as one row per force under a header naming the areas. The report the
product prints groups forces by region, with a heading row per region, and its text read back
from a PDF can run a region's heading onto the force above it ("Suffolk London") and glue the
table's hidden caption to its header row. Both forms read to the same grades.
"""

import re

from reports.importer.catalogue import Catalogue
from reports.importer.errors import ImportRefused
from reports.importer.notes import Notes
from reports.importer.structures import ThematicReport
from reports.importer.text import Line, normalise

_GRADE_SUFFIX = re.compile(r"\s+grade$", re.IGNORECASE)
_GRADE_PREFIX = re.compile(r"^\s*(?:grade|Grade|GRADE)(?=[A-Z\s]|$)")
_FORCE_COLUMN = ("force", "forces")
# Cells that record no grade: the area was not graded for that force.
_NO_GRADE = {"", "not graded", "n a", "none"}
_PROVISIONAL = re.compile(r"\s+P$")


class GradeTable:
    def __init__(self, catalogue: Catalogue, notes: Notes) -> None:
        self.catalogue = catalogue
        self.notes = notes
        self.columns: list[str] | None = None

    def feed(self, line: Line, report: ThematicReport) -> bool:
        """Read one line of the table; False when the line is not part of it."""
        if self.columns is None:
            return self._header(line)
        if not line.is_table:
            if self.catalogue.region_named(line.text):
                self.notes.skip(line, "a region's heading in the table of grades")
                return True
            return False
        self._row(line, report)
        return True

    def _header(self, line: Line) -> bool:
        if line.is_table:
            cells = line.cells or []
            self.columns = self._areas([_GRADE_SUFFIX.sub("", c) for c in cells[1:]], line)
            return True
        glued = self._glued_header(line.text)
        if glued is None:
            return False
        self.columns = glued
        return True

    def _areas(self, names: list[str], line: Line) -> list[str]:
        unknown = [name for name in names if not self.catalogue.area_named(name)]
        if unknown:
            raise ImportRefused(
                f"Line {line.number}: the grade table names areas not in the programme: "
                + ", ".join(unknown)
            )
        return names

    def _glued_header(self, text: str) -> list[str] | None:
        """'... within each region.ForceNeighbourhood PolicingDeveloping Citizen Focus
        Policing': a caption and the header's cells set as one run of text."""
        rest = text.rsplit(".", 1)[-1].strip()
        first = next((word for word in _FORCE_COLUMN if rest.lower().startswith(word)), None)
        if first is None:
            return None
        rest, columns = rest[len(first) :].strip(), []
        while rest:
            area = next(
                (
                    name
                    for area in self.catalogue.areas
                    for name in sorted(area.names, key=len, reverse=True)
                    if rest.lower().startswith(name.lower())
                ),
                None,
            )
            if area is None:
                return None
            columns.append(area)
            rest = _GRADE_PREFIX.sub("", rest[len(area) :]).strip()
        return columns or None

    def _row(self, line: Line, report: ThematicReport) -> None:
        cells = line.cells or []
        force = self.catalogue.force_named(cells[0])
        if force is None and (split := self.catalogue.force_and_region(cells[0])):
            force = split[0]
        if force is None:
            raise ImportRefused(
                f"Line {line.number}: '{cells[0]}' is not one of the forces in the reference "
                "data. Forces are never created by an import."
            )
        grades = {}
        for area, printed in zip(self.columns, cells[1:], strict=False):
            if normalise(printed) in _NO_GRADE:
                continue
            if _PROVISIONAL.search(printed):
                raise ImportRefused(
                    f"Line {line.number}: {force}'s grade in {area} is marked provisional (P); "
                    "only a published national report's grades can be imported."
                )
            grades[area] = printed
        report.grades.append((force, grades, line.number))
