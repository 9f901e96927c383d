"""A chair closing a session while an area is being placed on its agenda, on PostgreSQL with two
connections: the placing waits for the close and then leaves the session alone, so no closed
session holds an area still waiting for the panel."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from inspections.models import AssessmentStatus
from moderation.models import AgendaItem, PanelSession
from moderation.services.panels import agenda_item_add
from moderation.services.sessions import panel_session_close
from moderation.services.transitions import area_transition
from tests.conftest import require_service
from tests.moderation.moderation_support import complete_area, np_area

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 30  # seconds for the other connection to reach the lock, and then to finish


@pytest.fixture
def postgresql():
    require_service(
        connection.vendor == "postgresql",
        "the concurrent session test needs PostgreSQL (set DATABASE_URL=postgres://...)",
    )


def _in_thread(work) -> tuple[threading.Thread, dict]:
    outcome: dict = {}

    def run():
        try:
            outcome["result"] = work()
        except Exception as error:  # reported to the test, which fails on it
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def _wait_for_a_lock_wait(thread: threading.Thread) -> bool:
    """True once another connection waits for a row lock; False if the thread ended first."""
    deadline = time.monotonic() + WAIT
    with connection.cursor() as cursor:
        while time.monotonic() < deadline and thread.is_alive():
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.05)
    return False


def _close_while(sessions, user, work):
    """Close the regional session and, before that commits, run `work` on another
    connection; then let the close commit and wait for the work."""
    regional, _ = sessions
    with transaction.atomic():
        panel_session_close(session=regional, user=user)
        thread, outcome = _in_thread(work)
        waited = _wait_for_a_lock_wait(thread)
    thread.join(WAIT)
    assert not thread.is_alive()
    return waited, outcome


def test_a_submission_while_the_session_closes_waits_and_stays_off_its_agenda(
    postgresql, sessions, inspection_a, alice, hmi
):
    area = np_area(inspection_a)
    complete_area(area, alice, hmi)

    def submit():
        return area_transition(area=np_area(inspection_a), user=hmi, action="submit")

    waited, outcome = _close_while(sessions, hmi, submit)
    assert waited, "the submission did not wait for the session being closed"
    assert "error" not in outcome
    area.refresh_from_db()
    assert area.status == AssessmentStatus.SUBMITTED
    regional = PanelSession.objects.get(pk=sessions[0].pk)
    assert not regional.is_open
    assert not AgendaItem.objects.filter(session=regional, area=area).exists()


def test_the_chair_adding_an_area_while_the_session_closes_is_told_it_is_closed(
    postgresql, sessions, inspection_a, alice, hmi
):
    area = np_area(inspection_a)
    complete_area(area, alice, hmi)
    regional = sessions[0]
    with transaction.atomic():  # submitted with no open session: the area waits for one
        PanelSession.objects.filter(pk=regional.pk).update(is_open=False)
        area_transition(area=area, user=hmi, action="submit")
        PanelSession.objects.filter(pk=regional.pk).update(is_open=True)
    assert not AgendaItem.objects.filter(area=area).exists()

    def add():
        session = PanelSession.objects.select_related("panel").get(pk=regional.pk)
        return agenda_item_add(session=session, area=np_area(inspection_a), user=hmi)

    waited, outcome = _close_while(sessions, hmi, add)
    assert waited, "the agenda item did not wait for the session being closed"
    assert str(outcome.get("error")) == "This session is closed."
    assert not AgendaItem.objects.filter(area=area).exists()
