"""Forms for a programme's recommendations and national summary."""

from django import forms
from django.core.exceptions import ValidationError

from inspections.models import AddresseeBody
from inspections.validators import validate_plain_text
from reports.services.recommendations import MAX_NUMBER

TEXT_LIMIT = 5_000
SUMMARY_LIMIT = 20_000


def _plain(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


class PlainTextField(forms.CharField):
    """Plain text with Unix line endings; HTML is refused, as everywhere in the product."""

    def __init__(self, **kwargs):
        super().__init__(validators=[validate_plain_text], **kwargs)

    def to_python(self, value):
        return _plain(super().to_python(value))


class RecommendationForm(forms.Form):
    number = forms.IntegerField(
        min_value=1,
        max_value=MAX_NUMBER,
        help_text="Unique within the programme; the report prints the recommendations in this "
        "order.",
        error_messages={"required": "Enter the recommendation's number."},
    )
    text = PlainTextField(
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write the recommendation's text; it cannot be empty."},
    )
    addressed_to = PlainTextField(
        label="Addressed to (optional)",
        max_length=300,
        required=False,
        help_text="Who is asked to act, e.g. chief officers or the Home Office.",
    )
    to_all_forces = forms.BooleanField(
        label="Every force is asked to respond (each force's liaison answers for it)",
        required=False,
    )
    bodies = forms.ModelMultipleChoiceField(
        label="National bodies asked to respond",
        queryset=AddresseeBody.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Administrators keep the list of bodies and name who answers for each.",
    )
    # The saved row's updated_at when the form was opened; a later save refuses a mismatch.
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, taken_numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.taken_numbers = set(taken_numbers)

    def clean_number(self) -> int:
        number = self.cleaned_data["number"]
        if number in self.taken_numbers:
            raise ValidationError(
                f"Recommendation {number} already exists. Choose another number, or move the "
                "recommendations with the arrows on the list.",
                code="duplicate",
            )
        return number


class NationalSummaryForm(forms.Form):
    title = PlainTextField(
        label="Title (optional)",
        max_length=200,
        required=False,
        initial="Summary",
        help_text="The heading the report prints over the summary.",
    )
    body = PlainTextField(
        label="Summary",
        max_length=SUMMARY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Leave a blank line between paragraphs; start a line with “- ” for a bullet "
        "point.",
        error_messages={"required": "Write the summary; it cannot be empty."},
    )
    version = forms.CharField(required=False, widget=forms.HiddenInput)
