"""The crawler and its judgements: a breadth-first walk of the links a persona is shown, the
sweep of every URL pattern with ids filled in (crawl_plan.py), and what each answer must (not)
contain (hidden grades: crawl_grades.py).

The rules themselves are written in the module docstring of test_persona_crawl.py; the
tables of who may see what are in crawl_support.py.
"""

import functools
import re
import time
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from unittest import mock
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import (
    Resolver404,
    resolve,
    reverse,
)

from tests.security.crawl_grades import _shows_grade
from tests.security.crawl_plan import SKIPPED_ROUTES, Candidate
from tests.security.crawl_support import (
    ADMIN_SITE_USERS,
    ANONYMOUS,
    MARKER_PATTERN,
    SEARCH_WORD,
    World,
)

# Pages anyone may open signed out.
PUBLIC_ROUTES = {"login", "admin:login", "favicon"}
# The BFS takes at most this many URLs of one pattern (route and query keys): enough to
# see every kind of page many times over; the pattern sweep covers every marked object. In
# the Django admin one page per route, and no sorting or filtering links: those are Django's
# own machinery, and the admin's every page is slow enough to blow the time budget.
SITE_CAP = 12
ADMIN_CAP = 1
# And at most this many URLs of one route whatever their query: the search pages' facets and
# pages combine into hundreds of query strings that all render the same template.
ROUTE_CAP = 24
TOTAL_CAP = 6000
# An object out of reach may answer what an id that exists nowhere answers, when that says
# nothing about the object: a GET on a POST-only page (405), a role refused before any
# lookup (403).
OBJECT_BLIND = {403, 405}
# Extra GETs a persona makes: the search pages asked for every marker at once.
PROBES = (f"/search/?q={SEARCH_WORD}", f"/practice/?words={SEARCH_WORD}")


@dataclass
class Fetched:
    url: str
    status: int
    location: str = ""
    content_type: str = ""
    text: str = ""
    error: str = ""


@dataclass
class Findings:
    persona: str
    bfs_urls: int = 0
    pattern_urls: int = 0
    capped: int = 0
    seconds: float = 0.0
    server_errors: list = field(default_factory=list)
    leaks: list = field(default_factory=list)
    wrong_status: list = field(default_factory=list)
    tolerated: list = field(default_factory=list)
    in_reach_404: list = field(default_factory=list)
    seen: set = field(default_factory=set)  # marker tokens found anywhere


# Fetching and reading answers


class _Links(HTMLParser):
    """hrefs and srcs, and each GET form's action with the values it would submit as shown."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])
        if tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self._form = {"action": attrs.get("action") or "", "fields": []}
        elif self._form is not None:
            self._form_field(tag, attrs)

    def _form_field(self, tag, attrs):
        fields = self._form["fields"]
        kind = (attrs.get("type") or "text").lower()
        if tag == "input" and attrs.get("name") and kind not in ("submit", "button", "file"):
            if kind not in ("checkbox", "radio") or "checked" in attrs:
                fields.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select:
            chosen = [name for name, _ in fields if name == self._select]
            if not chosen or "selected" in attrs:
                fields[:] = [(n, v) for n, v in fields if n != self._select]
                fields.append((self._select, attrs.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            action, fields = self._form["action"], self._form["fields"]
            self.links.append(f"{action.split('?')[0]}?{urlencode(fields)}" if fields else action)
            self._form = None


def _same_site(base: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "data:", "tel:")):
        return None
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return None
    # Uploads have no URL of their own here (MEDIA_URL is left at "/"): views serve them.
    served = [prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix != "/"]
    if any(parts.path.startswith(prefix) for prefix in served):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@functools.cache
def _route_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


@functools.cache
def _path_route(path: str) -> str:
    try:
        return resolve(path).route
    except Resolver404:
        return path


def _cap_key(url: str) -> tuple:
    parts = urlsplit(url)
    route = _path_route(parts.path)
    if parts.path.startswith("/admin/"):
        return (route,)
    return route, tuple(sorted({key for key, _ in parse_qsl(parts.query, True)}))


def _no_template_capture():
    """The test client keeps a copy of every template context a response rendered; the crawl
    reads only the answer, and those copies are a good part of each request's time."""
    return mock.patch("django.test.client.store_rendered_templates", lambda *args, **kw: None)


def _text(response) -> str:
    kind = response.get("Content-Type", "")
    if "pdf" in kind or kind.startswith(("image/png", "image/jpeg", "application/octet")):
        return ""  # compressed or binary: markers could not be read anyway
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8", errors="replace")


class PersonaCrawl:
    def __init__(self, world: World, persona: str):
        self.world, self.persona = world, persona
        self.client = Client(raise_request_exception=False)
        if persona != ANONYMOUS:
            self.client.force_login(world.users[persona])
        self.fetched: dict[str, Fetched] = {}
        self.findings = Findings(persona)
        self.tokens = {marker.token.lower(): marker for marker in world.markers}
        # Markers that are plain words (a hidden force's name) are looked for as words.
        words = [m.token for m in world.markers if not re.fullmatch(MARKER_PATTERN, m.token)]
        found = [MARKER_PATTERN, *(rf"\b{re.escape(word)}\b" for word in words)]
        self.pattern = re.compile("|".join(found), re.I)

    def fetch(self, url: str) -> Fetched:
        if url in self.fetched:
            return self.fetched[url]
        # Each request in a savepoint rolled back afterwards: a GET that writes (it should not)
        # cannot change the world for the next one, and a database error cannot poison it.
        with transaction.atomic(), _no_template_capture():
            response = self.client.get(url)
            text = _text(response)
            transaction.set_rollback(True)
        error = ""
        if response.status_code >= 500 and getattr(response, "exc_info", None):
            error = f"{response.exc_info[0].__name__}: {response.exc_info[1]}"[:300]
        fetched = Fetched(
            url,
            response.status_code,
            response.get("Location", ""),
            response.get("Content-Type", ""),
            text,
            error,
        )
        self.fetched[url] = fetched
        self._inspect(fetched)
        return fetched

    # What every answer is checked for

    def _inspect(self, fetched: Fetched) -> None:
        if fetched.status >= 500:
            self.findings.server_errors.append(
                {
                    "persona": self.persona,
                    "url": fetched.url,
                    "status": fetched.status,
                    "error": fetched.error,
                }
            )
        for found in sorted({m.group(0).lower() for m in self.pattern.finditer(fetched.text)}):
            marker = self.tokens.get(found)
            if marker is not None:
                self.findings.seen.add(marker.token)
            if marker is not None and self.persona not in self.world.audience(marker):
                self._leak(fetched.url, marker.token, marker.material, marker.slug, marker.code)
        for grade in self.world.hidden_grades:
            if self.persona not in grade.audience and _shows_grade(fetched, grade):
                where = f"{grade.force} / {grade.framework}"
                self._leak(fetched.url, f"grade {grade.label}", "final grade", where, None)

    def _leak(self, url, what, material, slug, code) -> None:
        self.findings.leaks.append(
            {
                "persona": self.persona,
                "url": url,
                "marker": what,
                "material": material,
                "place": "/".join(filter(None, [slug, code])),
            }
        )

    # The walk

    def crawl(self) -> None:
        started = time.monotonic()
        queue = deque(["/", *PROBES])
        queued, per_key, per_route = set(queue), {}, {}
        while queue and len(self.fetched) < TOTAL_CAP:
            url = queue.popleft()
            key = _cap_key(url)
            cap = ADMIN_CAP if url.startswith("/admin/") else SITE_CAP
            if per_key.get(key, 0) >= cap or per_route.get(key[0], 0) >= ROUTE_CAP:
                self.findings.capped += 1
                continue
            per_key[key] = per_key.get(key, 0) + 1
            per_route[key[0]] = per_route.get(key[0], 0) + 1
            fetched = self.fetch(url)
            for link in self._links(fetched):
                if link not in queued:
                    queued.add(link)
                    queue.append(link)
        self.findings.bfs_urls = len(self.fetched)
        self.findings.seconds = time.monotonic() - started

    def _links(self, fetched: Fetched) -> list[str]:
        """Same-site links of an HTML page, or where a redirect leads."""
        if fetched.status in (301, 302, 303, 307, 308):
            hrefs = [fetched.location]
        elif fetched.status == 200 and "html" in fetched.content_type:
            parser = _Links()
            parser.feed(fetched.text)
            hrefs = parser.links
        else:
            return []
        links = []
        for href in hrefs:
            url = _same_site(fetched.url, href)
            if not url or _route_name(urlsplit(url).path) in SKIPPED_ROUTES:
                continue
            if url.startswith("/admin/") and "?" in url:
                continue
            links.append(url)
        return links

    # The pattern sweep and its judgement

    def sweep(self, plan: list[Candidate]) -> None:
        started = time.monotonic()
        before = len(self.fetched)
        for candidate in plan:
            self.judge(candidate, self.fetch(candidate.url))
        self.findings.pattern_urls = len(self.fetched) - before
        self.findings.seconds += time.monotonic() - started

    def judge(self, candidate: Candidate, fetched: Fetched) -> None:
        """Whether the answer is the one this persona must get (module docstring, "Status")."""
        if fetched.status >= 500 or candidate.route in PUBLIC_ROUTES:
            return
        if self.persona == ANONYMOUS:
            self._expect_login(candidate, fetched, "login")
        elif candidate.admin and self.persona not in ADMIN_SITE_USERS:
            self._expect_login(candidate, fetched, "admin:login")
        elif candidate.kind is None or candidate.admin:
            return
        elif candidate.target is None:
            self._expect_absent(candidate, fetched, "an id that exists nowhere")
        elif self.persona in candidate.target.reach:
            if fetched.status == 404:
                self.findings.in_reach_404.append({"persona": self.persona, "url": fetched.url})
        else:
            self._expect_absent(candidate, fetched, f"{candidate.kind} {candidate.target.label}")

    def _expect_login(self, candidate, fetched, login_route) -> None:
        login = resolve_url(settings.LOGIN_URL) if login_route == "login" else reverse(login_route)
        redirected = fetched.status == 302 and urlsplit(fetched.location).path in (
            login,
            reverse("admin:login"),
        )
        if redirected or fetched.status == 404 or self._method_refused(candidate, fetched):
            return
        self._wrong(candidate, fetched, f"302 to {login} (or 404)")

    def _method_refused(self, candidate, fetched) -> bool:
        """A 405 to a GET that an unknown id gets too: refused before anything was read."""
        if fetched.status != 405:
            return False
        return candidate.ghost_url is None or self.fetch(candidate.ghost_url).status == 405

    def _expect_absent(self, candidate, fetched, what) -> None:
        if fetched.status == 404:
            return
        ghost = self.fetch(candidate.ghost_url) if candidate.ghost_url else None
        if candidate.target is None:
            if fetched.status in OBJECT_BLIND or fetched.status == 302:
                return
            self._wrong(candidate, fetched, f"404 for {what}")
            return
        same = ghost is not None and ghost.status == fetched.status
        if same and fetched.status == 302:
            # A redirect that does not depend on the object, only on its id, tells nothing.
            ghost_pk = str(self.world.ghosts[candidate.kind])
            mine = fetched.location.replace(str(candidate.target.pk), "{id}")
            same = mine == ghost.location.replace(ghost_pk, "{id}")
        if same and fetched.status in (*OBJECT_BLIND, 302):
            self.findings.tolerated.append(
                {"persona": self.persona, "url": fetched.url, "status": fetched.status}
            )
            return
        self._wrong(candidate, fetched, f"404 for {what} (out of reach)")

    def _wrong(self, candidate, fetched, expected) -> None:
        self.findings.wrong_status.append(
            {
                "persona": self.persona,
                "url": fetched.url,
                "status": fetched.status,
                "location": fetched.location,
                "expected": expected,
                "route": candidate.route,
            }
        )
