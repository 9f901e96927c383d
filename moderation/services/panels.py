"""Panel business: agendas, decisions recorded by members, the chair's confirmation, dissent.

A decision moves nothing by itself: when the chair confirms it, `area_transition` makes the
step it stands for. Decisions are never edited; they are confirmed, declined or voided once.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from grading.models import GradeLevel
from inspections.exceptions import WorkflowRefused
from inspections.models import AreaAssessment
from inspections.validators import checked_text
from moderation import notifications
from moderation.models import (
    AgendaItem,
    DecisionOutcome,
    DecisionState,
    Dissent,
    PanelDecision,
    PanelSession,
)
from moderation.selectors import grade_under_review
from moderation.services.transitions import area_transition
from moderation.workflow import DECISION_ACTIONS, confirmer_id, decision_refusal, dissent_refusal


def _locked_session(session_id: int) -> PanelSession:
    """The session's row, locked and read afresh: the chair's closing it (which locks it too)
    waits for an agenda item being added, or the addition sees it closed, so no session
    closes with an area left stranded on its agenda."""
    return (
        PanelSession.objects.select_for_update(of=("self",))
        .select_related("panel")
        .get(pk=session_id)
    )


@transaction.atomic
def agenda_item_add(
    *, session: PanelSession, area: AreaAssessment, user: AbstractBaseUser
) -> AgendaItem:
    """Put an area on a session's agenda. Only the chair does; the area must be this panel's
    business (its region or area, its programme, and the status the panel moderates)."""
    session = _locked_session(session.pk)
    panel = session.panel
    if panel.chair_id != user.pk:
        raise WorkflowRefused("Only the panel's chair sets its agenda.")
    if not session.is_open:
        raise WorkflowRefused("This session is closed.")
    if not panel.awaiting().filter(pk=area.pk).exists():
        raise WorkflowRefused(f"{area} is not waiting for this panel.")
    item, _ = AgendaItem.objects.get_or_create(
        session=session, area=area, defaults={"added_by": user, "order": session.items.count() + 1}
    )
    return item


def _decision_grade(area, outcome: str, grade: GradeLevel | None, reason: str):
    current = grade_under_review(area)
    if outcome == DecisionOutcome.CONFIRM:
        if current is None:
            raise WorkflowRefused("There is no grade to confirm.")
        return current
    if outcome == DecisionOutcome.REFER_BACK:
        checked_text(reason, "the reasons for referring it back", required=True)
        return None
    if grade is None or grade.scheme_id != area.framework.scheme_id:
        raise WorkflowRefused("Choose the new grade from this area's grading scheme.")
    if current is not None and grade.pk == current.pk:
        raise WorkflowRefused(f"{grade.label} is the grade already: choose “confirm” instead.")
    checked_text(reason, "why the grade changes", required=True)
    return grade


@transaction.atomic
def panel_decision_record(
    *,
    item: AgendaItem,
    user: AbstractBaseUser,
    outcome: str,
    grade: GradeLevel | None = None,
    reason: str = "",
) -> PanelDecision:
    """Record a member's decision on an agenda item, for the chair to confirm.

    Invariants: the area row is locked, so two members cannot both leave a pending decision;
    the recorder sits on the panel and was never on the force's team; the area is in the
    status this panel moderates; a change names another grade of the scheme with a reason; a
    referral gives its reasons.
    """
    if outcome not in DecisionOutcome.values:
        raise WorkflowRefused("Choose confirm, change or refer back.")
    area = (
        AreaAssessment.objects.select_for_update(of=("self",))
        .select_related("framework", "inspection__force", "inspection__programme")
        .get(pk=item.area_id)
    )
    refusal = decision_refusal(user, item, area)
    if refusal:
        raise WorkflowRefused(refusal)
    if PanelDecision.objects.filter(area=area, state=DecisionState.PENDING).exists():
        raise WorkflowRefused("A decision on this assessment already awaits the chair.")
    chosen = _decision_grade(area, outcome, grade, reason)
    decision = PanelDecision.objects.create(
        item=item,
        area=area,
        stage=item.session.panel.kind,
        outcome=outcome,
        grade=chosen,
        reason=checked_text(reason, "the reason", required=False),
        recorded_by=user,
    )
    notifications.decision_recorded(decision)
    return decision


def _pending_for_chair(decision: PanelDecision, user: AbstractBaseUser) -> PanelDecision:
    current = (
        PanelDecision.objects.select_for_update(of=("self",))
        .select_related("item__session__panel", "grade")
        .get(pk=decision.pk)
    )
    panel = current.item.session.panel
    if current.recorded_by_id == user.pk:
        raise WorkflowRefused(
            "You recorded this decision, so someone else must confirm it: no grade moves on "
            "the word of one person."
            + (" The panel's deputy chair confirms it." if user.pk == panel.chair_id else "")
        )
    if confirmer_id(panel, current) != user.pk:
        raise WorkflowRefused(
            "Only the panel's chair confirms its decisions (its deputy chair those the chair "
            "recorded)."
        )
    if current.state != DecisionState.PENDING:
        raise WorkflowRefused(f"This decision is already settled: {current.get_state_display()}.")
    return current


@transaction.atomic
def panel_decision_confirm(*, decision: PanelDecision, user: AbstractBaseUser) -> PanelDecision:
    """The chair confirms a pending decision; the area then makes the step it stands for
    (moderated, concluded or referred back) through `area_transition`, in one transaction.

    Invariant: the confirmer is never the recorder (the deputy chair confirms the chair's own
    decisions), so every step a panel makes rests on two people."""
    current = _pending_for_chair(decision, user)
    current.state = DecisionState.CONFIRMED
    current.settled_by, current.settled_at = user, timezone.now()
    current.save(update_fields=["state", "settled_by", "settled_at"])
    refers_back = current.outcome == DecisionOutcome.REFER_BACK
    action = DECISION_ACTIONS[(current.stage, refers_back)]
    area_transition(
        area=current.area, user=user, action=action, reason=current.reason, decision=current
    )
    return current


@transaction.atomic
def panel_decision_decline(
    *, decision: PanelDecision, user: AbstractBaseUser, note: str
) -> PanelDecision:
    """The chair does not confirm a pending decision; a member may then record another."""
    current = _pending_for_chair(decision, user)
    current.chair_note = checked_text(note, "why you do not confirm it", required=True)
    current.state = DecisionState.DECLINED
    current.settled_by, current.settled_at = user, timezone.now()
    current.save(update_fields=["state", "settled_by", "settled_at", "chair_note"])
    notifications.decision_declined(current)
    return current


@transaction.atomic
def dissent_record(*, decision: PanelDecision, user: AbstractBaseUser, reason: str) -> Dissent:
    """A member other than the recorder and the chair records a dissent, once per decision
    (the deputy chair may dissent: they confirm only the chair's own decisions)."""
    current = (
        PanelDecision.objects.select_for_update(of=("self",))
        .select_related("item__session__panel", "area__inspection__force")
        .get(pk=decision.pk)
    )
    refusal = dissent_refusal(user, current)
    if refusal:
        raise WorkflowRefused(refusal)
    text = checked_text(reason, "the reason for your dissent", required=True)
    return Dissent.objects.create(decision=current, member=user, reason=text)
