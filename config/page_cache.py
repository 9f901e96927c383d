"""Pages a signed-in person asks for again and again, answered from the cache until data changes.

The inbox, a national session and the national grades page each work over every force of a
round; twenty people refreshing them would have the server work the same answer out twenty
times a minute. `viewer_cached` keeps a page as rendered for one browser session and answers
that session's next request for the same address from the cache, for PAGE_SECONDS at most.

What keeps a kept page true:
- every saved or deleted record (any model but sessions and sign-in attempts), every change
  of a many-to-many relation (a person's groups), every POST, PUT, PATCH or DELETE and every
  Celery task move the *data generation* on, once its transaction commits; a kept page
  belongs to one generation and is never answered in another;
- a page is kept per browser session (and its CSRF cookie, so the forms it holds stay valid),
  never shared between people or between sessions of one person;
- a page is neither answered from nor put in the cache while the session has messages to show
  (they are shown once, by a fresh page), nor when the view answered anything but a plain 200
  or set a cookie.
Time alone changes nothing a kept page says but relative wording; PAGE_SECONDS bounds that.

Kept pages are shared by every process only when the cache is (Redis, REDIS_URL): settings
turn the page cache on with REDIS_URL and off without it (WORKBENCH_PAGE_CACHE overrides), as
a Celery worker in another process could not otherwise move the generation on for the web.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpResponse

PAGE_SECONDS = 120
GENERATION_KEY = "data-generation"
# Records whose saving changes no page: sessions (saved as they are refreshed), sign-in
# attempts and the admin's own log (written beside a change that moves the generation anyway).
UNWATCHED_APPS = {"sessions", "axes", "admin", "contenttypes"}
_KEPT_HEADERS = ("Content-Disposition",)


def data_generation() -> int:
    """The current data generation, started from the clock so it never repeats an old one."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _move_on() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, or evicted: a new one from the clock is fresh
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def data_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Move the generation on now, and again when the current transaction commits.

    Now, so the changing request's own next read (and a test's, whose transaction never
    commits) is fresh; at commit, because a page worked out meanwhile by another request read
    the data as it was before the commit. The move at commit is asked for once a transaction.
    """
    _move_on()
    connection = connections[using]
    if connection.in_atomic_block and not any(
        entry[1] is _move_on for entry in connection.run_on_commit
    ):
        transaction.on_commit(_move_on, using=using)


def record_changed(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Receiver of post_save, post_delete and m2m_changed for every model."""
    if sender._meta.app_label in UNWATCHED_APPS:
        return
    if kwargs.get("action", "post_").startswith("pre_"):  # m2m_changed sends pre_ and post_
        return
    data_changed(using or DEFAULT_DB_ALIAS)


def _page_key(request) -> str | None:
    if not settings.WORKBENCH_PAGE_CACHE or request.method != "GET":
        return None
    user = getattr(request, "user", None)
    session_key = request.session.session_key if hasattr(request, "session") else None
    if user is None or not user.is_authenticated or not session_key:
        return None
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):  # counts without marking them shown
        return None
    parts = (
        session_key,
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        str(data_generation()),
        request.get_full_path(),
    )
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _keepable(response) -> bool:
    return response.status_code == 200 and not response.streaming and not response.cookies


def viewer_cached(view):
    """Answer a GET from the page kept for this browser session in this data generation."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        key = _page_key(request)
        if key is None:
            return view(request, *args, **kwargs)
        kept = cache.get(key)
        if kept is not None:
            content, content_type, headers = kept
            return HttpResponse(content, content_type=content_type, headers=headers)
        response = view(request, *args, **kwargs)
        if _keepable(response):
            headers = {name: response[name] for name in _KEPT_HEADERS if name in response}
            cache.set(key, (response.content, response["Content-Type"], headers), PAGE_SECONDS)
        return response

    return cached_view
