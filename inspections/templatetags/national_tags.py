"""Template filters for the national pages: the GOV.UK tag or text colour for a tone.

The selectors name tones as they always have (success, primary, warning, danger, secondary);
these filters turn them into GOV.UK Frontend tag modifiers, so the tag text says the status and
the colour only repeats it.
"""

from django import template

register = template.Library()

_TONE_TAGS = {
    "success": "govuk-tag--green",
    "primary": "govuk-tag--blue",
    "info": "govuk-tag--light-blue",
    "warning": "govuk-tag--yellow",
    "danger": "govuk-tag--red",
    "secondary": "govuk-tag--grey",
}


@register.filter
def tone_tag(tone: str) -> str:
    return _TONE_TAGS.get(tone, "govuk-tag--grey")


_TONE_CALLS = {
    "success": "app-call--better",
    "danger": "app-call--worse",
}


@register.filter
def tone_call(tone: str) -> str:
    """The text colour of a call's symbol in the indicator table (grey when not significant)."""
    return _TONE_CALLS.get(tone, "app-call--same")


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
