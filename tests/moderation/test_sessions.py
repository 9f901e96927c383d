"""Issue 15: a chair opens the panel's sessions and closes them once the agenda is settled; the
inbox gives the chair the sessions to open or close, and each task is one the service accepts.
"""

import pytest
from django.contrib.admin.sites import site
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forces.models import Region
from inspections.exceptions import WorkflowRefused
from moderation.inbox import inbox_for
from moderation.models import AgendaItem, ModerationPanel, PanelSession
from moderation.services.panels import (
    agenda_item_add,
    panel_decision_confirm,
    panel_decision_record,
)
from moderation.services.sessions import panel_session_close, panel_session_open
from tests.moderation.moderation_support import decide, np_area, submit

pytestmark = pytest.mark.django_db


def _tasks(user, key="sessions"):
    group = next((g for g in inbox_for(user=user).groups if g.key == key), None)
    return group.tasks if group else []


@pytest.fixture
def regional(sessions):
    return sessions[0]


def test_the_chair_opens_a_session_attributed_and_in_history(regional, hmi):
    session = panel_session_open(panel=regional.panel, user=hmi, title="Second sitting")
    assert session.is_open and session.opened_by == hmi
    row = session.history.get()
    assert row.history_user == hmi and row.history_change_reason == "Opened by the chair"


@pytest.mark.parametrize("title", ["", "   ", "x" * 151, "<b>Sitting</b>"])
def test_a_bad_title_opens_nothing(regional, hmi, title):
    before = PanelSession.objects.count()
    with pytest.raises(WorkflowRefused):
        panel_session_open(panel=regional.panel, user=hmi, title=title)
    assert PanelSession.objects.count() == before


def test_only_the_chair_opens_or_closes(regional, panel, alice):
    for user in (panel, alice):
        with pytest.raises(WorkflowRefused, match="Only the chair"):
            panel_session_open(panel=regional.panel, user=user, title="Mine")
        with pytest.raises(WorkflowRefused, match="Only the chair"):
            panel_session_close(session=regional, user=user)
    regional.refresh_from_db()
    assert regional.is_open


def test_a_session_closes_only_once_every_item_is_settled(
    regional, alice, hmi, panel, inspection_a
):
    area = np_area(inspection_a)
    submit(area, alice, hmi)  # on the regional agenda, awaiting a decision
    with pytest.raises(WorkflowRefused, match="Force A"):
        panel_session_close(session=regional, user=hmi)
    item = AgendaItem.objects.get(area=area, session=regional)
    decision = panel_decision_record(item=item, user=panel, outcome="confirm")
    with pytest.raises(WorkflowRefused, match="await"):  # awaiting the chair
        panel_session_close(session=regional, user=hmi)
    panel_decision_confirm(decision=decision, user=hmi)  # settled
    closed = panel_session_close(session=regional, user=hmi)
    assert not closed.is_open and closed.closed_by == hmi and closed.closed_at
    assert closed.history.first().history_change_reason == "Closed by the chair"
    with pytest.raises(WorkflowRefused, match="closed already"):
        panel_session_close(session=regional, user=hmi)


def test_a_closed_session_takes_no_agenda_item(regional, hmi, inspection_a):
    panel_session_close(session=regional, user=hmi)
    area = np_area(inspection_a)
    with pytest.raises(WorkflowRefused):
        agenda_item_add(session=regional, area=area, user=hmi)


def test_the_chair_is_told_to_close_a_settled_session_and_the_service_agrees(
    regional, alice, hmi, panel, inspection_a
):
    area = np_area(inspection_a)
    submit(area, alice, hmi)
    url = reverse("moderation:session_detail", args=[regional.pk])
    assert url not in [task.url for task in _tasks(hmi)]
    decide(area, panel, hmi)
    assert url in [task.url for task in _tasks(hmi)]
    assert not _tasks(panel)  # a member opens and closes nothing
    panel_session_close(session=regional, user=hmi)
    assert url not in [task.url for task in _tasks(hmi)]


def test_the_chair_is_told_to_open_a_session_when_areas_wait_and_none_is_open(
    regional, alice, hmi, inspection_a
):
    panel_session_close(session=regional, user=hmi)
    area = np_area(inspection_a)
    submit(area, alice, hmi)  # waiting for the regional panel, with no open session
    (task,) = [t for t in _tasks(hmi) if t.label.startswith("Open")]
    assert task.about == "1 area waiting"
    assert task.url.endswith(f"#open-session-{regional.panel_id}")
    session = panel_session_open(panel=regional.panel, user=hmi, title="Next sitting")
    assert not [t for t in _tasks(hmi) if t.label.startswith("Open")]
    agenda = [task.url for task in _tasks(hmi, "agenda")]
    assert reverse("moderation:session_detail", args=[session.pk]) in agenda


def test_the_chair_opens_and_closes_from_the_pages(client, regional, hmi):
    client.force_login(hmi)
    page = client.get(reverse("moderation:panel_list")).content.decode()
    assert f'id="open-session-{regional.panel_id}"' in page
    url = reverse("moderation:session_open", args=[regional.panel_id])
    response = client.post(url, {"title": "Autumn sitting", "held_on": "14/10/2008"}, follow=True)
    assert "Session opened" in response.content.decode()
    session = PanelSession.objects.get(title="Autumn sitting")
    assert session.held_on.isoformat() == "2008-10-14"
    response = client.post(url, {"title": "Bad day", "held_on": "31/02/2008"}, follow=True)
    assert "Give the day as day/month/year" in response.content.decode()
    assert not PanelSession.objects.filter(title="Bad day").exists()
    close = reverse("moderation:session_close", args=[session.pk])
    assert (
        close
        in client.get(reverse("moderation:session_detail", args=[session.pk])).content.decode()
    )
    response = client.post(close, follow=True)
    assert "Session closed" in response.content.decode()


def test_no_one_else_opens_or_closes_from_the_pages(client, regional, panel, bob):
    client.force_login(panel)
    client.post(reverse("moderation:session_open", args=[regional.panel_id]), {"title": "Mine"})
    client.post(reverse("moderation:session_close", args=[regional.pk]))
    regional.refresh_from_db()
    assert regional.is_open and not PanelSession.objects.filter(title="Mine").exists()
    client.force_login(bob)  # sits on no panel: the panel and session are not found
    assert client.post(reverse("moderation:session_close", args=[regional.pk])).status_code == 404


def test_the_admin_does_not_open_or_close_sessions(rf, admin_user, regional):
    admin = site._registry[PanelSession]
    request = rf.get("/")
    request.user = admin_user
    assert "is_open" in admin.get_readonly_fields(request, regional)


def test_the_chairs_inbox_costs_the_same_queries_however_many_panels_they_chair(
    regional, hmi, programme_2008
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            inbox_for(user=hmi)
        return len(captured)

    queries()  # the first call fills caches that live for the process (content types)
    before = queries()
    for region in Region.objects.exclude(pk=regional.panel.region_id)[:4]:
        panel = ModerationPanel.objects.create(
            kind="regional", programme=programme_2008, region=region, chair=hmi
        )
        PanelSession.objects.create(panel=panel, title=f"{region} sitting")
    assert queries() == before
