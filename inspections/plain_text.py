"""Plain text as the published report sets it: paragraphs and bulleted lists.

The product stores every text plain. Blank lines separate paragraphs and lines starting with
"- " are bullets; this module reads that convention into blocks of plain strings, which the
web pages and the printed reports then set, escaping every string.
"""

from django.utils.text import normalize_newlines

BULLET = "- "


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
