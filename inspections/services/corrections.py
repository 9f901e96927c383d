"""An administrator's corrections: the one way to change evidence or a statement once the team
can no longer change it, recorded with who, when, why and the text before and after.

Corrections are for wording (a name misspelt, a figure mistyped) while an area is before the
panels or with the force; a published report never changes, and while an area is being
drafted the team corrects it on the criterion page, where its own rules apply.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from inspections import roles
from inspections.exceptions import WorkflowRefused
from inspections.models import (
    AreaAssessment,
    AssessmentStatus,
    Correction,
    CorrectionField,
    CriterionAssessment,
    EvidenceItem,
)
from inspections.validators import LEAD_LIMIT, checked_text

HISTORY_REASON = "Administrator's correction"


def may_correct(user: AbstractBaseUser) -> bool:
    return roles.has_role(user, roles.ADMINISTRATOR)


def _locked_area(criterion_assessment_id: int) -> tuple[CriterionAssessment, AreaAssessment]:
    # The criterion first, as every evidence writer locks it, then its area.
    assessment = CriterionAssessment.objects.select_for_update(of=("self",)).get(
        pk=criterion_assessment_id
    )
    area = AreaAssessment.objects.select_for_update(of=("self",)).get(pk=assessment.area_id)
    return assessment, area


def _check(user: AbstractBaseUser, area: AreaAssessment, reason: str) -> str:
    if not may_correct(user):
        raise WorkflowRefused("Only administrators make corrections.")
    if area.status == AssessmentStatus.PUBLISHED:
        raise WorkflowRefused(
            "This area is published, and a published report never changes: nothing was saved."
        )
    if area.status == AssessmentStatus.DRAFTING:
        raise WorkflowRefused(
            "This area is being drafted: its team corrects it on the criterion page. Nothing "
            "was saved."
        )
    return checked_text(reason, "why the correction is needed", required=True)


def _record(*, user, area, assessment, item, field, before, after, reason) -> Correction:
    if before == after:
        raise WorkflowRefused("The corrected text is the same as the text now: nothing to save.")
    return Correction.objects.create(
        area=area,
        criterion_assessment=assessment,
        evidence_item=item,
        field=field,
        area_status=area.status,
        before=before,
        after=after,
        reason=reason,
        made_by=user,
    )


@transaction.atomic
def evidence_item_correct(
    *, item: EvidenceItem, user: AbstractBaseUser, text: str, lead: str, reason: str
) -> list[Correction]:
    """Correct an item's text and lead phrase; returns a Correction per field changed.

    Invariants: only an administrator; only while the area is past drafting and not
    published; plain text within the product's limits; the item's version moves on, so a page
    opened before the correction cannot overwrite it; its history row names the user and says
    it was a correction. Refusals raise WorkflowRefused and save nothing.
    """
    assessment, area = _locked_area(item.criterion_assessment_id)
    reason = _check(user, area, reason)
    current = EvidenceItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
    text = checked_text(text, "the item's text", required=True)
    lead = checked_text(lead, "the lead phrase", required=False)
    if len(lead) > LEAD_LIMIT:
        raise WorkflowRefused(f"Keep the lead phrase under {LEAD_LIMIT} characters.")
    changes = [
        (CorrectionField.EVIDENCE_TEXT, current.text, text),
        (CorrectionField.EVIDENCE_LEAD, current.lead, lead),
    ]
    changes = [change for change in changes if change[1] != change[2]]
    if not changes:
        raise WorkflowRefused("The corrected text is the same as the text now: nothing to save.")
    records = [
        _record(
            user=user,
            area=area,
            assessment=assessment,
            item=current,
            field=field,
            before=before,
            after=after,
            reason=reason,
        )
        for field, before, after in changes
    ]
    current.text, current.lead = text, lead
    current.version += 1
    current._history_user = user
    current._change_reason = HISTORY_REASON
    current.save()
    return records


@transaction.atomic
def criterion_statement_correct(
    *, assessment: CriterionAssessment, user: AbstractBaseUser, statement: str, reason: str
) -> Correction:
    """Correct a criterion's summary statement, with the invariants of
    `evidence_item_correct`; the statement is marked as written by hand from then on."""
    current, area = _locked_area(assessment.pk)
    reason = _check(user, area, reason)
    statement = checked_text(statement, "the summary statement", required=True)
    record = _record(
        user=user,
        area=area,
        assessment=current,
        item=None,
        field=CorrectionField.STATEMENT,
        before=current.statement,
        after=statement,
        reason=reason,
    )
    current.statement, current.statement_overridden = statement, True
    current.version += 1
    current._history_user = user
    current._change_reason = HISTORY_REASON
    current.save()
    return record
