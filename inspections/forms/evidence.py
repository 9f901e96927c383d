"""Forms for evidence, statements and attachments."""

from django import forms

from inspections.models import EvidenceKind, EvidenceSource
from inspections.validators import (
    EVIDENCE_TEXT_LIMIT,
    LEAD_LIMIT,
    attachment_type,
    validate_plain_text,
)


class EvidenceItemForm(forms.Form):
    kind = forms.ChoiceField(label="List", choices=EvidenceKind.choices)
    lead = forms.CharField(
        label="Bold lead phrase",
        required=False,
        max_length=LEAD_LIMIT,
        validators=[validate_plain_text],
        help_text="Optional; printed in bold before the text.",
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=EVIDENCE_TEXT_LIMIT,
        validators=[validate_plain_text],
        error_messages={"required": "Write the evidence: the text cannot be empty."},
    )
    source = forms.ChoiceField(
        label="Source", choices=[("", "Not recorded"), *EvidenceSource.choices], required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, sub_point: bool = False, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if sub_point or editing:
            # A sub-point sits in its parent's list; an item changes list with "Move to".
            del self.fields["kind"]
        if not editing:
            del self.fields["version"]

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Write the evidence: the text cannot be empty.")
        return text

    def clean_lead(self):
        return self.cleaned_data["lead"].strip()


def statement_form_class(criterion):
    """A form with one choice per graded slot of the criterion's template."""
    fields = {}
    for slot in criterion.slots:
        fields[f"slot_{slot.name}"] = forms.ChoiceField(
            label=slot.label,
            choices=[("", "Choose…"), *((option, option) for option in slot.options)],
            required=False,
        )
    fields["override"] = forms.CharField(
        label="Override the composed statement",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_plain_text],
        help_text="Leave empty to print the statement composed from the levels.",
    )
    fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
    form_class = type("StatementForm", (forms.Form,), fields)
    form_class.slot_names = [slot.name for slot in criterion.slots]
    form_class.chosen_levels = _chosen_levels
    return form_class


def _chosen_levels(form) -> dict[str, str]:
    return {
        name: form.cleaned_data[f"slot_{name}"]
        for name in form.slot_names
        if form.cleaned_data.get(f"slot_{name}")
    }


def statement_initial(assessment) -> dict:
    initial = {f"slot_{name}": value for name, value in assessment.chosen_levels.items()}
    initial["override"] = assessment.statement if assessment.statement_overridden else ""
    initial["version"] = assessment.version
    return initial


class AttachmentForm(forms.Form):
    file = forms.FileField(
        help_text="PDF, Office documents, images or text; at most 10 MB.",
        error_messages={"required": "Choose a file to attach."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = attachment_type(upload)
        return upload


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")], required=False)
    kind = forms.ChoiceField(choices=EvidenceKind.choices, required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("direction")) == bool(data.get("kind")):
            raise forms.ValidationError("Choose either a direction or a list to move to.")
        return data


class NoneIdentifiedForm(forms.Form):
    kind = forms.ChoiceField(choices=EvidenceKind.choices)
    marked = forms.TypedChoiceField(choices=[("1", "yes"), ("0", "no")], coerce=lambda v: v == "1")
