"""Plain text as the report prints it, turned into data the templates set with autoescaping.

Nothing here returns HTML: a block is a dict of plain strings, so user text can only ever
reach the page through Django's escaping.
"""

import datetime

from django.utils.text import normalize_newlines

BULLET = "- "
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class _Blocks:
    """Collects lines into paragraphs and bulleted lists, in order."""

    def __init__(self):
        self.blocks: list[dict] = []
        self.lines: list[str] = []
        self.items: list[str] = []

    def end_paragraph(self) -> None:
        if self.lines:
            self.blocks.append({"type": "p", "lines": self.lines})
            self.lines = []

    def end_list(self) -> None:
        if self.items:
            self.blocks.append({"type": "ul", "items": self.items})
            self.items = []

    def add(self, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            # A blank line ends a paragraph; a list carries on after it, as bullets pasted
            # from a document are often spaced out.
            self.end_paragraph()
        elif stripped.startswith(BULLET):
            self.end_paragraph()
            self.items.append(stripped[len(BULLET) :].strip())
        else:
            self.end_list()
            self.lines.append(stripped)


def text_blocks(text: str | None) -> list[dict]:
    """Paragraphs ({"type": "p", "lines": [...]}) from blank-line-separated text, and
    bulleted lists ({"type": "ul", "items": [...]}) from lines starting with "- "."""
    blocks = _Blocks()
    for line in normalize_newlines(text or "").split("\n"):
        blocks.add(line)
    blocks.end_paragraph()
    blocks.end_list()
    return blocks.blocks


def paragraphs(text: str | None) -> list[str]:
    """Blank-line-separated parts of a text, each stripped; empty parts dropped."""
    return [part.strip() for part in normalize_newlines(text or "").split("\n\n") if part.strip()]


def month_year(date: datetime.date | None) -> str:
    """'September 2008', as a report's cover and footers name its month."""
    return f"{MONTHS[date.month - 1]} {date.year}" if date else ""


def blocks_text(blocks: list[dict]) -> str:
    """The words of some blocks, for searching them (e.g. for abbreviations)."""
    words = []
    for block in blocks:
        words += block.get("lines", []) + block.get("items", [])
    return "\n".join(words)
