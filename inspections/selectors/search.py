"""Reads for evidence search, every one scoped to the inspections the user may see.

The filter choices come from here too, so a dropdown never names a force, programme,
criterion or author the user could not find evidence for.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from forces.models import Force
from grading.models import Criterion, Framework, criteria_tree_order
from inspections.models import AreaAssessment, EvidenceItem, EvidenceKind, Inspection, Programme
from inspections.permissions import visible_area_ids, visible_inspection_ids

# The report prints strengths first, then work in progress, then areas for improvement.
_KIND_POSITION = Case(
    *(When(kind=kind, then=Value(i)) for i, kind in enumerate(EvidenceKind.values)),
    output_field=IntegerField(),
)


def evidence_search_queryset(*, user: AbstractBaseUser) -> QuerySet[EvidenceItem]:
    """Every evidence item the user may see, with what a result shows, in report order.

    Sub-points are included; each follows its parent item.
    """
    return (
        EvidenceItem.objects.filter(criterion_assessment__area__in=visible_area_ids(user))
        .select_related(
            "author",
            "parent",
            "criterion_assessment__criterion__parent__parent",
            "criterion_assessment__area__framework",
            "criterion_assessment__area__inspection__force",
            "criterion_assessment__area__inspection__programme",
        )
        .order_by(
            "-criterion_assessment__area__inspection__programme__year",
            "criterion_assessment__area__inspection__force__name",
            "criterion_assessment__area__order",
            *criteria_tree_order("criterion_assessment__criterion__"),
            _KIND_POSITION,
            Coalesce("parent__order", "order"),
            F("parent_id").asc(nulls_first=True),
            "order",
            "pk",
        )
    )


def evidence_kind_counts(queryset: QuerySet[EvidenceItem]) -> dict[str, int]:
    """How many items of each kind a search found, and in all, in one query."""
    per_kind = {kind: Count("pk", filter=Q(kind=kind)) for kind in EvidenceKind.values}
    return queryset.order_by().aggregate(total=Count("pk"), **per_kind)


def _visible_areas(user: AbstractBaseUser) -> QuerySet[AreaAssessment]:
    return AreaAssessment.objects.filter(inspection__in=visible_inspection_ids(user))


def search_forces_for_user(*, user: AbstractBaseUser) -> QuerySet[Force]:
    visible = Inspection.objects.filter(pk__in=visible_inspection_ids(user))
    return Force.objects.filter(pk__in=visible.values("force")).order_by("name")


def search_programmes_for_user(*, user: AbstractBaseUser) -> QuerySet[Programme]:
    visible = Inspection.objects.filter(pk__in=visible_inspection_ids(user))
    return Programme.objects.filter(pk__in=visible.values("programme")).order_by("-year")


def search_frameworks_for_user(*, user: AbstractBaseUser) -> QuerySet[Framework]:
    return Framework.objects.filter(pk__in=_visible_areas(user).values("framework"))


def search_criteria_for_user(*, user: AbstractBaseUser) -> QuerySet[Criterion]:
    assessed = _visible_areas(user).values("criteria__criterion")
    return (
        Criterion.objects.filter(pk__in=assessed)
        .select_related("framework", "parent__parent")
        .order_by("-framework__version", "framework__name", *criteria_tree_order())
    )


def search_authors_for_user(*, user: AbstractBaseUser) -> QuerySet:
    authors = EvidenceItem.objects.filter(
        criterion_assessment__area__inspection__in=visible_inspection_ids(user)
    ).values("author")
    return (
        get_user_model()
        .objects.filter(pk__in=authors)
        .order_by("last_name", "first_name", "username")
    )
