"""Reads of follow-ups, scoped to what the reader may see.

A follow-up under a criterion is seen by whoever sees that criterion's area; one under the
inspection as a whole is the inspectorate's (the team and those who see every inspection)
until the inspection is published.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from inspections.models import CriterionAssessment, FollowUp, Inspection
from inspections.permissions import sees_moderation, visible_area_ids, visible_inspection_ids


def _visible(user: AbstractBaseUser) -> QuerySet[FollowUp]:
    under_criteria = Q(criterion_assessment__area__in=visible_area_ids(user))
    whole = Q(criterion_assessment__isnull=True, inspection__in=visible_inspection_ids(user))
    return FollowUp.objects.filter(under_criteria | whole)


def follow_up_get_for_user(*, user: AbstractBaseUser, pk: int) -> FollowUp:
    queryset = _visible(user).select_related(
        "inspection__force",
        "inspection__programme",
        "source_inspection__programme",
        "criterion_assessment__criterion__parent",
        "criterion_assessment__area__framework",
        "assessed_by",
    )
    follow_up = get_object_or_404(queryset, pk=pk)
    if follow_up.criterion_assessment_id is None and not _sees_whole(user, follow_up.inspection):
        raise Http404("No such follow-up.")
    return follow_up


def _sees_whole(user: AbstractBaseUser, inspection: Inspection) -> bool:
    return inspection.is_published or sees_moderation(user, inspection)


def criterion_follow_ups(*, assessment: CriterionAssessment) -> list[FollowUp]:
    """The follow-ups placed under one criterion, in the earlier report's order. No query when
    `assessment` comes from `criterion_assessment_get_for_user` and has none."""
    if not getattr(assessment, "has_follow_ups", True):
        return []
    return list(
        assessment.follow_ups.select_related(
            "assessed_by", "source_inspection__programme"
        ).order_by("order")
    )


def inspection_follow_ups(*, user: AbstractBaseUser, inspection: Inspection) -> list[FollowUp]:
    """The follow-ups under the inspection as a whole (their area has no successor); empty for
    a reader who may not see them."""
    if not _sees_whole(user, inspection):
        return []
    rows = inspection.follow_ups.filter(criterion_assessment__isnull=True)
    return list(
        rows.select_related("assessed_by", "source_inspection__programme").order_by("order")
    )


def inspection_opening(inspection: Inspection):
    """The inspection's opening record, or None (inspections created before opening existed,
    or by the demo). `inspection_get_for_user` has already joined it."""
    try:
        return inspection.opening
    except ObjectDoesNotExist:
        return None


def whole_follow_up_count(*, inspection: Inspection) -> int:
    """Only an inspection opened from an earlier one has follow-ups: no query otherwise."""
    opening = inspection_opening(inspection)
    if opening is None or opening.previous_id is None:
        return 0
    return inspection.follow_ups.filter(criterion_assessment__isnull=True).count()


def area_follow_ups(*, area) -> list[FollowUp]:
    """The follow-ups placed under an area's criteria, for the moderation pages (whose own
    access check has already let the reader see the area)."""
    rows = FollowUp.objects.filter(criterion_assessment__area=area)
    return list(
        rows.select_related("criterion_assessment__criterion__parent", "assessed_by").order_by(
            "order"
        )
    )
