"""Reads for the indicator pages, scoped so that no force leaks to a user who may not see it."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from forces.models import Force, MostSimilarGroup
from grading.models import IndicatorResult
from inspections.models import Inspection, Programme
from inspections.permissions import sees_every_inspection, visible_inspection_ids


def programme_get_by_year(*, year: int) -> Programme:
    return get_object_or_404(Programme, year=year)


def programme_get_latest() -> Programme:
    """The programme of the latest year, where "latest" links (navigation) lead; 404 if none."""
    programme = Programme.objects.order_by("-year").first()
    if programme is None:
        raise Http404("No inspection programme exists yet.")
    return programme


def indicator_forces_for_user(*, user: AbstractBaseUser, programme: Programme) -> QuerySet[Force]:
    """Forces whose indicator calls the user may see in `programme`.

    Moderators and administrators see every force inspected in the programme or with results
    for its data year; everyone else sees only the forces of inspections they may see.
    """
    inspected = Inspection.objects.filter(programme=programme)
    if sees_every_inspection(user):
        reported = IndicatorResult.objects.filter(year=programme.period_end.year)
        condition = Q(pk__in=inspected.values("force")) | Q(pk__in=reported.values("force"))
    else:
        visible = inspected.filter(pk__in=visible_inspection_ids(user))
        condition = Q(pk__in=visible.values("force"))
    return Force.objects.filter(condition).select_related("region").order_by("name")


def similar_force_ids(*, force: Force, programme: Programme) -> list[int]:
    """The force and the members of its MSF group in force at the end of the programme."""
    group = (
        MostSimilarGroup.objects.filter(force=force, effective_from__lte=programme.period_end)
        .order_by("-effective_from")
        .first()
    )
    members = list(group.members.values_list("pk", flat=True)) if group else []
    return [force.pk, *members]
