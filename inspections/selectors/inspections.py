"""Reads scoped to what a user may see. Anything out of reach raises Http404, never 403,
so a stranger cannot even learn that an inspection exists."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from grading.models import Criterion, criteria_tree_order
from inspections.completeness import LIST_FIELDS, still_missing
from inspections.models import (
    CriterionAssessment,
    EvidenceAttachment,
    EvidenceItem,
    EvidenceKind,
    FollowUp,
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
    queryset = inspections_for_user(user=user).select_related(
        "force__region", "programme", "opening__previous__programme"
    )
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
        .annotate(
            has_indicators=Exists(carried),
            has_follow_ups=Exists(FollowUp.objects.filter(criterion_assessment=OuterRef("pk"))),
            **_none_identified_flags(),
        )
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


def criteria_with_lists(*, areas) -> QuerySet[CriterionAssessment]:
    """The criterion assessments of `areas` (a list or a queryset) by area, then in tree
    order, each with its three list sizes (`strengths`, `work_in_progress`,
    `areas_for_improvement`: top-level items) and whether the team marked each list "none
    identified" (`strengths_none`, ...), and how many follow-ups placed under it are still
    unassessed (`follow_ups_pending`), in one query. `completeness.still_missing` reads them.
    """
    annotations = {}
    for kind, name in LIST_FIELDS.items():
        annotations[name] = _top_level_count(kind)
        marks = NoneIdentified.objects.filter(criterion_assessment=OuterRef("pk"), kind=kind)
        annotations[f"{name}_none"] = Exists(marks)
    # A subquery, not a second Count over a join: two joined counts would multiply.
    pending = (
        FollowUp.objects.filter(criterion_assessment=OuterRef("pk"), outcome="")
        .order_by()
        .values("criterion_assessment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    annotations["follow_ups_pending"] = Coalesce(Subquery(pending), 0)
    return (
        CriterionAssessment.objects.filter(area__in=areas)
        .select_related("criterion__parent__parent", "area")
        .annotate(**annotations)
        .order_by("area__order", "area_id", *criteria_tree_order("criterion__"))
    )


def inspection_sections(*, user: AbstractBaseUser, inspection: Inspection) -> list[tuple]:
    """Per area of the inspection that `user` may see: the area and its criterion rows (from
    `criteria_with_lists`), each row carrying `missing`, what it still needs. Two queries."""
    areas = list(
        inspection.areas.filter(pk__in=visible_area_ids(user))
        .select_related("framework", "proposed_grade", "final_grade")
        .order_by("order", "pk")
    )
    rows_by_area: dict[int, list] = {area.pk: [] for area in areas}
    areas_by_pk = {area.pk: area for area in areas}
    for row in criteria_with_lists(areas=areas):
        row.missing = still_missing(row)
        # The area loaded above, with its framework, so a row names its area at no query.
        row.area = areas_by_pk[row.area_id]
        rows_by_area[row.area_id].append(row)
    return [(area, rows_by_area[area.pk]) for area in areas]


def next_criterion_to_complete(sections: list[tuple]) -> CriterionAssessment | None:
    """The first criterion, in page order, of an area still being drafted that still needs
    something (`row.missing`, from `inspection_sections`): the team's next step."""
    for area, rows in sections:
        if not area.is_editable:
            continue
        for row in rows:
            if row.missing:
                return row
    return None
