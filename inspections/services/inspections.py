"""Writes that span several inspection models."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from forces.models import Force
from inspections.models import (
    AreaAssessment,
    CriterionAssessment,
    Inspection,
    Programme,
    TeamMembership,
    TeamRole,
)


@transaction.atomic
def inspection_create(
    *,
    force: Force,
    programme: Programme,
    lead: AbstractBaseUser | None = None,
    inspectors: list[AbstractBaseUser] = (),
    **fields,
) -> Inspection:
    """Create an inspection with an area assessment per programme area and a criterion
    assessment per leaf criterion, so every page and report can rely on them existing.

    Invariants: one inspection per force and programme (the database refuses a second);
    areas follow the programme's order.
    """
    inspection = Inspection.objects.create(force=force, programme=programme, **fields)
    areas = programme.areas.select_related("framework").order_by("order")
    for programme_area in areas:
        area = AreaAssessment.objects.create(
            inspection=inspection, framework=programme_area.framework, order=programme_area.order
        )
        # Evidence and statements belong to leaf criteria; parents are headings that group them.
        leaves = programme_area.framework.criteria.filter(children__isnull=True)
        CriterionAssessment.objects.bulk_create(
            CriterionAssessment(area=area, criterion=criterion) for criterion in leaves
        )
    if lead is not None:
        TeamMembership.objects.create(inspection=inspection, user=lead, role=TeamRole.LEAD)
    for user in inspectors:
        TeamMembership.objects.create(inspection=inspection, user=user, role=TeamRole.INSPECTOR)
    return inspection
