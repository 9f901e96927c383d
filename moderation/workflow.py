"""The area assessment workflow: every allowed transition in one table, and who may make it.

drafting -> submitted -> regionally moderated -> nationally moderated -> released -> published,
with referrals back to drafting from either panel, and from released back to the national panel
when the force comments on the grade. Each row names its guard (what must hold
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
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser

from inspections.models import (
    AreaAssessment,
    AssessmentStatus,
    InspectionStatus,
    TeamMembership,
    TeamRole,
)
from moderation.models import (
    AgendaItem,
    DecisionState,
    Dissent,
    ModerationPanel,
    PanelDecision,
    PanelKind,
    PanelMembership,
)
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
# lock(*, area): locks, inside the transition, the rows its guard reads.
Lock = Callable[..., None]


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
    lock: Lock | None = None


TRANSITIONS = [
    Transition(
        "submit",
        AssessmentStatus.DRAFTING,
        AssessmentStatus.SUBMITTED,
        TEAM_LEAD,
        "Submit to the regional panel",
        guard=steps.needs_nothing_missing,
        effect=steps.place_on_regional_agenda,
        lock=steps.lock_criteria,
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
    # A force's comment on the grade during its factual-accuracy check: the team cannot
    # change a grade, so the area goes back before the national panel, which concludes
    # again (or refers it further back to the team).
    Transition(
        "factual_refer_back",
        AssessmentStatus.RELEASED,
        AssessmentStatus.REGIONALLY_MODERATED,
        TEAM_LEAD,
        "Refer the grade back to the national panel",
        guard=steps.needs_open_grade_comment,
        effect=steps.reopen_for_national_panel,
        needs_reason=True,
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


# The stages an area passes through, as its page shows them, by the status it has there.
STAGES = (
    (AssessmentStatus.DRAFTING, "Drafting"),
    (AssessmentStatus.SUBMITTED, "Regional panel"),
    (AssessmentStatus.REGIONALLY_MODERATED, "National panel"),
    (AssessmentStatus.NATIONALLY_MODERATED, "Grade final, ready to release"),
    (AssessmentStatus.RELEASED, "Factual-accuracy check"),
    (AssessmentStatus.PUBLISHED, "Published"),
)


def stages(status: str) -> list[tuple[str, bool]]:
    """Each stage's name and whether the area is at it now."""
    return [(label, stage == status) for stage, label in STAGES]


def transitions_from(status: str) -> list[Transition]:
    return [transition for transition in TRANSITIONS if transition.source == status]


def may_be_reopened(status: str) -> bool:
    """Whether a step from `status` takes the area back to drafting (a panel's referral)."""
    return any(t.target == AssessmentStatus.DRAFTING for t in transitions_from(status))


@dataclass(frozen=True)
class Standing:
    """Where one user stands, read once: the inspections whose teams they are on and those
    they lead, the forces whose teams
    they were on, the panels they are a member of, the decisions they dissented from. The
    rules below take it in place of their own look-ups, so a page that asks them about many
    areas or items (the inbox) costs the same few queries as one; the services leave it out
    and the rules read the database, under the services' locks."""

    team_inspection_ids: frozenset = field(default_factory=frozenset)
    lead_inspection_ids: frozenset = field(default_factory=frozenset)
    team_force_ids: frozenset = field(default_factory=frozenset)
    member_panel_ids: frozenset = field(default_factory=frozenset)
    dissented_decision_ids: frozenset = field(default_factory=frozenset)


def standing_of(user: AbstractBaseUser) -> Standing:
    """Three queries, whatever the number of inspections, panels and decisions."""
    if not user.is_authenticated:
        return Standing()
    teams = list(
        TeamMembership.objects.filter(user_id=user.pk).values_list(
            "inspection_id", "inspection__force_id", "role"
        )
    )
    return Standing(
        team_inspection_ids=frozenset(inspection for inspection, _, _ in teams),
        lead_inspection_ids=frozenset(i for i, _, role in teams if role == TeamRole.LEAD),
        team_force_ids=frozenset(force for _, force, _ in teams),
        member_panel_ids=frozenset(
            PanelMembership.objects.filter(user_id=user.pk).values_list("panel_id", flat=True)
        ),
        dissented_decision_ids=frozenset(
            Dissent.objects.filter(member_id=user.pk).values_list("decision_id", flat=True)
        ),
    )


def is_team_lead(
    user: AbstractBaseUser, area: AreaAssessment, standing: Standing | None = None
) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if standing is not None:
        return area.inspection_id in standing.lead_inspection_ids
    return TeamMembership.objects.filter(
        inspection_id=area.inspection_id, user=user, role=TeamRole.LEAD
    ).exists()


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


def was_on_team(
    user: AbstractBaseUser, area: AreaAssessment, standing: Standing | None = None
) -> bool:
    """No self-moderation: whoever was on any inspection team of the area's force may not
    record a decision or a dissent on it (they may still chair and confirm)."""
    if standing is not None:
        return area.inspection.force_id in standing.team_force_ids
    return TeamMembership.objects.filter(
        user_id=user.pk, inspection__force_id=area.inspection.force_id
    ).exists()


def sits_on(
    user: AbstractBaseUser, panel: ModerationPanel, standing: Standing | None = None
) -> bool:
    """The chair, the deputy chair and the members."""
    if user.pk in (panel.chair_id, panel.deputy_chair_id):
        return True
    return is_panel_member(user, panel, standing)


def is_panel_member(
    user: AbstractBaseUser, panel: ModerationPanel, standing: Standing | None = None
) -> bool:
    if standing is not None:
        return panel.pk in standing.member_panel_ids
    return panel.memberships.filter(user_id=user.pk).exists()


def decision_refusal(
    user: AbstractBaseUser,
    item: AgendaItem,
    area: AreaAssessment,
    standing: Standing | None = None,
) -> str:
    """Why `user` may not record a decision on the agenda item now; empty when they may. The
    one rule for the service that records a decision, the page that offers the form and the
    inbox that lists it (which passes `standing`)."""
    panel = item.session.panel
    if not sits_on(user, panel, standing):
        return "Only members of this panel record its decisions."
    if was_on_team(user, area, standing):
        return (
            f"You were on {area.inspection.force.display_name}'s inspection team, so you cannot "
            "decide on it: another member records the decision."
        )
    if not may_record_as_chair(panel, user):
        return (
            "You chair this panel and it has no deputy chair, so nobody else could confirm a "
            "decision you record: let a member record it, or ask an administrator to name a "
            "deputy chair."
        )
    if not item.session.is_open:
        return "This session is closed."
    if area.status != panel.input_status:
        return (
            f"{area.framework.name} for {area.inspection.force.display_name} is "
            f"{area.get_status_display().lower()}: it is not before this panel."
        )
    return ""


def dissent_refusal(
    user: AbstractBaseUser, decision: PanelDecision, standing: Standing | None = None
) -> str:
    """Why `user` may not dissent from `decision`; empty when they may. A member other than
    the recorder and the chair dissents, once per decision (the deputy chair may dissent: they
    confirm only the chair's own decisions)."""
    panel = decision.item.session.panel
    if panel.chair_id == user.pk or not is_panel_member(user, panel, standing):
        return "Only the panel's members (not its chair) record a dissent."
    if was_on_team(user, decision.area, standing):
        return "You were on this force's inspection team, so you cannot dissent on its grade."
    if decision.recorded_by_id == user.pk:
        return "You recorded this decision; you cannot dissent from it."
    if decision.state not in (DecisionState.PENDING, DecisionState.CONFIRMED):
        return "This decision no longer stands."
    if _has_dissented(user, decision, standing):
        return "You have already recorded a dissent on this decision."
    return ""


def _has_dissented(
    user: AbstractBaseUser, decision: PanelDecision, standing: Standing | None
) -> bool:
    if standing is not None:
        return decision.pk in standing.dissented_decision_ids
    return decision.dissents.filter(member_id=user.pk).exists()


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
