"""Notification e-mail: worded in the change's transaction, queued after commit, sent by the
moderation.send_notification task; a queue that is down never breaks or undoes the change."""

from smtplib import SMTPConnectError
from unittest import mock

import pytest
from django.db import transaction
from django.urls import reverse

from inspections.models import AssessmentStatus
from moderation import notifications, tasks
from moderation.services.transitions import area_transition
from moderation.tasks import send_notification
from tests.moderation.moderation_support import complete_area, np_area, panels_for, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def area(programme_2008, force_a, inspection_a, hmi, panel):
    area = np_area(inspection_a)
    panels_for(programme_2008, force_a, area.framework, hmi, [panel])
    return area


def test_the_task_sends_the_message_as_worded(mailoutbox, settings):
    send_notification("Force A: submitted", "Details: here", ["hmi@example.org"])
    (message,) = mailoutbox
    assert (message.subject, message.body, message.to) == (
        "Force A: submitted",
        "Details: here",
        ["hmi@example.org"],
    )
    assert message.from_email == settings.DEFAULT_FROM_EMAIL


def test_a_refused_connection_is_tried_again_and_the_message_sent_once(mailoutbox, monkeypatch):
    calls = []
    real_send_mail = tasks.send_mail

    def refuse_first(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise SMTPConnectError(421, "Service not available")
        return real_send_mail(*args, **kwargs)

    monkeypatch.setattr(tasks, "send_mail", refuse_first)
    send_notification.apply(args=["Subject", "Body", ["a@example.org"]])
    assert len(calls) == 2
    assert len(mailoutbox) == 1


def test_a_submission_is_queued_only_once_committed(
    area, alice, hmi, panel, notification_queue, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        submit(area, alice, hmi)
    assert notification_queue.sent == [] and mailoutbox == []
    for callback in callbacks:
        callback()
    ((subject, body, recipients),) = notification_queue.sent
    assert "submitted" in subject.lower() and "/areas/" in body
    assert set(recipients) == {hmi.email, panel.email}
    assert [m.subject for m in mailoutbox] == [subject]


def test_a_transition_rolled_back_after_it_was_made_sends_nothing(
    area, alice, hmi, notification_queue, mailoutbox, django_capture_on_commit_callbacks
):
    complete_area(area, alice, hmi)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        area_transition(area=area, user=hmi, action="submit")
        raise RuntimeError("something later in the same transaction failed")
    area.refresh_from_db()
    assert area.status == AssessmentStatus.DRAFTING
    assert notification_queue.sent == [] and mailoutbox == []


def test_a_queue_that_is_down_neither_breaks_the_request_nor_undoes_the_change(
    client,
    area,
    alice,
    hmi,
    notification_queue,
    mailoutbox,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    complete_area(area, alice, hmi)
    notification_queue.down = True
    logger = mock.Mock()
    monkeypatch.setattr(notifications, "logger", logger)
    client.force_login(hmi)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("moderation:area_action", args=[area.pk]), {"action": "submit"}
        )
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.status == AssessmentStatus.SUBMITTED
    assert mailoutbox == []
    logger.warning.assert_called_once()
