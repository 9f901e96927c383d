"""The form an addressee fills in to respond to a recommendation."""

from django import forms

from inspections.models import ResponseStatus
from inspections.services.responses import ACCOUNT_LIMIT
from reports.forms.recommendations import PlainTextField


class ResponseForm(forms.Form):
    status = forms.ChoiceField(
        label="Response",
        choices=ResponseStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the response's status."},
    )
    account = PlainTextField(
        label="Account of the response",
        max_length=ACCOUNT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What has been done or will be done, by when, and why; plain text.",
        error_messages={"required": "Write the account of the response; it cannot be empty."},
    )
    reason = PlainTextField(
        label="Reason for the change (optional; required from an administrator)",
        max_length=200,
        required=False,
        help_text="Kept in the response's history.",
    )
    version = forms.CharField(required=False, widget=forms.HiddenInput)
