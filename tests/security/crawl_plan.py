"""The crawl's plan: every URL pattern of the project with the ids of objects filled in
(each in and out of a persona's reach, and a ghost id that exists nowhere)."""

import re
from dataclasses import dataclass

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    reverse,
)
from django.urls.resolvers import RoutePattern

from forces.models import Force
from inspections.models import Inspection
from tests.security.crawl_support import (
    Target,
    World,
)

# Routes never fetched: logging out would end the crawl's session.
SKIPPED_ROUTES = {"logout", "admin:logout"}
# The path segment before an id names the kind of object the id is of.
SEGMENT_KINDS = {
    "inspections": "inspection",
    "areas": "area",
    "criteria": "criterion",
    "evidence": "evidence",
    "attachments": "attachment",
    "comments": "comment",
    "practice": "practice",
    "sessions": "session",
    "panels": "panel",
    "items": "agenda_item",
    "decisions": "decision",
    "runs": "run",
    "recommendations": "recommendation",
    "forces": "force",
    "follow-ups": "follow_up",
}
# Routes whose id is of another kind than the segment before it says.
ROUTE_KINDS = {
    "reports:response_edit": "response",
    "reports:response_history": "response_history",
}


@dataclass
class Candidate:
    """A URL built from a pattern: its route name, and the object (or ghost) its id names."""

    url: str
    route: str
    kind: str | None = None
    target: Target | None = None
    ghost_url: str | None = None
    admin: bool = False


# URL patterns


@dataclass(frozen=True)
class Pattern:
    route: str  # the joined route, e.g. "criteria/<int:pk>/"
    name: str | None  # namespaced, e.g. "inspections:criterion_detail"
    parts: tuple  # the pattern objects from the root down
    params: tuple[str, ...]  # keyword arguments, or "0", "1"... for positional groups

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")


def url_patterns() -> list[Pattern]:
    """Every URL pattern of the project, walked from the root resolver."""
    found: list[Pattern] = []

    def walk(resolver, parts, namespace):
        for entry in resolver.url_patterns:
            chain = (*parts, entry.pattern)
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, [namespace, entry.namespace])) or None
                walk(entry, chain, inner)
            elif isinstance(entry, URLPattern):
                name = entry.name and ":".join(filter(None, [namespace, entry.name]))
                found.append(Pattern(_route(chain), name, chain, _params(chain)))

    walk(get_resolver(), (), None)
    return found


def _route(chain) -> str:
    return "".join(str(part) for part in chain)


def _params(chain) -> tuple[str, ...]:
    params: list[str] = []
    for part in chain:
        if isinstance(part, RoutePattern):
            params.extend(part.converters)
        else:
            regex = part.regex
            params.extend(regex.groupindex)
            params.extend(str(i) for i in range(regex.groups - len(regex.groupindex)))
    return tuple(params)


def _build(pattern: Pattern, values: dict[str, str]) -> str:
    if all(isinstance(part, RoutePattern) for part in pattern.parts):
        url = pattern.route
        for name, value in values.items():
            url = re.sub(rf"<(?:\w+:)?{name}>", str(value), url)
        return "/" + url
    args = [values[key] for key in sorted(values) if key.isdigit()]
    kwargs = {key: value for key, value in values.items() if not key.isdigit()}
    return reverse(pattern.name, args=args or None, kwargs=kwargs or None)


def _id_kind(pattern: Pattern, param: str) -> str | None:
    """The kind of object a site pattern's id names: the path segment before it."""
    found = re.search(rf"([\w-]+)/<(?:\w+:)?{param}>", pattern.route)
    return SEGMENT_KINDS.get(found.group(1)) if found else None


def _admin_model(pattern: Pattern):
    found = re.match(r"admin/(\w+)/(\w+)/", pattern.route)
    if not found:
        return None
    try:
        return apps.get_model(found.group(1), found.group(2))
    except LookupError:
        return None


class Unfillable(Exception):
    """A pattern takes an argument the crawl does not know how to fill: teach it."""


def candidates(world: World, pattern: Pattern) -> list[Candidate]:
    """The URLs of one pattern: one per object worth trying, and a ghost where there is an id."""
    if pattern.name in SKIPPED_ROUTES:
        return []
    route = pattern.name or pattern.route
    if not pattern.params:
        return [Candidate(_build(pattern, {}), route, admin=pattern.is_admin)]
    if pattern.is_admin:
        return _admin_candidates(pattern, route)
    return _site_candidates(world, pattern, route)


def _addressee_pk() -> int:
    """The force a response page is tried for: a territorial force (only they respond)."""
    return Force.objects.territorial().order_by("pk").values_list("pk", flat=True).first()


def _site_candidates(world: World, pattern: Pattern, route: str) -> list[Candidate]:
    params = set(pattern.params)
    id_param = next((p for p in ("pk", "slug") if p in params), None)
    kind = _id_kind(pattern, id_param) if id_param else ("programme" if "year" in params else None)
    kind = ROUTE_KINDS.get(pattern.name, kind)
    known = {"pk", "slug", "year", "direction"}
    if pattern.name in ROUTE_KINDS:
        known |= {"kind", "addressee_pk"}
    if kind is None or params - known:
        raise Unfillable(f"{pattern.route}: cannot tell what {sorted(params)} stand for")

    def values(pk, year, slug=""):
        chosen = {"direction": "up"} if "direction" in params else {}
        if "kind" in params:
            chosen.update(kind="force", addressee_pk=_addressee_pk())
        if id_param == "pk":
            chosen["pk"] = pk
        if id_param == "slug":
            chosen["slug"] = slug
        if "year" in params:
            chosen["year"] = year if id_param else pk
        return {key: str(value) for key, value in chosen.items()}

    ghost = _build(pattern, values(world.ghosts[kind], 2008, f"ghost-{world.ghosts[kind]}"))
    found = [
        Candidate(_build(pattern, values(t.pk, t.year, t.label)), route, kind, t, ghost)
        for t in world.targets.get(kind, [])
    ]
    return [*found, Candidate(ghost, route, kind, None, ghost)]


def _admin_candidates(pattern: Pattern, route: str) -> list[Candidate]:
    params = set(pattern.params)
    if params == {"app_label"}:
        labels = sorted({model._meta.app_label for model in admin.site._registry})
        return [
            Candidate(_build(pattern, {"app_label": label}), route, admin=True) for label in labels
        ]
    if params == {"url"}:
        # The admin's catch-all: any path under it that no other admin pattern takes.
        return [Candidate("/admin/no-such-page/", route, admin=True)]
    if params == {"content_type_id", "object_id"}:
        inspection = Inspection.objects.order_by("pk").last()
        values = {"content_type_id": ContentType.objects.get_for_model(Inspection).pk}
        url = _build(pattern, {**values, "object_id": inspection.pk})
        return [Candidate(url, route, admin=True)]
    model = _admin_model(pattern)
    id_params = params & {"object_id", "pk", "id", "0"}
    if model is None or params - id_params - {"1"}:
        raise Unfillable(f"{pattern.route}: cannot tell what {sorted(params)} stand for")
    found = []
    last = model._default_manager.order_by("pk").last()
    for pk in (last.pk if last else None, _ghost_pk(model)):
        if pk is None:
            continue
        chosen = {param: str(pk) for param in id_params}
        if "1" in params:
            chosen["1"] = _history_id(model, pk)
        found.append(Candidate(_build(pattern, chosen), route, admin=True))
    return found


def _ghost_pk(model) -> int:
    highest = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
    return (highest or 0) + 100_000


def _history_id(model, pk) -> str:
    history = getattr(model, "history", None)
    if history is None:
        return "1"
    row = history.filter(id=pk).order_by("-history_id").values_list("history_id", flat=True)
    return str(row.first() or 1)


def plan(world: World) -> tuple[list[Candidate], int, list[str]]:
    """Every pattern's URLs, the number of patterns, and the patterns the crawl could not
    fill (each one is a failure: teach SEGMENT_KINDS or _admin_candidates about it)."""
    found, unfillable = [], []
    patterns = url_patterns()
    for pattern in patterns:
        try:
            found.extend(candidates(world, pattern))
        except (Unfillable, NoReverseMatch) as exc:
            unfillable.append(str(exc))
    return found, len(patterns), unfillable
