"""Repeated failed logins lock a username from one address (django-axes), until the cool-off
ends or an administrator unlocks it."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.http import HttpRequest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from config.login_throttle import client_ip_address

pytestmark = pytest.mark.django_db

HERE = "10.0.0.1"
ELSEWHERE = "10.0.0.2"


def _login(client, password, username="alice", address=HERE):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _fail_until_locked(client, username="alice", address=HERE):
    responses = [
        _login(client, "wrong", username, address) for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    return responses[-1]


def test_failures_up_to_the_limit_show_the_ordinary_error(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "wrong")
        assert response.status_code == 200
        assert "correct username and password" in response.text
    assert _login(client, "secret").status_code == 302


def test_the_limit_locks_the_username_with_a_page_saying_why(client, alice):
    response = _fail_until_locked(client)
    assert response.status_code == 429
    page = response.text
    assert "Login locked" in page and "alice" in page
    assert f"{settings.AXES_FAILURE_LIMIT} failed attempts" in page
    assert "30 minutes after the last attempt" in page and "administrator" in page
    # The site's own page, not a bare text: it has the site's stylesheet and heading.
    assert "css/application.css" in page and "Inspection Workbench" in page
    # Locked means locked: the right password is refused too, and nobody is signed in.
    assert _login(client, "secret").status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_one_username_at_one_address(client, alice, bob):
    _fail_until_locked(client)
    assert _login(Client(), "secret", "bob").status_code == 302
    assert _login(Client(), "secret", "alice", ELSEWHERE).status_code == 302


def test_attempts_are_recorded(client, alice):
    _login(client, "wrong")
    _login(client, "wrong")
    attempt = AccessAttempt.objects.get(username="alice")
    assert attempt.ip_address == HERE and attempt.failures_since_start == 2
    _login(client, "secret")
    assert AccessLog.objects.filter(username="alice", ip_address=HERE).count() == 1
    # A successful login starts the count again.
    assert not AccessAttempt.objects.filter(username="alice").exists()


def test_the_lock_ends_after_the_cool_off(client, alice):
    _fail_until_locked(client)
    AccessAttempt.objects.filter(username="alice").update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert _login(client, "secret").status_code == 302


@override_settings(AXES_COOLOFF_TIME=None)
def test_without_a_cool_off_only_an_administrator_unlocks(client, alice):
    page = _fail_until_locked(client).text
    assert "until an administrator unlocks it" in page and "Wait and try again" not in page


def test_an_administrator_unlocks_in_the_admin(client, alice, admin_user):
    _fail_until_locked(client)
    attempt = AccessAttempt.objects.get(username="alice")
    admin = Client()
    admin.force_login(admin_user)
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert "alice" in admin.get(changelist).text
    response = admin.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert _login(client, "secret").status_code == 302


def test_an_inspector_cannot_unlock(client, alice, bob):
    client.force_login(bob)
    response = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_the_admin_login_is_throttled_too(client, admin_user):
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"username": "admin", "password": "wrong"}, REMOTE_ADDR=HERE)
    assert response.status_code == 429 and "Login locked" in response.text


def test_tests_sign_in_with_force_login_or_login_given_a_request(client, alice):
    client.force_login(alice)
    assert client.get(reverse("home")).status_code == 200
    other = Client()
    # django-axes needs the request to know the address; the test client passes none itself.
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = HERE
    assert other.login(request=request, username="alice", password="secret")
    assert other.get(reverse("home")).status_code == 200


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "203.0.113.9", "192.0.2.1"),
        (1, "203.0.113.9", "203.0.113.9"),
        # A client cannot choose its address by sending its own X-Forwarded-For.
        (1, "198.51.100.7, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.7, 203.0.113.9, 10.1.1.1", "203.0.113.9"),
        # Fewer hops than proxies: the header is not what the proxies wrote; use the peer.
        (2, "203.0.113.9", "192.0.2.1"),
    ],
)
def test_the_client_address_behind_trusted_proxies(proxies, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(WORKBENCH_TRUSTED_PROXIES=proxies):
        assert client_ip_address(request) == expected
