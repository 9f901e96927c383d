"""The national demo: every territorial force's 2008 inspection (`inspections.demo.national`)
taken through the workflow, so each stage from drafting to published has areas in it, with
the regional and national panels, their sessions, agenda items and decisions.

The rows are those the workflow's services write for each step (`moderation.workflow`): the
lead's proposal; the submission event and the regional agenda item; a member's regional
decision confirmed by the chair, its event and the national agenda item; the national
decision, its event and the final grade; then the release and publication events. They are
written in bulk rather than step by step, because a step's guard and e-mail serve a person
acting, not a loader; history rows name the demo as their source.
"""

import datetime
import time

from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.utils import timezone

from inspections.demo import DEMO_YEAR, national
from inspections.demo import content_national as bank
from inspections.demo.content import LEAD_USERNAME
from inspections.demo.people import demo_users_ensure
from inspections.models import (
    AreaAssessment,
    AssessmentStatus,
    EvidenceItem,
    Inspection,
    InspectionStatus,
    Programme,
)
from inspections.reference import reference_data_load
from inspections.services.history import inspection_history_source_set
from moderation.models import (
    AgendaItem,
    AssessmentEvent,
    DecisionOutcome,
    DecisionState,
    GradeProposal,
    ModerationPanel,
    PanelKind,
    PanelMembership,
    PanelSession,
)
from moderation.selectors import grade_under_review
from moderation.workflow import inspection_status_for

# The order of the stages; each force's areas start at a different place in it.
STAGE_ORDER = (
    AssessmentStatus.DRAFTING,
    AssessmentStatus.SUBMITTED,
    AssessmentStatus.REGIONALLY_MODERATED,
    AssessmentStatus.NATIONALLY_MODERATED,
    AssessmentStatus.RELEASED,
    AssessmentStatus.PUBLISHED,
)
# The workflow's steps in order (`moderation.workflow.TRANSITIONS`, without referrals): the
# action each event names, the status it leaves and the status it reaches.
STEPS = (
    ("submit", AssessmentStatus.DRAFTING, AssessmentStatus.SUBMITTED),
    ("regional_moderate", AssessmentStatus.SUBMITTED, AssessmentStatus.REGIONALLY_MODERATED),
    (
        "national_conclude",
        AssessmentStatus.REGIONALLY_MODERATED,
        AssessmentStatus.NATIONALLY_MODERATED,
    ),
    ("release", AssessmentStatus.NATIONALLY_MODERATED, AssessmentStatus.RELEASED),
    ("publish", AssessmentStatus.RELEASED, AssessmentStatus.PUBLISHED),
)
# The titles of the two-force demo's sessions (`moderation.demo`), so both demos share them.
REGIONAL_SESSION = ("{} regional moderation", datetime.date(2008, 7, 8))
NATIONAL_SESSION = ("{}: national moderation", datetime.date(2008, 9, 16))
PANEL_MEMBER = "panel"
PUBLISHED_ON = datetime.date(2008, 11, 3)
LEADS_ON_NATIONAL_PANELS = 3


@transaction.atomic
def national_demo_load() -> dict:
    """Load the reference data, then replace the national demo: users, every territorial
    force's 2008 inspection with evidence and grades, survey results, panels, sessions and
    workflow records. Returns counts and the seconds it took.

    Invariants: a second run leaves the same rows (the demo's earlier inspections and their
    history are deleted first, in this transaction); an inspection of a real force the demo
    did not write is never touched, and its force is left out; every history row written
    names the demo as its source.
    """
    started = time.monotonic()
    reference_data_load()
    programme = Programme.objects.get(year=DEMO_YEAR)
    replaced = national.national_inspections_delete()
    existing = demo_users_ensure()
    users = {**existing, **national.national_users_ensure()}
    created = national.national_inspections_create(
        programme=programme, users=users, existing=existing
    )
    panels = national_panels_ensure(programme=programme, users=users)
    for number, (inspection, ranks) in enumerate(created):
        _workflow_write(inspection, ranks, number, panels, users)
        inspection_history_source_set(inspection_id=inspection.pk, source=bank.NATIONAL_SOURCE)
    indicators = national.national_indicator_results_write(
        ranks_by_force={inspection.force_id: ranks for inspection, ranks in created}
    )
    return _summary(created, replaced, indicators, panels, users, time.monotonic() - started)


def _summary(created, replaced, indicators, panels, users, seconds) -> dict:
    ids = [inspection.pk for inspection, _ in created]
    areas = AreaAssessment.objects.filter(inspection_id__in=ids)
    return {
        "forces": Inspection.objects.filter(
            programme__year=DEMO_YEAR, force__is_fictional=False
        ).count(),
        "inspections": len(ids),
        "replaced_inspections": replaced,
        "evidence_items": EvidenceItem.objects.filter(criterion_assessment__area__in=areas).count(),
        "indicator_results": indicators,
        "panels": len(panels),
        "sessions": PanelSession.objects.filter(panel__in=panels.values()).count(),
        "agenda_items": AgendaItem.objects.filter(area__in=areas).count(),
        "decisions": sum(area.decisions.count() for area in areas),
        "stages": {
            status: areas.filter(status=status).count() for status in AssessmentStatus.values
        },
        "users": sorted(users),
        "seconds": round(seconds, 1),
    }


def national_panels_ensure(
    *, programme: Programme, users: dict[str, AbstractUser]
) -> dict[tuple[str, int], ModerationPanel]:
    """A regional panel per region with forces and a national panel per area of the
    programme, each chaired by the demo's lead inspector with an open session. Members: the
    demo's panel member and lead inspectors of other regions. Safe to repeat."""
    chair = users[LEAD_USERNAME]
    leads = sorted(name for name in users if name.startswith("lead-"))
    panels = {}
    for region in national.regions_with_forces():
        own = national.lead_username(region)
        members = [PANEL_MEMBER, *[name for name in leads if name != own][:2]]
        panel = _panel_ensure(
            programme, chair, [users[name] for name in members], region=region, framework=None
        )
        _session_ensure(panel, REGIONAL_SESSION, region.name)
        panels[(PanelKind.REGIONAL, region.pk)] = panel
    for framework in programme.frameworks.all():
        members = [PANEL_MEMBER, *leads[:LEADS_ON_NATIONAL_PANELS]]
        panel = _panel_ensure(
            programme, chair, [users[name] for name in members], region=None, framework=framework
        )
        _session_ensure(panel, NATIONAL_SESSION, framework.name)
        panels[(PanelKind.NATIONAL, framework.pk)] = panel
    return panels


def _panel_ensure(programme, chair, members, *, region, framework) -> ModerationPanel:
    panel, _ = ModerationPanel.objects.update_or_create(
        kind=PanelKind.REGIONAL if region else PanelKind.NATIONAL,
        programme=programme,
        region=region,
        framework=framework,
        defaults={"chair": chair},
    )
    for user in members:
        PanelMembership.objects.get_or_create(panel=panel, user=user)
    return panel


def _session_ensure(panel, session, scope: str) -> PanelSession:
    title, held_on = session
    found, _ = PanelSession.objects.get_or_create(
        panel=panel, title=title.format(scope), defaults={"held_on": held_on, "is_open": True}
    )
    return found


def _workflow_write(inspection: Inspection, ranks, number: int, panels, users) -> None:
    """Take each area to the stage the force's number gives it, writing each step's rows."""
    lead = users[national.lead_username(inspection.force.region)]
    areas = list(inspection.areas.select_related("framework__scheme", "proposed_grade"))
    for offset, area in enumerate(areas):
        stage = STAGE_ORDER[_stage_index(number, offset)]
        GradeProposal.objects.create(
            area=area, grade=area.proposed_grade, rationale=area.grade_rationale, proposed_by=lead
        )
        for action, source, target in STEPS:
            if STAGE_ORDER.index(target) > STAGE_ORDER.index(stage):
                break
            _step_write(area, action, source, target, lead, panels, users)
            area.status = target
        area.save()
    inspection.status = inspection_status_for([area.status for area in areas])
    # As the publish step does, on the demo's timeline rather than today.
    if inspection.status == InspectionStatus.PUBLISHED:
        inspection.publication_date = PUBLISHED_ON
    inspection.save(update_fields=["status", "publication_date"])


def _stage_index(number: int, offset: int) -> int:
    """Forces go round the stages in turn; in every other run of six, the second area is one
    stage behind the first, so some inspections are wholly at one stage and others between
    two (and whole inspections are in fieldwork, in moderation, with the force, published)."""
    first = number % len(STAGE_ORDER)
    behind = (number // len(STAGE_ORDER)) % 2
    return max(first - behind * offset, 0)


def _step_write(area, action, source, target, lead, panels, users) -> None:
    decision = None
    actor = lead
    if action == "submit":
        _agenda_place(panels[(PanelKind.REGIONAL, area.inspection.force.region_id)], area, lead)
    elif action in ("regional_moderate", "national_conclude"):
        kind = PanelKind.REGIONAL if action == "regional_moderate" else PanelKind.NATIONAL
        scope = area.inspection.force.region_id if kind == PanelKind.REGIONAL else area.framework_id
        panel = panels[(kind, scope)]
        decision = _decision_write(area, panel, kind, users)
        actor = panel.chair
        if kind == PanelKind.REGIONAL:
            _agenda_place(panels[(PanelKind.NATIONAL, area.framework_id)], area, actor)
        else:
            area.final_grade = decision.grade
    AssessmentEvent.objects.create(
        area=area,
        action=action,
        from_status=source,
        to_status=target,
        actor=actor,
        decision=decision,
    )


def _agenda_place(panel: ModerationPanel, area: AreaAssessment, user: AbstractUser) -> None:
    session = panel.sessions.filter(is_open=True).first()
    AgendaItem.objects.get_or_create(
        session=session, area=area, defaults={"added_by": user, "order": session.items.count() + 1}
    )


def _decision_write(area, panel, kind, users):
    """A member's decision, confirmed by the chair: the proposal confirmed, or a failing
    proposal changed to meeting the standard at the regional panel."""
    item = AgendaItem.objects.get(session__panel=panel, area=area)
    # The grade before the panel, as its agenda shows it: the proposal, then the regional
    # panel's; the national panel concludes the regional grade as it stands.
    current = grade_under_review(area)
    grade = _regional_grade(area) if kind == PanelKind.REGIONAL else current
    changed = grade != current
    team = set(area.inspection.memberships.values_list("user_id", flat=True))
    recorder = next(
        member for member in panel.members.order_by("username") if member.pk not in team
    )
    decision = item.decisions.create(
        area=area,
        stage=kind,
        outcome=DecisionOutcome.CHANGE if changed else DecisionOutcome.CONFIRM,
        grade=grade,
        reason=_decision_reason(changed),
        recorded_by=recorder,
        state=DecisionState.CONFIRMED,
        settled_by=panel.chair,
        settled_at=timezone.now(),
    )
    return decision


def _regional_grade(area: AreaAssessment):
    levels = list(area.framework.scheme.levels.order_by("rank"))
    if area.proposed_grade.rank == len(levels) and len(levels) > 1:
        return levels[1]
    return area.proposed_grade


def _decision_reason(changed: bool) -> str:
    if changed:
        return (
            "The evidence shows the elements of the standard in place, so the panel grades "
            "the force as meeting it."
        )
    return "The evidence supports the grade the team proposed."
