"""The team's explicit "none identified" marks on a criterion's lists."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from inspections.models import CriterionAssessment, EvidenceItem, EvidenceKind, NoneIdentified
from inspections.services.locks import criterion_assessment_lock


@transaction.atomic
def none_identified_set(
    *, assessment: CriterionAssessment, user: AbstractBaseUser, kind: str, marked: bool
) -> bool:
    """Mark a list as deliberately empty, or take the mark away; True if anything changed.

    Invariants: only while the area is drafting (AssessmentLocked); a list with items cannot
    be marked empty.
    """
    if kind not in EvidenceKind.values:
        raise ValidationError("Unknown evidence list.")
    criterion_assessment_lock(assessment.pk)
    existing = NoneIdentified.objects.filter(criterion_assessment=assessment, kind=kind).first()
    if not marked:
        if existing is None:
            return False
        existing._history_user = user
        existing.delete()
        return True
    if existing is not None:
        return False
    items = EvidenceItem.objects.filter(criterion_assessment=assessment, kind=kind)
    if items.exists():
        raise ValidationError("This list has evidence, so it cannot be marked “none identified”.")
    mark = NoneIdentified(criterion_assessment=assessment, kind=kind, marked_by=user)
    mark._history_user = user
    mark.save()
    return True


def none_identified_clear(*, assessment_id: int, kind: str, user: AbstractBaseUser) -> None:
    """Drop the mark once a list gets an item; the caller holds the criterion's lock."""
    for mark in NoneIdentified.objects.filter(criterion_assessment_id=assessment_id, kind=kind):
        mark._history_user = user
        mark.delete()
