"""A force's inspection report: cover, overview, the areas with their findings, appendices.

The document is cut into parts by its landmarks: an area starts at a line titling one of
the programme's areas that is followed by its grade box (or, for an ungraded overview, its
national context); an appendix starts at a short line beginning 'Appendix'.
"""

import re

from reports.importer.areas import AreaReader
from reports.importer.catalogue import Catalogue, looks_like_force_name
from reports.importer.coverage import coverage
from reports.importer.errors import ImportRefused
from reports.importer.glossary import read_glossary
from reports.importer.notes import Notes
from reports.importer.overview import OverviewReader
from reports.importer.practice import PracticeReader
from reports.importer.structures import ForceReport
from reports.importer.text import Line, month_year, normalise

_ISBN = re.compile(r"ISBN:?\s*([0-9][0-9\-]{8,}[0-9Xx])")
_AREA_OPENERS = ("national contextual factors", "national grade distribution")


def _opens_area(lines: list[Line], index: int, catalogue: Catalogue) -> bool:
    """Whether the area title at `index` is followed by the area's grade box or context,
    before any other area's title (a contents list names the areas one after another)."""
    seen = 0
    for line in lines[index + 1 :]:
        if line.blank or line.rule or line.footer:
            continue
        if not line.is_table and catalogue.area_named(line.text):
            return False
        key = normalise(line.text)
        cells = [normalise(c) for c in line.cells or [] if c]
        if key.startswith(_AREA_OPENERS) or key.startswith("grade ") or key == "grade":
            return True
        if "summary of judgement" in key:
            return True
        if cells and ("summary of judgement" in cells[0] or cells[0] == "grade"):
            return True
        seen += 1
        if seen >= 3:
            return False
    return False


def _is_appendix(line: Line) -> bool:
    return (
        line.bullet is None
        and not line.is_table
        and len(line.text) < 120
        and normalise(line.text).startswith("appendix")
    )


def find_areas(lines: list[Line], catalogue: Catalogue) -> list[tuple[int, object]]:
    starts = []
    for index, line in enumerate(lines):
        if line.bullet is not None or line.is_table or line.blank:
            continue
        area = catalogue.area_named(line.text)
        if area is not None and _opens_area(lines, index, catalogue):
            earlier = next((lines[i] for i, a in starts if a is area), None)
            if earlier is not None:
                raise ImportRefused(
                    f"The area '{area.name}' starts twice, at lines {earlier.number} and "
                    f"{line.number}: two reports in one file?"
                )
            starts.append((index, area))
    return starts


def read_header(lines: list[Line], catalogue: Catalogue) -> tuple[str, int, int, str]:
    """Force, month, year and reference from the cover, before the contents."""
    force = month = year = None
    reference = ""
    for line in lines[:80]:
        if force is None and line.text:
            force = _force_on(line, catalogue)
        if month is None and (found := month_year(line.text)):
            month, year = found
        if not reference and (isbn := _ISBN.search(line.text)):
            reference = isbn.group(1)
    if force is None:
        raise ImportRefused("The cover names no police force: is this an inspection report?")
    if month is None:
        raise ImportRefused("The cover gives no month and year of publication.")
    return force, month, year, reference


def _force_on(line: Line, catalogue: Catalogue) -> str | None:
    text = re.split(r"\s+[–-]\s+", line.text)[0]
    found = catalogue.force_named(text) if looks_like_force_name(text) else None
    if found is None and looks_like_force_name(text) and len(line.text) < 60:
        raise ImportRefused(
            f"Line {line.number}: '{text}' is not one of the 43 forces in the reference data. "
            "Forces are never created by an import; check the name or add the force first."
        )
    return found


def parse_force_report(lines: list[Line], catalogue: Catalogue) -> ForceReport:
    notes = Notes()
    force, month, year, reference = read_header(lines, catalogue)
    starts = find_areas(lines, catalogue)
    if not starts:
        raise ImportRefused(
            "No inspection area of the programme was found (an area title followed by its "
            "grade): the file may be truncated, or from another programme."
        )
    first = starts[0][0]
    appendices = [i for i, line in enumerate(lines) if i > first and _is_appendix(line)]
    end_of_areas = appendices[0] if appendices else len(lines)
    report = ForceReport(
        force_name=force, year=year, month=month, scheme=catalogue.scheme, reference=reference
    )
    report.overview, report.tables = _read_overview(lines[:first], notes)
    report.areas = _read_areas(lines, starts, end_of_areas, catalogue, notes)
    _read_appendices(lines, appendices, report, catalogue, notes)
    _check_complete(lines[:first], starts, appendices, lines, catalogue)
    report.warnings = notes.result()
    report.coverage = coverage(lines, notes, report.areas)
    return report


def _read_overview(lines: list[Line], notes: Notes):
    reader = OverviewReader(notes)
    for line in lines:
        reader.feed(line)
    return reader.finish()


def _read_areas(lines, starts, end, catalogue, notes):
    areas = []
    bounds = [index for index, _ in starts[1:]] + [end]
    for (start, entry), stop in zip(starts, bounds, strict=True):
        reader = AreaReader(entry, catalogue, notes, lines[start])
        for line in lines[start + 1 : stop]:
            reader.feed(line)
        areas.append(reader.finish())
    return areas


def _read_appendices(lines, appendices, report, catalogue, notes) -> None:
    if not appendices:
        return
    bounds = appendices[1:] + [len(lines)]
    for start, stop in zip(appendices, bounds, strict=True):
        title = normalise(lines[start].text)
        body = lines[start + 1 : stop]
        if "glossary" in title:
            report.glossary = read_glossary(body, notes)
        elif "developing practice" in title:
            _attach_practice(body, report, catalogue, notes)
        else:
            for line in body:
                if not (line.blank or line.rule or line.footer):
                    notes.skip(line, f"'{lines[start].text}' is the inspectorate's standard text")


def _attach_practice(lines, report, catalogue, notes) -> None:
    reader = PracticeReader(notes)
    for line in lines:
        if not (line.blank or line.rule or line.footer):
            reader.add(line)
    by_code = {(a.framework_code, a.framework_version): a for a in report.areas}
    for entry in reader.finish():
        area = catalogue.area_loosely(entry.area) if entry.area else None
        record = by_code.get((area.code, area.version)) if area else None
        if record is None:
            notes.warn(entry.line, f"developing practice for an unknown area '{entry.area}'")
            continue
        record.practice.append(entry)


def _check_complete(front, starts, appendices, lines, catalogue) -> None:
    """The contents announce the areas and appendices: a file that ends before all of them
    were found is truncated."""
    announced_areas = {
        (a.code, a.version)
        for line in front
        if not line.is_table and (a := catalogue.area_named(line.text)) is not None
    }
    found = {(area.code, area.version) for _, area in starts}
    missing = [a.name for a in catalogue.areas if (a.code, a.version) in announced_areas - found]
    announced_appendices = sum(1 for line in front if _is_appendix(line))
    if missing or len(appendices) < announced_appendices:
        what = ", ".join(missing) if missing else "its appendices"
        raise ImportRefused(
            f"The report's contents announce {what}, but the file ends before "
            f"{'it' if len(missing) == 1 or not missing else 'them'}: it looks truncated "
            f"(last line {lines[-1].number if lines else 0})."
        )
