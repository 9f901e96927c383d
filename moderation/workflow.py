"""The area assessment workflow: every allowed transition in one table, and who may make it.

drafting -> submitted -> regionally moderated -> nationally moderated -> released -> published,
with referrals back to drafting from either panel. Each row names its guard (what must hold
before the step) and its effect (what it changes beyond the status), both in
`moderation.services.steps`; `moderation.services.transitions` performs transitions by
running them; nothing else changes an area's status.

Who acts:
- the inspection's lead inspector submits, releases to the force and publishes;
- a panel's chair moves an area on by confirming a decision a member recorded (confirm or
  change the grade, or refer back). Confirming is the chair's seal on the panel's decision,
  not a decision of their own, so a chair who led the force's team may still confirm; a
  member who was on the force's team may neither record a decision nor dissent.
- four eyes: no grade moves on the word of one person, so whoever confirms a decision is never
  the person who recorded it. A decision the chair records is confirmed by the panel's deputy
  chair; a panel without a deputy chair takes no decision recorded by its chair.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from inspections.models import (
    AreaAssessment,
    AssessmentStatus,
    InspectionStatus,
    TeamMembership,
    TeamRole,
)
from moderation.models import ModerationPanel, PanelDecision, PanelKind
from moderation.services import steps

TEAM_LEAD = "team_lead"
REGIONAL_CHAIR = "regional_chair"
NATIONAL_CHAIR = "national_chair"
ACTOR_NAMES = {
    TEAM_LEAD: "the inspection's lead inspector",
    REGIONAL_CHAIR: "the chair of the force's regional panel",
    NATIONAL_CHAIR: "the chair of the area's national panel",
}


# guard(*, area, decision) -> the problems that stand in the way, empty when the step may go.
Guard = Callable[..., list]
# effect(*, area, decision, user): the changes beyond the status; the caller saves the area.
Effect = Callable[..., None]


@dataclass(frozen=True)
class Transition:
    action: str
    source: str
    target: str
    actor: str
    label: str
    guard: Guard
    effect: Effect
    needs_reason: bool = False


TRANSITIONS = [
    Transition(
        "submit",
        AssessmentStatus.DRAFTING,
        AssessmentStatus.SUBMITTED,
        TEAM_LEAD,
        "Submit to the regional panel",
        guard=steps.needs_nothing_missing,
        effect=steps.place_on_regional_agenda,
    ),
    Transition(
        "regional_moderate",
        AssessmentStatus.SUBMITTED,
        AssessmentStatus.REGIONALLY_MODERATED,
        REGIONAL_CHAIR,
        "Confirm the regional panel's decision",
        guard=steps.needs_confirmed_decision,
        effect=steps.place_on_national_agenda,
    ),
    Transition(
        "regional_refer_back",
        AssessmentStatus.SUBMITTED,
        AssessmentStatus.DRAFTING,
        REGIONAL_CHAIR,
        "Refer back to the team (regional panel)",
        guard=steps.needs_confirmed_decision,
        effect=steps.void_earlier_decisions,
        needs_reason=True,
    ),
    Transition(
        "national_conclude",
        AssessmentStatus.REGIONALLY_MODERATED,
        AssessmentStatus.NATIONALLY_MODERATED,
        NATIONAL_CHAIR,
        "Confirm the national panel's final grade",
        guard=steps.needs_confirmed_decision,
        effect=steps.set_final_grade,
    ),
    Transition(
        "national_refer_back",
        AssessmentStatus.REGIONALLY_MODERATED,
        AssessmentStatus.DRAFTING,
        NATIONAL_CHAIR,
        "Refer back to the team (national panel)",
        guard=steps.needs_confirmed_decision,
        effect=steps.void_earlier_decisions,
        needs_reason=True,
    ),
    Transition(
        "release",
        AssessmentStatus.NATIONALLY_MODERATED,
        AssessmentStatus.RELEASED,
        TEAM_LEAD,
        "Release the draft to the force",
        guard=steps.needs_final_grade,
        effect=steps.no_further_effect,
    ),
    Transition(
        "publish",
        AssessmentStatus.RELEASED,
        AssessmentStatus.PUBLISHED,
        TEAM_LEAD,
        "Publish",
        guard=steps.needs_comments_answered,
        effect=steps.no_further_effect,
    ),
]
BY_ACTION = {transition.action: transition for transition in TRANSITIONS}
# The transitions a team lead starts with a button on the area page; the others follow a
# panel decision being confirmed.
LEAD_ACTIONS = ("submit", "release", "publish")
# Which transition a confirmed decision makes, by panel kind and whether it refers back.
DECISION_ACTIONS = {
    (PanelKind.REGIONAL, False): "regional_moderate",
    (PanelKind.REGIONAL, True): "regional_refer_back",
    (PanelKind.NATIONAL, False): "national_conclude",
    (PanelKind.NATIONAL, True): "national_refer_back",
}


def transitions_from(status: str) -> list[Transition]:
    return [transition for transition in TRANSITIONS if transition.source == status]


def is_team_lead(user: AbstractBaseUser, area: AreaAssessment) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and TeamMembership.objects.filter(
            inspection_id=area.inspection_id, user=user, role=TeamRole.LEAD
        ).exists()
    )


def confirmer_id(panel: ModerationPanel, decision: PanelDecision) -> int | None:
    """Who confirms (or declines) `decision`: the chair, or the deputy chair when the chair
    recorded it. Never the recorder; None when nobody may (a chair's decision, no deputy)."""
    if decision.recorded_by_id != panel.chair_id:
        return panel.chair_id
    return panel.deputy_chair_id


def may_record_as_chair(panel: ModerationPanel, user: AbstractBaseUser) -> bool:
    """A chair records a decision only when a deputy chair is there to confirm it."""
    return panel.chair_id != user.pk or panel.deputy_chair_id is not None


def is_chair_for(
    user: AbstractBaseUser, area: AreaAssessment, kind: str, decision: PanelDecision | None
) -> bool:
    """The user is the one who confirms the decision on the panel it was recorded on (the
    chair, or the deputy for the chair's own decision), and that panel covers the area."""
    if decision is None or decision.area_id != area.pk or decision.stage != kind:
        return False
    panel: ModerationPanel = decision.item.session.panel
    if decision.recorded_by_id == user.pk:
        return False
    return panel.kind == kind and confirmer_id(panel, decision) == user.pk and panel.covers(area)


def was_on_team(user: AbstractBaseUser, area: AreaAssessment) -> bool:
    """No self-moderation: whoever was on any inspection team of the area's force may not
    record a decision or a dissent on it (they may still chair and confirm)."""
    return TeamMembership.objects.filter(
        user_id=user.pk, inspection__force_id=area.inspection.force_id
    ).exists()


def actor_allowed(
    transition: Transition,
    user: AbstractBaseUser,
    area: AreaAssessment,
    decision: PanelDecision | None = None,
) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if transition.actor == TEAM_LEAD:
        return is_team_lead(user, area)
    kind = PanelKind.REGIONAL if transition.actor == REGIONAL_CHAIR else PanelKind.NATIONAL
    return is_chair_for(user, area, kind, decision)


def inspection_status_for(statuses: list[str]) -> str:
    """An inspection's status from its areas' statuses.

    Published once every area is; with the force for factual accuracy as soon as any area has
    been released (the liaison then sees the released areas only); in moderation while any
    area is before a panel; otherwise in fieldwork.
    """
    if statuses and all(status == AssessmentStatus.PUBLISHED for status in statuses):
        return InspectionStatus.PUBLISHED
    released = (AssessmentStatus.RELEASED, AssessmentStatus.PUBLISHED)
    if any(status in released for status in statuses):
        return InspectionStatus.FACTUAL_ACCURACY
    moderation = (
        AssessmentStatus.SUBMITTED,
        AssessmentStatus.REGIONALLY_MODERATED,
        AssessmentStatus.NATIONALLY_MODERATED,
    )
    if any(status in moderation for status in statuses):
        return InspectionStatus.MODERATION
    return InspectionStatus.FIELDWORK
