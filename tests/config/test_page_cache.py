"""Kept pages (config/page_cache.py): answered again only to the same browser session, in the
same data generation, and never when what they show may have changed."""

import pytest
from celery import signals
from django.contrib.auth.models import Group
from django.contrib.messages import INFO, add_message
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.page_cache import _move_on, data_generation, viewer_cached
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class CountingView:
    """A view that says how often it has run, so a kept answer shows as an old count."""

    def __init__(self, status: int = 200, cookie: bool = False):
        self.calls, self.status, self.cookie = 0, status, cookie
        self.view = viewer_cached(self)

    def __call__(self, request):
        self.calls += 1
        response = HttpResponse(f"answer {self.calls}", status=self.status)
        if self.cookie:
            response.set_cookie("chosen", "1")
        return response


def _request(user, *, session_key: str | None = None, csrf: str = "token-1", path: str = "/p/"):
    request = RequestFactory().get(path)
    request.user = user
    session = SessionStore(session_key=session_key)
    if session_key is None:
        session.create()
    request.session = session
    request.COOKIES["csrftoken"] = csrf
    request._messages = FallbackStorage(request)
    return request


def _twice(view: CountingView, first, second) -> tuple[bytes, bytes]:
    return view.view(first).content, view.view(second).content


def test_the_same_session_is_answered_from_the_kept_page(alice):
    view, first = CountingView(), _request(alice)
    key = first.session.session_key
    assert _twice(view, first, _request(alice, session_key=key)) == (b"answer 1", b"answer 1")
    assert view.calls == 1


def test_another_session_of_the_same_person_gets_its_own_page(alice):
    view = CountingView()
    assert _twice(view, _request(alice), _request(alice)) == (b"answer 1", b"answer 2")


def test_a_new_csrf_cookie_gets_a_new_page_whose_forms_it_can_post(alice):
    view, first = CountingView(), _request(alice)
    again = _request(alice, session_key=first.session.session_key, csrf="token-2")
    assert _twice(view, first, again) == (b"answer 1", b"answer 2")


def test_each_address_and_query_is_kept_apart(alice):
    view, first = CountingView(), _request(alice, path="/p/?grade=1")
    again = _request(alice, session_key=first.session.session_key, path="/p/?grade=2")
    assert _twice(view, first, again) == (b"answer 1", b"answer 2")


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda: UserFactory(), id="a record saved"),
        pytest.param(lambda: UserFactory().delete(), id="a record deleted"),
        pytest.param(
            lambda: UserFactory().groups.add(Group.objects.create(name="g")), id="groups changed"
        ),
        pytest.param(lambda: signals.task_postrun.send(sender=None), id="a Celery task ran"),
    ],
)
def test_any_change_to_data_ends_every_kept_page(alice, change):
    view, first = CountingView(), _request(alice)
    view.view(first)
    change()
    again = _request(alice, session_key=first.session.session_key)
    assert view.view(again).content == b"answer 2"


def test_a_changing_request_moves_the_generation_even_when_it_saves_nothing(client, alice):
    client.force_login(alice)
    before = data_generation()
    client.post("/no-such-page/")
    assert data_generation() > before


def test_signing_in_attempts_and_session_saves_move_nothing(client, alice):
    before = data_generation()
    session = SessionStore()
    session["seen"] = True
    session.save()
    assert data_generation() == before


def test_a_transaction_asks_once_to_move_the_generation_when_it_commits(alice):
    # alice was saved in this test's own transaction, which never commits: it asked already.
    with transaction.atomic():
        UserFactory.create_batch(3)
        pending = [entry for entry in connection.run_on_commit if entry[1] is _move_on]
    assert len(pending) == 1


@pytest.mark.django_db(transaction=True)
def test_the_generation_moves_again_at_commit():
    with transaction.atomic():
        UserFactory.create_batch(3)
        inside = data_generation()
    assert data_generation() == inside + 1


def test_pending_messages_are_shown_by_a_fresh_page_which_is_not_kept(alice):
    view, first = CountingView(), _request(alice)
    add_message(first, INFO, "Saved.")
    assert view.view(first).content == b"answer 1"
    # The message was not shown (this view does not show messages): still not kept.
    assert view.view(first).content == b"answer 2"
    assert len(first._messages) == 1


@pytest.mark.parametrize("view", [CountingView(status=404), CountingView(cookie=True)])
def test_refusals_and_answers_that_set_cookies_are_not_kept(alice, view):
    first = _request(alice)
    assert _twice(view, first, _request(alice, session_key=first.session.session_key)) == (
        b"answer 1",
        b"answer 2",
    )


def test_nothing_is_kept_for_anonymous_visitors_or_with_the_setting_off(alice, settings):
    from django.contrib.auth.models import AnonymousUser

    view = CountingView()
    anonymous = _request(AnonymousUser())
    view.view(anonymous), view.view(anonymous)
    settings.WORKBENCH_PAGE_CACHE = False
    signed_in = _request(alice)
    view.view(signed_in), view.view(signed_in)
    assert view.calls == 4


def _queries(client, url) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_the_inbox_is_kept_until_a_change_and_stays_out_of_browser_caches(
    client, hmi, inspection_a
):
    client.force_login(hmi)
    url = reverse("home")
    client.get(url)  # the first page a session sees sets its CSRF cookie
    worked_out, first = _queries(client, url)
    kept_queries, kept = _queries(client, url)
    assert kept.content == first.content
    # The session and the user; nothing of the inbox.
    assert kept_queries <= 2 < worked_out
    assert "no-store" in kept["Cache-Control"]
    UserFactory()
    assert _queries(client, url)[0] == worked_out
