"""Reads scoped to what a user may see. Anything out of reach raises Http404, never 403,
so a stranger cannot even learn that an inspection exists."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from grading.models import Criterion, criteria_tree_order
from inspections.models import (
    CriterionAssessment,
    EvidenceAttachment,
    EvidenceItem,
    EvidenceKind,
    Inspection,
    NoneIdentified,
)
from inspections.permissions import visible_area_ids, visible_inspection_ids


def inspections_for_user(*, user: AbstractBaseUser) -> QuerySet[Inspection]:
    return Inspection.objects.filter(pk__in=visible_inspection_ids(user))


def inspections_with_progress(*, user: AbstractBaseUser) -> QuerySet[Inspection]:
    """The user's inspections with how far their statements and evidence have come."""
    criteria = CriterionAssessment.objects.filter(area__inspection=OuterRef("pk"))
    written = criteria.exclude(statement="")
    evidence = EvidenceItem.objects.filter(criterion_assessment__area__inspection=OuterRef("pk"))
    return (
        inspections_for_user(user=user)
        .select_related("force", "programme")
        .annotate(
            criteria_total=_count(criteria, "area__inspection"),
            statements_written=_count(written, "area__inspection"),
            evidence_total=_count(evidence, "criterion_assessment__area__inspection"),
        )
        .order_by("-programme__year", "force__name")
    )


def _count(queryset, group_by: str) -> Coalesce:
    # Subqueries rather than joined Counts: three joined one-to-many counts would multiply.
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1]), 0)


def inspection_get_for_user(*, user: AbstractBaseUser, pk: int) -> Inspection:
    queryset = inspections_for_user(user=user).select_related("force__region", "programme")
    return get_object_or_404(queryset, pk=pk)


def criterion_assessment_get_for_user(*, user: AbstractBaseUser, pk: int) -> CriterionAssessment:
    """With `has_indicators`, so a page shows its outcome panel only when it needs one, at no
    extra query for the criteria without indicators."""
    carried = Criterion.indicators.through.objects.filter(criterion=OuterRef("criterion"))
    queryset = (
        CriterionAssessment.objects.filter(area__in=visible_area_ids(user))
        .select_related(
            "criterion__parent",
            "area__framework__scheme",
            "area__inspection__force",
            "area__inspection__programme",
        )
        .annotate(has_indicators=Exists(carried), **_none_identified_flags())
    )
    return get_object_or_404(queryset, pk=pk)


def _none_identified_flags() -> dict:
    """`none_identified_<kind>`: whether the team marked that list deliberately empty."""
    return {
        f"none_identified_{kind}": Exists(
            NoneIdentified.objects.filter(criterion_assessment=OuterRef("pk"), kind=kind)
        )
        for kind in EvidenceKind.values
    }


def evidence_item_get_for_user(*, user: AbstractBaseUser, pk: int) -> EvidenceItem:
    queryset = EvidenceItem.objects.filter(
        criterion_assessment__area__in=visible_area_ids(user)
    ).select_related(
        "author",
        "parent",
        "criterion_assessment__criterion",
        "criterion_assessment__area__framework",
        "criterion_assessment__area__inspection__force",
    )
    return get_object_or_404(queryset, pk=pk)


def attachment_get_for_user(*, user: AbstractBaseUser, pk: int) -> EvidenceAttachment:
    queryset = EvidenceAttachment.objects.filter(
        item__criterion_assessment__area__in=visible_area_ids(user)
    ).select_related("item__criterion_assessment__area__inspection")
    return get_object_or_404(queryset, pk=pk)


def _top_level_count(kind: str) -> Count:
    return Count("evidence", filter=Q(evidence__kind=kind, evidence__parent__isnull=True))


def criterion_assessments_with_counts(*, inspection: Inspection) -> QuerySet:
    """Every criterion assessment of the inspection with its three list sizes and the team's
    "none identified" marks, in one query."""
    return (
        CriterionAssessment.objects.filter(area__inspection=inspection)
        .select_related("criterion__parent", "area")
        .annotate(
            strengths=_top_level_count(EvidenceKind.STRENGTH),
            work_in_progress=_top_level_count(EvidenceKind.WORK_IN_PROGRESS),
            areas_for_improvement=_top_level_count(EvidenceKind.AREA_FOR_IMPROVEMENT),
            **_none_identified_flags(),
        )
        .order_by("area__order", *criteria_tree_order("criterion__"))
    )
