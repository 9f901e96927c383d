"""The team's assessment of a follow-up."""

from django import forms

from inspections.models import FollowUpOutcome
from inspections.services.follow_ups import FOLLOW_UP_TEXT_LIMIT
from inspections.validators import validate_plain_text


class FollowUpAssessForm(forms.Form):
    outcome = forms.ChoiceField(
        label="How far has it been addressed?",
        choices=FollowUpOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how far the earlier area has been addressed."},
    )
    evidence = forms.CharField(
        label="Evidence",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=FOLLOW_UP_TEXT_LIMIT,
        validators=[validate_plain_text],
        help_text="What the team saw: documents, interviews, reality testing.",
    )
    account = forms.CharField(
        label="Account of progress",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=FOLLOW_UP_TEXT_LIMIT,
        validators=[validate_plain_text],
        help_text="A sentence or two, printed in the report.",
        error_messages={"required": "Write a short account of the progress made."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


def follow_up_initial(follow_up) -> dict:
    return {
        "outcome": follow_up.outcome or None,
        "evidence": follow_up.evidence,
        "account": follow_up.account,
        "version": follow_up.version,
    }
