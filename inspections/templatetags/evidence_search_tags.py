"""Template filters for the evidence search page."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from inspections.models import EvidenceKind

register = template.Library()

# GOV.UK tag colours per list; the tag's text names the list, the colour only repeats it.
_KIND_TAGS = {
    EvidenceKind.STRENGTH: "govuk-tag--green",
    EvidenceKind.WORK_IN_PROGRESS: "govuk-tag--yellow",
    EvidenceKind.AREA_FOR_IMPROVEMENT: "govuk-tag--red",
}


@register.filter
def highlight(value, words) -> SafeString:
    """Escape the text, then wrap each searched word in <mark>.

    Every piece of the text is escaped on its own, so nothing a user wrote is trusted. A
    word is marked with the rest of the word it starts, so "partner" marks "partnerships".
    """
    text = str(value)
    if not words:
        return escape(text)
    longest_first = sorted(words, key=len, reverse=True)
    pattern = "(" + "|".join(re.escape(word) + r"\w*" for word in longest_first) + ")"
    pieces = re.split(pattern, text, flags=re.IGNORECASE)
    # re.split with one group alternates: text, match, text, match ...
    marked = (
        f"<mark>{escape(piece)}</mark>" if index % 2 else escape(piece)
        for index, piece in enumerate(pieces)
    )
    # Safe to mark: every piece was escaped just above.
    return mark_safe("".join(marked))


@register.filter
def kind_tag(kind: str) -> str:
    return _KIND_TAGS.get(kind, "govuk-tag--grey")
