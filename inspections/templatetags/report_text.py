"""Filters that print plain text the way the published report sets it."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines

register = template.Library()

BULLET = "- "


class _Blocks:
    """Collects escaped lines into paragraphs and bulleted lists, in order."""

    def __init__(self):
        self.html: list[str] = []
        self.paragraph: list[str] = []
        self.items: list[str] = []

    def end_paragraph(self) -> None:
        if self.paragraph:
            self.html.append("<p>" + "<br>".join(self.paragraph) + "</p>")
            self.paragraph = []

    def end_list(self) -> None:
        if self.items:
            self.html.append("<ul>" + "".join(f"<li>{item}</li>" for item in self.items) + "</ul>")
            self.items = []

    def add(self, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            # A blank line ends a paragraph; a list may carry on after it, as bullets
            # pasted from a document are often spaced out.
            self.end_paragraph()
        elif stripped.startswith(BULLET):
            self.end_paragraph()
            self.items.append(stripped[len(BULLET) :].strip())
        else:
            self.end_list()
            self.paragraph.append(stripped)

    def finish(self) -> str:
        self.end_paragraph()
        self.end_list()
        return "\n".join(self.html)


@register.filter(is_safe=False)
def report_paragraphs(value) -> str:
    """Paragraphs from blank-line-separated text, and a bulleted list from lines that start
    with "- ". The whole text is escaped before any tag is added, even text marked safe, so
    only our own <p>, <br>, <ul> and <li> reach the page."""
    text = escape(normalize_newlines(str(value or "")))
    blocks = _Blocks()
    for line in text.split("\n"):
        blocks.add(line)
    return mark_safe(blocks.finish())
