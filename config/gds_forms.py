"""Template filters for the `gds` crispy-forms template pack (templates/gds/).

They give a bound field's widget GOV.UK Frontend's class for its kind, the error modifier when
it has errors, and `aria-describedby` naming its hint and error message, whose ids are
`<id>-hint` and `<id>-error` as in the Design System's own markup. Loaded in templates as
`{% load gds_forms %}` (registered under TEMPLATES in config/settings.py).
"""

from django import forms, template
from django.forms.boundfield import BoundField

register = template.Library()

# The first class that matches a widget is its GOV.UK one; subclasses come before their bases
# (ClearableFileInput is a FileInput, SelectMultiple a Select). Everything else is an input.
WIDGET_CLASSES = (
    (forms.Textarea, "govuk-textarea"),
    (forms.FileInput, "govuk-file-upload"),
    (forms.CheckboxInput, "govuk-checkboxes__input"),
    (forms.Select, "govuk-select"),
)
DEFAULT_CLASS = "govuk-input"
# Classes with an --error modifier; a lone checkbox has none (its form group carries it).
HAS_ERROR_MODIFIER = {"govuk-input", "govuk-textarea", "govuk-select", "govuk-file-upload"}
# The Submit and Button layout objects come with Bootstrap's classes; ours replace them.
BOOTSTRAP_BUTTON_CLASSES = {"btn", "btn-primary", "btn-secondary"}


def _gds_class(widget) -> str:
    for kind, name in WIDGET_CLASSES:
        if isinstance(widget, kind):
            return name
    return DEFAULT_CLASS


@register.filter
def gds_hint_id(field: BoundField) -> str:
    return f"{field.auto_id}-hint" if field.auto_id else ""


@register.filter
def gds_error_id(field: BoundField) -> str:
    return f"{field.auto_id}-error" if field.auto_id else ""


@register.filter
def gds_describedby(field: BoundField) -> str:
    """The ids `aria-describedby` names: one the form set itself, then hint, then error."""
    ids = field.field.widget.attrs.get("aria-describedby", "").split()
    if field.auto_id and field.help_text:
        ids.append(gds_hint_id(field))
    if field.auto_id and field.errors:
        ids.append(gds_error_id(field))
    return " ".join(ids)


@register.filter
def gds_widget(field: BoundField) -> str:
    """The field's widget with its GOV.UK class, error modifier and aria-describedby.

    Classes the form gave the widget (a width such as `govuk-input--width-10`) are kept.
    """
    name = _gds_class(field.field.widget)
    classes = [name]
    if field.errors and name in HAS_ERROR_MODIFIER:
        classes.append(f"{name}--error")
    for extra in field.field.widget.attrs.get("class", "").split():
        if extra not in classes:
            classes.append(extra)
    attrs = {"class": " ".join(classes)}
    if describedby := gds_describedby(field):
        attrs["aria-describedby"] = describedby
    return field.as_widget(attrs=attrs)


@register.filter
def gds_is_choice_group(field: BoundField) -> bool:
    """Radios or checkboxes: asked in a fieldset with a legend, one input per option."""
    return isinstance(field.field.widget, forms.RadioSelect)


@register.filter
def gds_error_target(field: BoundField) -> str:
    """The id an error summary links to: the input itself, or a group's first option."""
    if gds_is_choice_group(field):
        options = field.subwidgets
        return options[0].id_for_label if options else field.auto_id
    return field.id_for_label or field.auto_id


@register.filter
def gds_button_class(button) -> str:
    """GOV.UK button classes for a crispy Submit, Button or Reset, plus any css_class given."""
    kind = (
        "govuk-button" if button.input_type == "submit" else "govuk-button govuk-button--secondary"
    )
    extra = [name for name in button.field_classes.split() if name not in BOOTSTRAP_BUTTON_CLASSES]
    return " ".join([kind, *extra])
