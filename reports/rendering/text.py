"""Small text helpers of the report builders. Plain text becomes blocks through
`inspections.plain_text.text_blocks`, the reading the web pages use too.

Nothing here returns HTML: user text only ever reaches the page through Django's escaping.
"""

import datetime
import re

from django.utils import dateformat
from django.utils.text import normalize_newlines


def paragraphs(text: str | None) -> list[str]:
    """Blank-line-separated parts of a text, each stripped; empty parts dropped."""
    return [part.strip() for part in normalize_newlines(text or "").split("\n\n") if part.strip()]


def month_year(date: datetime.date | None) -> str:
    """'September 2008', as a report's cover and footers name its month."""
    return dateformat.format(date, "F Y") if date else ""


# An ISBN-10 or ISBN-13, with or without its hyphens or spaces (the check digit may be X).
_ISBN = re.compile(r"(?:\d[- ]?){9}[\dX]|(?:\d[- ]?){12}\d", re.IGNORECASE)
_ISBN_PREFIX = re.compile(r"^ISBN[:\s]*", re.IGNORECASE)


def cover_reference(reference: str) -> dict | None:
    """A report's reference as its cover prints it: an ISBN named as one, anything else as
    the report's reference; None when there is none."""
    value = _ISBN_PREFIX.sub("", reference.strip())
    if not value:
        return None
    label = "ISBN" if _ISBN.fullmatch(value) else "Reference"
    return {"label": label, "value": value}


def blocks_text(blocks: list[dict]) -> str:
    """The words of some blocks, for searching them (e.g. for abbreviations)."""
    words = []
    for block in blocks:
        words += block.get("lines", []) + block.get("items", [])
    return "\n".join(words)
