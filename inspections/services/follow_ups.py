"""Follow-ups: the team's assessment of each earlier area for improvement."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inspections.exceptions import EditConflict, WorkflowRefused
from inspections.models import FollowUp, FollowUpOutcome, Inspection
from inspections.services.locks import criterion_assessment_lock
from inspections.validators import validate_plain_text

FOLLOW_UP_TEXT_LIMIT = 5000
HISTORY_REASON = "Follow-up assessed"


def _check(outcome: str, evidence: str, account: str) -> None:
    if outcome not in FollowUpOutcome.values:
        raise ValidationError({"outcome": "Choose how far the earlier area has been addressed."})
    if not account.strip():
        raise ValidationError({"account": "Write a short account of the progress made."})
    for name, value in (("evidence", evidence), ("account", account)):
        try:
            validate_plain_text(value)
        except ValidationError as exc:
            raise ValidationError({name: exc.messages}) from exc
        if len(value) > FOLLOW_UP_TEXT_LIMIT:
            raise ValidationError({name: f"Write at most {FOLLOW_UP_TEXT_LIMIT:,} characters."})


@transaction.atomic
def follow_up_assess(
    *,
    follow_up: FollowUp,
    user: AbstractBaseUser,
    version: int,
    outcome: str,
    evidence: str = "",
    account: str,
) -> FollowUp:
    """Record the team's assessment of one follow-up, attributed and in its history.

    A follow-up under a criterion changes only while that criterion's area is drafting (the
    criterion's lock, taken first as every evidence write does, refuses otherwise); one under
    the inspection as a whole until the inspection is published. Refuses with EditConflict
    when someone saved since `version`, and ValidationError for a missing outcome or account
    or for mark-up.
    """
    if follow_up.criterion_assessment_id:
        criterion_assessment_lock(follow_up.criterion_assessment_id)
    current = FollowUp.objects.select_for_update(of=("self",)).get(pk=follow_up.pk)
    if not current.criterion_assessment_id:
        inspection = Inspection.objects.get(pk=current.inspection_id)
        if inspection.is_published:
            raise WorkflowRefused("The inspection is published: its follow-ups no longer change.")
    if current.version != version:
        raise EditConflict(current)
    evidence, account = evidence.strip(), account.strip()
    _check(outcome, evidence, account)
    current.outcome, current.evidence, current.account = outcome, evidence, account
    current.assessed_by, current.assessed_at = user, timezone.now()
    current.version += 1  # safe: the row lock above serialises writers
    current._history_user = user
    current._change_reason = HISTORY_REASON
    current.save()
    return current
