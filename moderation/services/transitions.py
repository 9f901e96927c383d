"""Area assessment transitions: the one service that changes an area's workflow status.

`area_transition` looks up the step's row in the workflow table, locks the inspection and the
area, checks the state, the actor's role and the row's guard, runs the row's effect, saves,
records an AssessmentEvent and queues e-mail after commit. The inspection's status then
follows from its areas.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from inspections.exceptions import WorkflowRefused
from inspections.models import AreaAssessment, Inspection, InspectionStatus
from moderation import notifications, workflow
from moderation.models import AssessmentEvent, PanelDecision
from moderation.workflow import BY_ACTION, Transition


def _name(area: AreaAssessment) -> str:
    return f"{area.framework.name} for {area.inspection.force.display_name}"


def _lock(area: AreaAssessment) -> AreaAssessment:
    # The inspection first, then the area: one order for every transition, so two areas of
    # one inspection moving at once wait for each other instead of deadlocking.
    Inspection.objects.select_for_update(of=("self",)).get(pk=area.inspection_id)
    return (
        AreaAssessment.objects.select_for_update(of=("self",))
        .select_related("framework", "inspection__force", "inspection__programme")
        .get(pk=area.pk)
    )


def _check(transition: Transition, current, user, reason, decision) -> None:
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
    if transition.lock is not None:
        transition.lock(area=current)
    problems = transition.guard(area=current, decision=decision)
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
    transition.effect(area=current, decision=decision, user=user)
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
    """Set the inspection's status from its areas' statuses (see workflow); returns it.

    An inspection published without a publication date is dated today, so its report's
    cover names the month it came out in however often it is printed again; a date set
    beforehand (in the admin) is kept.
    """
    statuses = list(AreaAssessment.objects.filter(inspection=inspection).values_list("status"))
    status = workflow.inspection_status_for([row[0] for row in statuses])
    current = Inspection.objects.get(pk=inspection.pk)
    if current.status != status:
        current.status = status
        changed = ["status"]
        if status == InspectionStatus.PUBLISHED and current.publication_date is None:
            current.publication_date = timezone.localdate()
            changed.append("publication_date")
        current._history_user = user
        current.save(update_fields=changed)
        inspection.publication_date = current.publication_date
    inspection.status = status
    return status
