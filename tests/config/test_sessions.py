"""A session ends after a working day without a request; a request starts the day again,
with a database write at most once every few minutes rather than on every request."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from config.sessions import refresh_margin

pytestmark = pytest.mark.django_db


def _expire_date(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def _ends_in(seconds: float) -> None:
    Session.objects.update(expire_date=timezone.now() + timedelta(seconds=seconds))


def test_the_day_is_eight_hours_unless_configured():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert refresh_margin() == timedelta(minutes=5)


def test_a_request_after_a_quiet_spell_moves_the_end_a_full_day_ahead(client, alice):
    client.force_login(alice)
    _ends_in(settings.SESSION_COOKIE_AGE - 3600)  # an hour since the last request
    response = client.get(reverse("home"))
    assert response.status_code == 200
    left = _expire_date(client) - timezone.now()
    assert timedelta(seconds=settings.SESSION_COOKIE_AGE - 60) < left
    assert left <= timedelta(seconds=settings.SESSION_COOKIE_AGE)
    # The browser's cookie is renewed with it.
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE


def test_requests_close_together_do_not_write_the_session(client, alice):
    client.force_login(alice)
    _ends_in(settings.SESSION_COOKIE_AGE - 60)  # a minute since the last save
    before = _expire_date(client)
    response = client.get(reverse("home"))
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert _expire_date(client) == before


def test_an_idle_session_has_ended(client, alice):
    client.force_login(alice)
    _ends_in(-1)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
