"""Area assessment transitions: the one service that changes an area's workflow status.

`area_transition` locks the inspection and the area, checks the state, the actor's role and
the transition's guard, applies its effects, saves, records an AssessmentEvent and queues
e-mail after commit. The inspection's status then follows from its areas.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from inspections.exceptions import WorkflowRefused
from inspections.models import AreaAssessment, CriterionAssessment, Inspection
from moderation import notifications, workflow
from moderation.models import (
    AgendaItem,
    AssessmentEvent,
    DecisionState,
    FactualAccuracyComment,
    PanelDecision,
    PanelKind,
    PanelSession,
)
from moderation.sufficiency import area_gaps, area_guidance
from moderation.workflow import BY_ACTION


def _name(area: AreaAssessment) -> str:
    return f"{area.framework.name} for {area.inspection.force.display_name}"


# Guards: each returns the problems that stand in the way (empty when the step may go ahead).


def _guard_submit(area: AreaAssessment, decision) -> list:
    # Locking every criterion row waits for evidence writers in flight and keeps new ones out
    # until the status has changed.
    list(
        CriterionAssessment.objects.select_for_update(of=("self",))
        .filter(area=area)
        .values_list("pk")
    )
    return area_gaps(area=area, guidance=area_guidance(area))


def _guard_decision(area: AreaAssessment, decision: PanelDecision | None) -> list:
    if decision is None or decision.state != DecisionState.CONFIRMED:
        return ["A panel decision confirmed by the chair is needed."]
    return []


def _guard_release(area: AreaAssessment, decision) -> list:
    return [] if area.final_grade_id else ["The national panel has not concluded a grade."]


def _guard_publish(area: AreaAssessment, decision) -> list:
    open_comments = FactualAccuracyComment.objects.filter(area=area, response="").count()
    if open_comments:
        return [f"{open_comments} factual-accuracy comment(s) still need an answer."]
    return []


GUARDS = {
    "submit": _guard_submit,
    "regional_moderate": _guard_decision,
    "regional_refer_back": _guard_decision,
    "national_conclude": _guard_decision,
    "national_refer_back": _guard_decision,
    "release": _guard_release,
    "publish": _guard_publish,
}


# Effects beyond the status change.


def _void_earlier_decisions(area: AreaAssessment, decision: PanelDecision) -> None:
    """A referral reopens the assessment: every earlier approval of it no longer stands."""
    earlier = PanelDecision.objects.filter(area=area).exclude(pk=decision.pk)
    earlier = earlier.exclude(state__in=[DecisionState.VOID, DecisionState.DECLINED])
    earlier.update(state=DecisionState.VOID, voided_at=timezone.now())
    area.final_grade = None


def _place_on_agenda(area: AreaAssessment, kind: str, user: AbstractBaseUser) -> None:
    """Put the area on the latest open session of the panel whose business it now is."""
    panel = notifications.panel_for(area, kind)
    session = PanelSession.objects.filter(panel=panel, is_open=True).first() if panel else None
    if session is not None:
        AgendaItem.objects.get_or_create(
            session=session,
            area=area,
            defaults={"added_by": user, "order": session.items.count() + 1},
        )


def _apply(action: str, area: AreaAssessment, decision, user: AbstractBaseUser) -> None:
    if action.endswith("refer_back"):
        _void_earlier_decisions(area, decision)
    elif action == "national_conclude":
        area.final_grade = decision.grade
    elif action == "submit":
        _place_on_agenda(area, PanelKind.REGIONAL, user)
    elif action == "regional_moderate":
        _place_on_agenda(area, PanelKind.NATIONAL, user)


def _lock(area: AreaAssessment) -> AreaAssessment:
    # The inspection first, then the area: one order for every transition, so two areas of
    # one inspection moving at once wait for each other instead of deadlocking.
    Inspection.objects.select_for_update(of=("self",)).get(pk=area.inspection_id)
    return (
        AreaAssessment.objects.select_for_update(of=("self",))
        .select_related("framework", "inspection__force", "inspection__programme")
        .get(pk=area.pk)
    )


def _check(transition, current, user, reason, decision) -> None:
    if current.status != transition.source:
        raise WorkflowRefused(
            f"{_name(current)} is {current.get_status_display().lower()}, so it cannot be "
            f"moved on with “{transition.label}” now."
        )
    if not workflow.actor_allowed(transition, user, current, decision):
        who = workflow.ACTOR_NAMES[transition.actor]
        raise WorkflowRefused(f"Only {who} can do this: “{transition.label}”.")
    if transition.needs_reason and not reason.strip():
        raise WorkflowRefused("Give the reasons: a referral back needs them.")
    problems = GUARDS[transition.action](current, decision)
    if problems:
        raise WorkflowRefused(f"{_name(current)} cannot move on yet.", problems)


@transaction.atomic
def area_transition(
    *,
    area: AreaAssessment,
    user: AbstractBaseUser,
    action: str,
    reason: str = "",
    decision: PanelDecision | None = None,
) -> AssessmentEvent:
    """Move an area along the workflow table and return the event recorded.

    Invariants: the area's row is locked while its state is checked and changed; nothing is
    written unless the state, the actor's role and the guard all allow the step; a referral
    voids every earlier decision on the area and clears its final grade; the inspection's
    status is derived afresh; e-mail goes out only after commit. Refusals raise
    WorkflowRefused with a message fit to show.
    """
    transition = BY_ACTION.get(action)
    if transition is None:
        raise WorkflowRefused(f"“{action}” is not a step of the workflow.")
    current = _lock(area)
    _check(transition, current, user, reason, decision)
    _apply(action, current, decision, user)
    previous = current.status
    current.status = transition.target
    current._history_user = user
    current.save()
    event = AssessmentEvent.objects.create(
        area=current,
        action=action,
        from_status=previous,
        to_status=transition.target,
        actor=user,
        reason=reason.strip(),
        decision=decision,
    )
    inspection_status_sync(inspection=current.inspection, user=user)
    notifications.transition_made(event)
    area.status, area.final_grade = current.status, current.final_grade
    return event


def inspection_status_sync(*, inspection: Inspection, user: AbstractBaseUser) -> str:
    """Set the inspection's status from its areas' statuses (see workflow); returns it."""
    statuses = list(AreaAssessment.objects.filter(inspection=inspection).values_list("status"))
    status = workflow.inspection_status_for([row[0] for row in statuses])
    current = Inspection.objects.get(pk=inspection.pk)
    if current.status != status:
        current.status = status
        current._history_user = user
        current.save(update_fields=["status"])
    inspection.status = status
    return status
