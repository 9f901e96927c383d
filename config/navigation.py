"""The service navigation of templates/base.html: the items a user is shown, and which is current.

A context processor, so every page of the GOV.UK base gets the same items without its view
knowing. The list is built only when a template asks for it (fragments and pages that never
show the navigation cost nothing), and only for a signed-in user.
"""

from dataclasses import dataclass

from django.urls import reverse

from moderation.inbox.count import inbox_count_remembered


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    # The views that are this item's own page (aria-current="page") and those that are pages
    # within it (aria-current="true": highlighted, but not the page the link leads to).
    pages: frozenset[str]
    within: frozenset[str] = frozenset()
    # Any one of these permissions shows the item; none listed, everyone signed in sees it.
    permissions: tuple[str, ...] = ()
    # The item shows how many tasks wait in the person's inbox (the home page).
    counts_tasks: bool = False


# Short labels, so the service name and every item fit on one line at desktop widths
# (tests/e2e/test_navigation_layout.py); each page's own heading says it in full.
ITEMS = (
    NavItem("Tasks", "home", frozenset({"home"}), counts_tasks=True),
    NavItem("Evidence", "inspections:evidence_search", frozenset({"inspections:evidence_search"})),
    NavItem(
        "Practice",
        "inspections:practice_library",
        frozenset({"inspections:practice_library"}),
    ),
    # Moderators, and the inspectors who lead areas to a panel.
    NavItem(
        "Moderation",
        "moderation:panel_list",
        frozenset({"moderation:panel_list"}),
        within=frozenset({"moderation:session_detail", "moderation:agenda_item_detail"}),
        permissions=("inspections.view_all_inspections", "inspections.change_areaassessment"),
    ),
    NavItem(
        "National grades",
        "inspections:national_grades_latest",
        frozenset({"inspections:national_grades"}),
    ),
    NavItem(
        "Indicators",
        "inspections:programme_indicators_latest",
        frozenset({"inspections:programme_indicators"}),
    ),
)


@dataclass(frozen=True)
class ShownItem:
    label: str
    href: str
    current: str  # the aria-current value: "page", "true" or ""
    count: int | None = None  # tasks waiting, where known


def navigation_items(*, user, view_name: str, task_count: int | None = None) -> list[ShownItem]:
    if not user.is_authenticated:
        return []
    shown = []
    for item in ITEMS:
        if item.permissions and not any(user.has_perm(name) for name in item.permissions):
            continue
        current = "page" if view_name in item.pages else "true" if view_name in item.within else ""
        count = task_count if item.counts_tasks else None
        shown.append(ShownItem(item.label, reverse(item.url_name), current, count))
    return shown


def _task_count(request, user) -> int | None:
    """The home page's own count; elsewhere the one it last worked out (no query)."""
    inbox = getattr(request, "inbox", None)
    if inbox is not None:
        return inbox.count
    return inbox_count_remembered(user=user)


def service_navigation(request):
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    if user is None:
        return {}
    # A template calls a callable it is given, so the list is built only where it is shown.
    return {
        "service_navigation": lambda: navigation_items(
            user=user,
            view_name=view_name,
            task_count=_task_count(request, user) if user.is_authenticated else None,
        )
    }
