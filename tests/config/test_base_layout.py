"""templates/base.html, the GOV.UK Frontend base: navigation, account area, messages, favicon."""

import re

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.template import engines
from django.test import RequestFactory
from django.urls import resolve, reverse

from config.navigation import navigation_items

pytestmark = pytest.mark.django_db

PAGE = '{% extends "base.html" %}{% block content %}<h1>A page</h1>{% endblock %}'


def _render(user, path="/", add_messages=()):
    request = RequestFactory().get(path)
    request.user = user
    request.resolver_match = resolve(path)
    request._messages = CookieStorage(request)
    for level, text in add_messages:
        messages.add_message(request, level, text)
    return engines["django"].from_string(PAGE).render({}, request)


def _labels(items):
    return [item.label for item in items]


def test_the_items_are_the_earlier_ones_and_survey_indicators(hmi):
    items = navigation_items(user=hmi, view_name="home")
    assert _labels(items) == [
        "Tasks",
        "Evidence",
        "Practice",
        "Moderation",
        "National grades",
        "Indicators",
    ]
    assert items[-1].href == reverse("inspections:programme_indicators_latest")


def test_moderation_is_shown_only_with_a_moderation_permission(alice, liaison, panel):
    for user in (alice, liaison):
        assert "Moderation" not in _labels(navigation_items(user=user, view_name="home"))
    assert "Moderation" in _labels(navigation_items(user=panel, view_name="home"))


def test_the_current_page_is_marked_and_pages_within_a_section_too(panel):
    on_search = navigation_items(user=panel, view_name="inspections:evidence_search")
    assert [item.current for item in on_search if item.current] == ["page"]
    assert next(item for item in on_search if item.current).label == "Evidence"
    on_session = navigation_items(user=panel, view_name="moderation:session_detail")
    assert next(item for item in on_session if item.current).current == "true"


def test_signed_out_there_is_no_navigation_nor_account_area():
    assert navigation_items(user=AnonymousUser(), view_name="login") == []
    html = _render(AnonymousUser(), reverse("login"))
    assert "govuk-service-navigation__list" not in html and "Log out" not in html
    assert "Inspection Workbench" in html


def test_the_page_has_a_skip_link_one_main_and_the_current_item(alice):
    html = _render(alice, reverse("inspections:evidence_search"))
    assert html.index('href="#main-content"') < html.index("<main")
    assert html.count("<main") == 1
    assert '<main class="govuk-main-wrapper" id="main-content">' in html
    current = re.search(r'<a [^>]*aria-current="page"[^>]*>\s*<strong[^>]*>([^<]+)<', html)
    assert current and current[1] == "Evidence"
    assert '<html lang="en-GB" class="govuk-template">' in html


def test_the_account_area_names_the_user_and_logs_out_with_a_post(alice, admin_user):
    alice.first_name, alice.last_name = "Alice", "Inspector"
    html = _render(alice)
    assert "Alice Inspector" in html and "Change password" in html
    logout = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', html, re.S)
    assert logout[1] == reverse("logout") and 'type="submit"' in logout[2]
    assert "csrfmiddlewaretoken" in logout[2]
    assert "Administration" not in html
    assert "Administration" in _render(admin_user)


def test_messages_are_banners_and_errors_an_error_summary(alice):
    html = _render(
        alice,
        add_messages=[
            (messages.SUCCESS, "Saved."),
            (messages.ERROR, "Refused: the area is submitted."),
            (messages.INFO, "Nothing changed."),
        ],
    )
    summary = html.index("govuk-error-summary")
    assert summary < html.index("Saved.") < html.index("Nothing changed.")
    assert "There is a problem" in html and "Refused: the area is submitted." in html
    success = re.search(r'<div class="[^"]*notification-banner--success"[^>]*>', html)[0]
    assert 'role="alert"' in success
    assert 'role="region"' in html and "Important" in html


def test_favicon_ico_leads_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("favicon.ico")
