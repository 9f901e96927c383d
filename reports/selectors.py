"""Report runs scoped to what a user may see. Anything out of reach raises Http404."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from inspections.models import Inspection, Programme
from reports.models import ReportRun
from reports.permissions import visible_runs_q


def runs_for_user(*, user: AbstractBaseUser) -> QuerySet[ReportRun]:
    return ReportRun.objects.filter(visible_runs_q(user))


def run_get_for_user(*, user: AbstractBaseUser, pk: int) -> ReportRun:
    queryset = runs_for_user(user=user).select_related(
        "inspection__force", "inspection__programme", "programme"
    )
    return get_object_or_404(queryset, pk=pk)


def inspection_runs_for_user(
    *, user: AbstractBaseUser, inspection: Inspection
) -> QuerySet[ReportRun]:
    """The runs of an inspection (which the caller checked the user may see), newest first."""
    return runs_for_user(user=user).filter(inspection=inspection).select_related("requested_by")


def programme_runs_for_user(*, user: AbstractBaseUser, programme: Programme) -> QuerySet[ReportRun]:
    """The national report runs of a programme the user may see, newest first."""
    return runs_for_user(user=user).filter(programme=programme).select_related("requested_by")
