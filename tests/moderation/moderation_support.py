"""Builders shared by the workflow, grade, moderation and factual-accuracy tests."""

import datetime

from grading.models import GradeLevel
from inspections.models import AreaAssessment, CriterionAssessment, EvidenceKind
from inspections.services import evidence as evidence_services
from inspections.services.none_identified import none_identified_set
from inspections.services.statements import criterion_statement_save
from moderation.models import ModerationPanel, PanelKind, PanelMembership, PanelSession
from moderation.services.panels import panel_decision_confirm, panel_decision_record
from moderation.services.proposals import grade_propose
from moderation.services.transitions import area_transition

NP_RATIONALE = (
    "Staffing (1.1) and engagement (1.2) are sound, problem solving (1.3) is established, "
    "and plans are funded (4)."
)


def np_area(inspection) -> AreaAssessment:
    return inspection.areas.select_related("framework__scheme").get(framework__code="np")


def grade(label_start: str, area: AreaAssessment) -> GradeLevel:
    return area.framework.scheme.levels.get(label__startswith=label_start)


def write_statement(assessment: CriterionAssessment, user) -> None:
    slots = assessment.criterion.slots
    assessment.refresh_from_db()
    criterion_statement_save(
        assessment=assessment,
        user=user,
        version=assessment.version,
        chosen_levels={slot.name: slot.options[0] for slot in slots},
    )


def complete_criterion(assessment: CriterionAssessment, user) -> None:
    """A statement, one strength, and the other two lists marked "none identified"."""
    if assessment.criterion.statement_template:
        write_statement(assessment, user)
    evidence_services.evidence_item_create(
        assessment=assessment, user=user, kind=EvidenceKind.STRENGTH, text="A strength."
    )
    for kind in (EvidenceKind.WORK_IN_PROGRESS, EvidenceKind.AREA_FOR_IMPROVEMENT):
        none_identified_set(assessment=assessment, user=user, kind=kind, marked=True)


def complete_area(area: AreaAssessment, inspector, lead, proposal: str = "Meeting") -> None:
    for assessment in area.criteria.select_related("criterion"):
        complete_criterion(assessment, inspector)
    grade_propose(area=area, user=lead, grade=grade(proposal, area), rationale=NP_RATIONALE)


def panels_for(programme, force, framework, chair, members, *, other_region_member=None):
    """A regional panel for the force's region and a national one for the area, each with an
    open session; returns (regional session, national session)."""
    regional = ModerationPanel.objects.create(
        kind=PanelKind.REGIONAL, programme=programme, region=force.region, chair=chair
    )
    national = ModerationPanel.objects.create(
        kind=PanelKind.NATIONAL, programme=programme, framework=framework, chair=chair
    )
    for panel in (regional, national):
        for member in members:
            PanelMembership.objects.create(panel=panel, user=member)
    sessions = [
        PanelSession.objects.create(
            panel=panel, title=f"{panel} sitting", held_on=datetime.date(2008, 7, 1)
        )
        for panel in (regional, national)
    ]
    return sessions[0], sessions[1]


def submit(area, inspector, lead) -> None:
    complete_area(area, inspector, lead)
    area_transition(area=area, user=lead, action="submit")


def decide(area, member, chair, outcome="confirm", grade_level=None, reason=""):
    """A member records a decision on the area's open agenda item and the chair confirms it."""
    item = area.agenda_items.select_related("session__panel").order_by("-pk").first()
    decision = panel_decision_record(
        item=item, user=member, outcome=outcome, grade=grade_level, reason=reason
    )
    panel_decision_confirm(decision=decision, user=chair)
    area.refresh_from_db()
    return decision


def to_released(area, inspector, lead, member) -> None:
    """Submitted, moderated regionally and nationally (confirmed), then released."""
    submit(area, inspector, lead)
    decide(area, member, lead)
    decide(area, member, lead)
    area_transition(area=area, user=lead, action="release")
    area.refresh_from_db()
