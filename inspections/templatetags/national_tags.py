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
