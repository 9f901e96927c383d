"""Filters that print plain text the way the published report sets it."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from inspections.plain_text import text_blocks

register = template.Library()


def _block_html(block: dict) -> str:
    if block["type"] == "p":
        return "<p>" + "<br>".join(escape(line) for line in block["lines"]) + "</p>"
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block["items"]) + "</ul>"


@register.filter(is_safe=False)
def report_paragraphs(value) -> str:
    """Paragraphs from blank-line-separated text, and a bulleted list from lines that start
    with "- ". Every line is escaped before any tag is added, even text marked safe, so
    only our own <p>, <br>, <ul> and <li> reach the page."""
    return mark_safe("\n".join(_block_html(block) for block in text_blocks(str(value or ""))))
