"""How much of a file an import used, so a person can trust or check it at a glance.

Every non-blank line of the file is counted once, in the first of these that applies:
page furniture (a footer, a page number, a rule), not understood (a warning says so), the
inspectorate's standard text or other text reported as not imported (a skipped range), or
used. Per area: the lists that hold items, their items and sub-points.
"""

from reports.importer.notes import Notes
from reports.importer.structures import AreaRecord
from reports.importer.text import Line


def coverage(lines: list[Line], notes: Notes, areas: list[AreaRecord] = ()) -> dict:
    numbers = {line.number for line in lines if not line.blank}
    furniture = {line.number for line in lines if line.footer or line.rule}
    content = {n for n in numbers if n not in furniture or _has_text(lines, n)}
    furniture = numbers - content
    unread = notes.not_understood_lines & content
    standard = notes.skipped_lines & content - unread
    result = {
        "lines": len(numbers),
        "lines_used": len(content - unread - standard),
        "lines_standard_text": len(standard),
        "lines_not_understood": len(unread),
        "lines_page_furniture": len(furniture),
    }
    if areas:
        result["areas"] = [_area(area) for area in areas]
    return result


def _has_text(lines: list[Line], number: int) -> bool:
    """A source line split in two may hold text as well as furniture."""
    return any(
        line.number == number and not (line.blank or line.footer or line.rule) for line in lines
    )


def _area(area: AreaRecord) -> dict:
    lists = [items for criterion in area.criteria for items in criterion.lists.values()]
    return {
        "name": area.name,
        "criteria": len(area.criteria),
        "lists": sum(1 for items in lists if items),
        "items": sum(len(items) for items in lists),
        "sub_points": sum(len(item.children) for items in lists for item in items),
    }
