"""Demo moderation: the 2008 panels, their open sessions, and the workflow records of the demo
inspections (grade proposals, Northmoor's submission), written over `inspections.demo`.

Every panel is chaired by the demo lead inspector, who also leads both demo teams: as chair he
confirms decisions, but he cannot record one on either force; `panel` records them.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import transaction

from inspections.demo import DEMO_YEAR
from inspections.demo import demo_load as evidence_demo_load
from inspections.demo.content import LEAD_USERNAME
from inspections.models import (
    AreaAssessment,
    AssessmentStatus,
    Inspection,
    Programme,
)
from moderation.models import (
    AgendaItem,
    AssessmentEvent,
    GradeProposal,
    ModerationPanel,
    PanelKind,
    PanelMembership,
    PanelSession,
)

User = get_user_model()
PANEL_MEMBERS = ("panel",)
REGIONAL_SESSION = datetime.date(2008, 7, 8)
NATIONAL_SESSION = datetime.date(2008, 9, 16)


@transaction.atomic
def demo_load() -> dict:
    """The evidence demo (`inspections.demo.demo_load`), then its panels, sessions and
    workflow records; returns the evidence demo's summary with the number of panels.

    Invariants: as the evidence demo's: repeatable, leaving the same rows each time; the
    workflow rows of replaced inspections go with them (they cascade from the areas).
    """
    summary = evidence_demo_load()
    programme = Programme.objects.get(year=DEMO_YEAR)
    users = {user.username: user for user in User.objects.filter(username__in=summary["users"])}
    inspections = list(
        Inspection.objects.filter(pk__in=summary["inspection_ids"]).select_related("force")
    )
    summary["moderation_panels"] = demo_panels_ensure(
        programme=programme, users=users, inspections=inspections
    )
    for inspection in inspections:
        demo_workflow_write(inspection=inspection, users=users)
    return summary


def _panel_ensure(programme, users, *, kind, region=None, framework=None) -> ModerationPanel:
    panel, _ = ModerationPanel.objects.update_or_create(
        kind=kind,
        programme=programme,
        region=region,
        framework=framework,
        defaults={"chair": users[LEAD_USERNAME]},
    )
    for username in PANEL_MEMBERS:
        PanelMembership.objects.get_or_create(panel=panel, user=users[username])
    return panel


def _session_ensure(panel: ModerationPanel, title: str, held_on) -> PanelSession:
    session, _ = PanelSession.objects.get_or_create(
        panel=panel, title=title, defaults={"held_on": held_on, "is_open": True}
    )
    return session


def demo_panels_ensure(
    *, programme: Programme, users: dict[str, AbstractUser], inspections: list[Inspection]
) -> int:
    """One regional panel per demo force's region and one national panel per area, each with
    an open session. Safe to repeat. Returns the number of panels."""
    panels = 0
    for region in {inspection.force.region for inspection in inspections}:
        panel = _panel_ensure(programme, users, kind=PanelKind.REGIONAL, region=region)
        _session_ensure(panel, f"{region.name} regional moderation", REGIONAL_SESSION)
        panels += 1
    for framework in programme.frameworks.all():
        panel = _panel_ensure(programme, users, kind=PanelKind.NATIONAL, framework=framework)
        _session_ensure(panel, f"{framework.name}: national moderation", NATIONAL_SESSION)
        panels += 1
    return panels


def demo_workflow_write(*, inspection: Inspection, users: dict[str, AbstractUser]) -> None:
    """Record what the demo content implies: the lead's proposals, and for submitted areas
    the submission and its agenda place."""
    lead = users[LEAD_USERNAME]
    for area in inspection.areas.select_related("framework", "proposed_grade"):
        if area.proposed_grade is not None:
            GradeProposal.objects.create(
                area=area,
                grade=area.proposed_grade,
                rationale=area.grade_rationale,
                proposed_by=lead,
            )
        if area.status == AssessmentStatus.SUBMITTED:
            _submission_record(area, inspection, lead)


def _submission_record(area: AreaAssessment, inspection: Inspection, lead: AbstractUser) -> None:
    AssessmentEvent.objects.create(
        area=area,
        action="submit",
        from_status=AssessmentStatus.DRAFTING,
        to_status=AssessmentStatus.SUBMITTED,
        actor=lead,
    )
    session = PanelSession.objects.filter(
        panel__kind=PanelKind.REGIONAL,
        panel__programme=inspection.programme,
        panel__region=inspection.force.region,
        is_open=True,
    ).first()
    if session is not None:
        AgendaItem.objects.create(
            session=session, area=area, added_by=lead, order=session.items.count() + 1
        )
