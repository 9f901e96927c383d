"""Small text helpers of the report builders. Plain text becomes blocks through
`inspections.plain_text.text_blocks`, the reading the web pages use too.

Nothing here returns HTML: user text only ever reaches the page through Django's escaping.
"""

import datetime

from django.utils import dateformat
from django.utils.text import normalize_newlines


def paragraphs(text: str | None) -> list[str]:
    """Blank-line-separated parts of a text, each stripped; empty parts dropped."""
    return [part.strip() for part in normalize_newlines(text or "").split("\n\n") if part.strip()]


def month_year(date: datetime.date | None) -> str:
    """'September 2008', as a report's cover and footers name its month."""
    return dateformat.format(date, "F Y") if date else ""


def blocks_text(blocks: list[dict]) -> str:
    """The words of some blocks, for searching them (e.g. for abbreviations)."""
    words = []
    for block in blocks:
        words += block.get("lines", []) + block.get("items", [])
    return "\n".join(words)
