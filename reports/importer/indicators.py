"""Indicator tables and the calls printed under them."""

import re

from grading.significance import MsfCall, TrendCall
from reports.importer.catalogue import Catalogue
from reports.importer.structures import IndicatorRecord
from reports.importer.text import Line

_NUMBER = re.compile(r"^([+\-−–]?\d+(?:\.\d+)?)\s*(?:pp|%|percentage points?)?$", re.IGNORECASE)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
_PREVIOUS = re.compile(r"compared with (\d+(?:\.\d+)?)%", re.IGNORECASE)
_MSF_CALLS = [
    ("not significantly different", MsfCall.SAME),
    ("significantly better", MsfCall.BETTER),
    ("significantly worse", MsfCall.WORSE),
]
_TREND_CALLS = [
    ("significantly improved", TrendCall.IMPROVED),
    ("significantly deteriorated", TrendCall.DETERIORATED),
    ("significantly worsened", TrendCall.DETERIORATED),
    ("was unchanged", TrendCall.UNCHANGED),
    ("remained unchanged", TrendCall.UNCHANGED),
    ("which is unchanged", TrendCall.UNCHANGED),
]


def number(cell: str) -> float | None:
    match = _NUMBER.match(cell.strip().replace(",", ""))
    if not match:
        return None
    return float(match.group(1).replace("−", "-").replace("–", "-"))


def is_indicator_table(rows: list[Line], catalogue: Catalogue) -> bool:
    return any(catalogue.indicator_code(cell) for cell in rows[0].cells or [])


def _groups(header: list[str], catalogue: Catalogue) -> list[tuple[int, str, bool]]:
    groups = []
    for index, cell in enumerate(header):
        code = catalogue.indicator_code(cell)
        if code:
            groups.append((index, code, "gap" in cell.lower()))
    return groups


def _field(label: str, is_gap_group: bool) -> str | None:
    label = label.lower()
    if is_gap_group or "+/-" in label or "gap" in label:
        return "gap"
    if "msf" in label:
        return "msf_difference"
    if "change" in label:
        return "change"
    return None


def read_table(rows: list[Line], catalogue: Catalogue, records: dict[str, IndicatorRecord]):
    """Fill records from a table: a header row of indicators, a row of column labels, then
    the force's row of figures. Returns the line numbers of rows it could not read."""
    groups = _groups(rows[0].cells or [], catalogue)
    labels = rows[1].cells if len(rows) > 1 else []
    unread = []
    for row in rows[2:]:
        cells = row.cells or []
        if not any(number(cell) is not None for cell in cells):
            unread.append(row.number)
            continue
        for index, cell in enumerate(cells):
            owner = [g for g in groups if g[0] <= index]
            value = number(cell)
            if not owner or value is None:
                continue
            start, code, is_gap = owner[-1]
            field = _field(labels[index] if index < len(labels) else "", is_gap)
            record = records.setdefault(code, IndicatorRecord(code=code, line=rows[0].number))
            if field:
                setattr(record, field, value)
    return unread


def read_sentence(text: str, record: IndicatorRecord) -> bool:
    """Take the figures and calls a sentence under an indicator heading prints."""
    used = False
    lowered = text.lower()
    if record.value is None and (found := _PERCENT.search(text)):
        record.value, used = float(found.group(1)), True
    if found := _PREVIOUS.search(text):
        record.previous_value, used = float(found.group(1)), True
    for phrase, call in _MSF_CALLS:
        if phrase in lowered and ("msf" in lowered or "most similar" in lowered):
            record.published_vs_msf, used = call.value, True
            break
    for phrase, call in _TREND_CALLS:
        if phrase in lowered:
            record.published_vs_previous, used = call.value, True
            break
    return used or "gap" in lowered
