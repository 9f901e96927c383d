"""A chair's sessions to open or close: a panel of theirs with areas waiting and no open
session to put them on; an open session whose every agenda item is settled.

The rules are the services' (`services.sessions`): only the chair opens and closes, and a
session closes when `unsettled_items` finds none. Two queries for all the chair's panels.
"""

from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.urls import reverse

from moderation.models import DecisionState, PanelSession


def _open_tasks(chaired, waiting, task) -> list:
    tasks = []
    for panel in chaired:
        areas = waiting.get(panel.pk, [])
        if areas and not any(session.is_open for session in panel.sessions.all()):
            url = f"{reverse('moderation:panel_list')}#open-session-{panel.pk}"
            count = f"{len(areas)} area{'s' if len(areas) != 1 else ''} waiting"
            tasks.append(task(f"Open a session of {panel}", count, url))
    return tasks


def _close_tasks(chaired, task) -> list:
    panels = {panel.pk: panel for panel in chaired}
    if not panels:
        return []
    # An item awaits a decision while its area is in its panel's input status.
    awaiting = reduce(
        or_, (Q(panel_id=pk, items__area__status=p.input_status) for pk, p in panels.items())
    )
    sessions = PanelSession.objects.filter(panel_id__in=panels, is_open=True).annotate(
        items_count=Count("items", distinct=True),
        unsettled=Count(
            "items",
            filter=awaiting | Q(items__decisions__state=DecisionState.PENDING),
            distinct=True,
        ),
    )
    return [
        task(
            f"Close {session.title}",
            f"{panels[session.panel_id]}: every item settled",
            reverse("moderation:session_detail", args=[session.pk]),
        )
        for session in sessions
        if session.items_count and not session.unsettled
    ]


def session_tasks(chaired, waiting, task) -> list:
    """`chaired`: the panels the user chairs, sessions prefetched; `waiting`: their areas
    waiting for the agenda (`areas_awaiting_agenda`); `task`: the inbox's Task."""
    return _open_tasks(chaired, waiting, task) + _close_tasks(chaired, task)
