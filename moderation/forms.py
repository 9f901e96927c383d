"""Forms for grades, panel decisions, workflow steps and factual-accuracy comments.

Forms check shape and plain text; the services check the rules (who, when, which grade).
"""

from django import forms

from grading.models import GradeLevel
from inspections.validators import LEAD_LIMIT, REASON_TEXT_LIMIT, validate_plain_text
from moderation.models import CommentResponse, DecisionOutcome
from moderation.workflow import LEAD_ACTIONS


def _text(label: str, required: bool = True, rows: int = 4, help_text: str = "", **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        max_length=REASON_TEXT_LIMIT,
        strip=True,
        validators=[validate_plain_text],
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        **kwargs,
    )


class GradeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: GradeLevel) -> str:
        return obj.label


class GradeProposalForm(forms.Form):
    grade = GradeChoiceField(
        label="Proposed grade",
        queryset=GradeLevel.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a grade.", "invalid_choice": "Choose a grade."},
    )
    rationale = _text(
        "Rationale against the criteria",
        rows=8,
        help_text="Cite the criteria by number, e.g. (1.2), as the report's rationale would.",
        error_messages={"required": "Write the rationale for the proposed grade."},
    )
    departure_reason = _text(
        "Why the grade differs from the indicator guidance",
        required=False,
        help_text="Needed only when the grade is not one the guidance supports.",
    )
    # The proposal as the page was opened (services.grades.grade_version); a save from a page
    # opened before another save is refused. Missing, it never matches, so nothing is forced.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].queryset = GradeLevel.objects.filter(scheme=scheme).order_by("rank")


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Decision",
        choices=DecisionOutcome.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": "Choose confirm, change or refer back."},
    )
    grade = GradeChoiceField(
        label="New grade",
        queryset=GradeLevel.objects.none(),
        required=False,
        empty_label="Choose the new grade",
        help_text="Only when the decision changes the grade.",
    )
    reason = _text(
        "Reason",
        required=False,
        help_text="Needed when the panel changes the grade or refers the assessment back.",
    )

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].queryset = GradeLevel.objects.filter(scheme=scheme).order_by("rank")


class ChairNoteForm(forms.Form):
    note = _text("Why you do not confirm it", rows=3)


class SessionOpenForm(forms.Form):
    title = forms.CharField(
        label="Title of the session",
        max_length=150,
        strip=True,
        validators=[validate_plain_text],
        error_messages={
            "required": "Write the session's title.",
            "max_length": "Keep the session's title under 150 characters.",
        },
    )
    held_on = forms.DateField(
        label="The day it sits (optional)",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d-%m-%Y"],
        error_messages={"invalid": "Give the day as day/month/year, for example 14/03/2009."},
    )


class DissentForm(forms.Form):
    reason = _text("Your dissent", rows=3)


class LeadActionForm(forms.Form):
    action = forms.ChoiceField(choices=[(action, action) for action in LEAD_ACTIONS])


class AgendaAddForm(forms.Form):
    area = forms.IntegerField(widget=forms.HiddenInput)


class FactualCommentForm(forms.Form):
    section = forms.CharField(widget=forms.HiddenInput, required=False)
    comment = _text("Comment", rows=3, error_messages={"required": "Write what is inaccurate."})
    proposed_correction = _text(
        "Proposed correction",
        rows=3,
        error_messages={"required": "Write the correction you propose."},
    )


class FactualAnswerForm(forms.Form):
    # A comment on the grade is answered by referral (FactualReferForm), never here.
    response = forms.ChoiceField(
        label="Answer",
        choices=[
            (CommentResponse.ACCEPTED.value, CommentResponse.ACCEPTED.label),
            (CommentResponse.NOT_ACCEPTED.value, CommentResponse.NOT_ACCEPTED.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose accepted with change or not accepted."},
    )
    text = _text(
        "The change you will make, or why not",
        rows=3,
        error_messages={
            "required": "Write the change you will make, or why the comment is not accepted."
        },
    )


class FactualChangeForm(forms.Form):
    """The corrected text of the one section an accepted comment opens."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Reload the page and make the change again.",
            "invalid": "Reload the page and make the change again.",
        },
    )
    lead = forms.CharField(
        label="Lead phrase (optional)",
        required=False,
        max_length=LEAD_LIMIT,
        strip=True,
        validators=[validate_plain_text],
        error_messages={"max_length": f"Keep the lead phrase under {LEAD_LIMIT} characters."},
    )
    text = _text("Corrected text", rows=5, error_messages={"required": "Write the corrected text."})
    # A force overview section's change carries the overview's fingerprint instead of a version.
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class FactualReferForm(forms.Form):
    reason = _text(
        "Why the grade goes back to the national panel",
        rows=3,
        error_messages={"required": "Write why the grade goes back to the national panel."},
    )
