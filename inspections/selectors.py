"""Reads scoped to what a user may see."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from inspections.models import Inspection


def inspections_for_user(*, user: AbstractBaseUser) -> QuerySet[Inspection]:
    """Inspections the user may see: all for staff with the view permission, else their team's.

    Force liaisons see nothing until a draft is released to them (a later workflow step).
    """
    if user.is_superuser or user.has_perm("inspections.view_all_inspections"):
        return Inspection.objects.all()
    return Inspection.objects.filter(memberships__user=user).distinct()
