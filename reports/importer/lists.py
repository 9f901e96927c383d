"""Bullet lists: items, sub-points, and paragraphs that continue an item after a break.

Which bullet is a sub-point is decided per list, not by a fixed indentation: the list's
first bullet sets its items' indentation and marker; a bullet indented further, or at the
same place with another kind of marker ('o', '–', 'a)' under '-', '•' or '1.'), is a
sub-point of the item above. So items indented by two spaces with sub-points by four, sub-
points indented by one space or a tab, or marked by another glyph all read alike.
"""

import re

from reports.importer.notes import Notes
from reports.importer.structures import Item
from reports.importer.text import Line

NONE_IDENTIFIED = re.compile(r"^none identified\.?$", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.;:!?)’'\"]$")


class ListBuilder:
    """Builds one list. A paragraph without a bullet continues the last item (a page footer
    or a blank line may split an item), or gives a lead-only item its text."""

    def __init__(self, items: list[Item], notes: Notes) -> None:
        self.items = items
        self.notes = notes
        self.last_top: Item | None = None
        self.last: Item | None = None
        self.none_identified = False
        self.base: tuple[int, str | None] | None = None

    def add(self, line: Line) -> None:
        if NONE_IDENTIFIED.match(line.text):
            self.none_identified = True
            if self.items:
                self.notes.warn(line.number, "'None identified' follows items in the same list")
            return
        if line.bullet is None and line.tentative is None:
            self._continue(line)
            return
        text, lead = line.tentative or (line.text, line.lead)
        if self._depth(line) == 0 or self.last_top is None:
            self._top(line, text, lead)
        else:
            item = Item(text=text, line=line.number, lead=lead)
            self.last_top.children.append(item)
            self.last = item

    def _depth(self, line: Line) -> int:
        if self.base is None:
            self.base = (line.indent, line.marker)
            return 0
        indent, marker = self.base
        if line.indent > indent:
            return 1
        return 0 if line.marker == marker or line.indent < indent else 1

    def _top(self, line: Line, text: str, lead: str | None) -> None:
        item = Item(text=text, line=line.number, lead=lead)
        self.items.append(item)
        self.last_top = self.last = item

    def _continue(self, line: Line) -> None:
        if self.last is None:
            self.notes.warn(line.number, "list paragraph without a bullet; read as an item")
            self._top(line, line.text, line.lead)
            return
        if not self.last.text:
            self.last.text = line.text
        elif _ENDS_SENTENCE.search(self.last.text):
            self.last.text = f"{self.last.text}\n\n{line.text}"
        else:
            self.last.text = f"{self.last.text} {line.text}"


def finish_items(items: list[Item]) -> None:
    """An item printed as an emphasised phrase alone keeps the phrase as its text."""
    for item in items:
        if not item.text.strip() and item.lead:
            item.text, item.lead = item.lead, None
        finish_items(item.children)
