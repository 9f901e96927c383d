"""Glossary entries: 'ABBR<tab>meaning', 'ABBR meaning' or 'ABBR – meaning' lines."""

import re

from reports.importer.notes import Notes
from reports.importer.text import Line

_ENTRY = re.compile(r"^(\S+)\s+(?:[–-]\s+)?(.+)$")


def _abbreviation(token: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", token)
    return len(token) >= 2 and sum(1 for ch in letters if ch.isupper()) >= 2


def _entry(line: Line) -> tuple[str, str] | None:
    if line.cells is not None:
        cells = [c for c in line.cells if c]
        if len(cells) == 2 and len(cells[0]) <= 30:
            return cells[0], cells[1]
        return None
    match = _ENTRY.match(line.text)
    if match and _abbreviation(match.group(1)):
        return match.group(1), match.group(2).strip()
    return None


def read_glossary(lines: list[Line], notes: Notes) -> list[tuple[str, str]]:
    """Entries in order; lines not understood are warned of, and whatever follows the last
    entry (a back cover, an address) is reported as one range."""
    read = [
        (line, _entry(line))
        for line in lines
        if not (line.blank or line.rule or line.footer or re.fullmatch(r"[A-Z]", line.text))
    ]
    last = max((i for i, (_, entry) in enumerate(read) if entry), default=-1)
    entries = []
    for index, (line, entry) in enumerate(read):
        if entry is not None:
            entries.append(entry)
        elif index < last:
            notes.not_understood(line.number, f"glossary line not understood: {line.text[:70]!r}")
        else:
            notes.skip(line, "text after the glossary")
    return entries
