"""A panel's chair opens its sittings and closes them once every item on the agenda is settled.

A closed session takes no agenda item, decision or dissent; an item still awaiting a decision,
or a decision awaiting the chair's confirmation, would be stranded, so the session does not
close until none is left. Each step is attributed and in the session's history.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from inspections.exceptions import WorkflowRefused
from inspections.validators import checked_text
from moderation.models import DecisionState, ModerationPanel, PanelSession

TITLE_LIMIT = 150


def _chair_check(panel: ModerationPanel, user: AbstractBaseUser) -> None:
    if panel.chair_id != user.pk:
        raise WorkflowRefused(f"Only the chair of {panel} opens and closes its sessions.")


def unsettled_items(session: PanelSession):
    """The session's agenda items still awaiting a decision or the chair's confirmation."""
    panel = session.panel
    return session.items.filter(
        Q(area__status=panel.input_status) | Q(decisions__state=DecisionState.PENDING)
    ).distinct()


@transaction.atomic
def panel_session_open(
    *,
    panel: ModerationPanel,
    user: AbstractBaseUser,
    title: str,
    held_on: datetime.date | None = None,
) -> PanelSession:
    """The chair opens a new session of the panel, with its title and the day it sits."""
    panel = ModerationPanel.objects.select_for_update(of=("self",)).get(pk=panel.pk)
    _chair_check(panel, user)
    title = checked_text(title, "the session's title", required=True)
    if len(title) > TITLE_LIMIT:
        raise WorkflowRefused(f"Keep the session's title under {TITLE_LIMIT} characters.")
    if panel.sessions.filter(title=title, is_open=True).exists():
        raise WorkflowRefused(f"The panel already has an open session called “{title}”.")
    session = PanelSession(panel=panel, title=title, held_on=held_on, opened_by=user)
    session._history_user = user
    session._change_reason = "Opened by the chair"
    session.save()
    return session


@transaction.atomic
def panel_session_close(*, session: PanelSession, user: AbstractBaseUser) -> PanelSession:
    """The chair closes an open session once nothing on its agenda is waiting."""
    current = (
        PanelSession.objects.select_for_update(of=("self",))
        .select_related("panel")
        .get(pk=session.pk)
    )
    _chair_check(current.panel, user)
    if not current.is_open:
        raise WorkflowRefused("This session is closed already.")
    waiting = list(unsettled_items(current).select_related("area__inspection__force"))
    if waiting:
        names = ", ".join(item.area.inspection.force.display_name for item in waiting)
        raise WorkflowRefused(
            f"The session cannot close while items await a decision or the chair: {names}."
        )
    current.is_open, current.closed_by, current.closed_at = False, user, timezone.now()
    current._history_user = user
    current._change_reason = "Closed by the chair"
    current.save()
    return current
