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


@register.simple_tag
def selected_filters(request, form) -> list[dict]:
    """The filters in force, as the MOJ filter panel lists them: the field's label, the chosen
    value in words, and the address of the same search without that filter (and page one).

    Only values the form accepted are listed, so a made-up id never reaches the page.
    """
    cleaned = getattr(form, "cleaned_data", {}) or {}
    chosen = []
    for name, field in form.fields.items():
        value = cleaned.get(name)
        if not value:
            continue
        query = request.GET.copy()
        query.pop(name, None)
        query.pop("page", None)
        chosen.append(
            {
                "label": field.label or name.capitalize(),
                "value": _value_label(field, value),
                "remove": f"?{query.urlencode()}" if query else request.path,
            }
        )
    return chosen


def _value_label(field, value) -> str:
    if hasattr(field, "label_from_instance"):
        return field.label_from_instance(value)
    if getattr(field, "choices", None):
        return str(dict(field.choices).get(value, value))
    return str(value)
