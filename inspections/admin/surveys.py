"""A programme's survey settings, per-force overrides, and the wording of indicator calls."""

import string

from django import forms
from django.contrib import admin
from django.utils.html import escape

from grading.outcome_wording import DEFAULT_WORDING, PLACEHOLDERS, unknown_placeholders
from inspections.models import ForceSurveyOverride, OutcomeWording, SurveySettings
from inspections.models.surveys import DEFAULTS

_SETTING_COLUMNS = [
    "bcs_sample_per_force",
    "user_sample_per_unit",
    "minority_sample_per_year",
    "msf_multiplier",
    "deft_bcs",
    "deft_user",
]


def _add_help(field: forms.Field | None, note: str) -> forms.Field | None:
    # The admin prints help text unescaped, so it is escaped here.
    if field is not None:
        field.help_text = escape(" ".join(filter(None, [str(field.help_text), note])))
    return field


@admin.register(SurveySettings)
class SurveySettingsAdmin(admin.ModelAdmin):
    list_display = ["programme", *_SETTING_COLUMNS, "confidence"]
    list_select_related = ["programme"]
    ordering = ["-programme__year"]
    autocomplete_fields = ["programme"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in DEFAULTS:
            return _add_help(field, f"Empty uses {DEFAULTS[db_field.name]}.")
        return field


@admin.register(ForceSurveyOverride)
class ForceSurveyOverrideAdmin(admin.ModelAdmin):
    list_display = ["force", "programme", *_SETTING_COLUMNS, "reason"]
    list_filter = ["programme"]
    list_select_related = ["force", "programme"]
    search_fields = ["force__name", "force__short_name", "reason"]
    ordering = ["-programme__year", "force__name"]
    autocomplete_fields = ["force"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in DEFAULTS:
            return _add_help(field, "Empty uses the programme's survey settings.")
        return field


def _braces(names) -> str:
    return ", ".join("{" + name + "}" for name in sorted(names))


def wording_problem(key: str, template: str) -> str | None:
    """Why this template cannot be used for the `key` sentence, or None if it can."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError:
        return (
            "The braces do not pair up. Write each placeholder as {name}; to print a brace "
            "itself, double it: {{ or }}."
        )
    for _, name, format_spec, conversion in parts:
        if name == "":
            return "Empty braces {} name no placeholder. Use one of: " + _braces(PLACEHOLDERS[key])
        if name is not None and (format_spec or conversion):
            return (
                f"Write the placeholder {{{name}}} on its own: the figures arrive already "
                "formatted, so nothing may follow its name inside the braces."
            )
    unknown = unknown_placeholders(key, template)
    if unknown:
        return (
            f"This sentence cannot fill {_braces(unknown)}. Use only: {_braces(PLACEHOLDERS[key])}."
        )
    return None


class OutcomeWordingForm(forms.ModelForm):
    class Meta:
        model = OutcomeWording
        fields = ["programme", *DEFAULT_WORDING]
        widgets = {key: forms.Textarea(attrs={"rows": 3, "cols": 80}) for key in DEFAULT_WORDING}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, default in DEFAULT_WORDING.items():
            self.fields[key].help_text = escape(
                f"Leave empty to use the default: “{default}” "
                f"Placeholders: {_braces(PLACEHOLDERS[key])}."
            )

    def clean(self):
        cleaned_data = super().clean()
        for key in DEFAULT_WORDING:
            problem = wording_problem(key, cleaned_data.get(key) or "")
            if problem:
                self.add_error(key, problem)
        return cleaned_data


@admin.register(OutcomeWording)
class OutcomeWordingAdmin(admin.ModelAdmin):
    form = OutcomeWordingForm
    list_display = ["programme"]
    list_select_related = ["programme"]
    ordering = ["-programme__year"]
    autocomplete_fields = ["programme"]
