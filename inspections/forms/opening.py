"""Choosing the force whose next inspection a lead inspector or administrator opens."""

from django import forms

from forces.models import Force
from inspections.models import Programme


class OpenInspectionForm(forms.Form):
    force = forms.ModelChoiceField(
        label="Force",
        queryset=Force.objects.none(),
        empty_label="Choose a force",
        help_text="Forces without an inspection in this programme.",
        error_messages={"required": "Choose the force whose inspection to open."},
    )

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["force"].queryset = Force.objects.exclude(
            inspections__programme=programme
        ).order_by("name")
