"""Builders for agendas of many forces: the national panel's comparison and its query counts."""

from inspections.models import AssessmentStatus, EvidenceKind
from inspections.services import inspection_create
from moderation.models import (
    DecisionOutcome,
    DecisionState,
    ModerationPanel,
    PanelDecision,
    PanelKind,
    PanelSession,
)
from tests.factories import EvidenceItemFactory, ForceFactory, RegionFactory
from tests.moderation.moderation_support import grade, np_area


def evidence(area, strengths: int, improvements: int, author) -> None:
    """Items straight from the factory, on the area's first criterion: the page compares
    counts, not wording."""
    assessment = area.criteria.order_by("criterion__order").first()
    for kind, count in (
        (EvidenceKind.STRENGTH, strengths),
        (EvidenceKind.AREA_FOR_IMPROVEMENT, improvements),
    ):
        for _ in range(count):
            EvidenceItemFactory(criterion_assessment=assessment, kind=kind, author=author)


def regional_decision(area, lead, outcome=DecisionOutcome.CONFIRM) -> PanelDecision:
    """A confirmed regional decision on the area, as the regional panel of its region left it."""
    force = area.inspection.force
    panel, _ = ModerationPanel.objects.get_or_create(
        kind=PanelKind.REGIONAL,
        programme=area.inspection.programme,
        region=force.region,
        defaults={"chair": lead},
    )
    session, _ = PanelSession.objects.get_or_create(panel=panel, title="Regional sitting")
    item = session.items.create(area=area, added_by=lead)
    return PanelDecision.objects.create(
        item=item,
        area=area,
        stage=PanelKind.REGIONAL,
        outcome=outcome,
        grade=area.proposed_grade,
        recorded_by=lead,
        state=DecisionState.CONFIRMED,
        settled_by=lead,
    )


def national_force(session, lead, *, name, region, proposal="Meeting", counts=(3, 3), outcome=None):
    """A force whose Neighbourhood Policing area, proposed `proposal` with `counts` (strengths,
    areas for improvement), awaits the national panel on `session`'s agenda."""
    force = ForceFactory(name=name, region=RegionFactory(name=region))
    inspection = inspection_create(
        force=force, programme=session.panel.programme, lead=lead, inspectors=[]
    )
    area = np_area(inspection)
    evidence(area, *counts, author=lead)
    area.proposed_grade = grade(proposal, area)
    area.status = AssessmentStatus.REGIONALLY_MODERATED  # moved by hand: the pages read it
    area.save()
    if outcome:
        regional_decision(area, lead, outcome)
    session.items.create(area=area, added_by=lead)
    return area


def national_agenda(session, lead, count: int, start: int = 0) -> list:
    """`count` forces in three regions, alternately confirmed and changed regionally."""
    outcomes = (DecisionOutcome.CONFIRM, DecisionOutcome.CHANGE)
    return [
        national_force(
            session,
            lead,
            name=f"Shire {n}",
            region=f"Region {n % 3}",
            counts=(n % 4 + 1, 2),
            outcome=outcomes[n % 2],
        )
        for n in range(start, start + count)
    ]
