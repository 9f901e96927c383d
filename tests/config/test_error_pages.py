"""The error pages (404, 403, 500) are the site's own, in the GOV.UK design, with debug off:
never Django's debug page, and the 500 page renders with no request at all."""

import pytest
from django.template.loader import get_template
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

DEBUG_PAGE_MARKS = ("DEBUG = True", "Traceback", "technical_500", "Using the URLconf")


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


def _assert_designed_page(html: str, heading: str) -> None:
    assert 'class="govuk-template"' in html and "css/application.css" in html
    assert 'href="#main-content"' in html and "Skip to main content" in html
    assert html.count("<main") == 1 and 'id="main-content"' in html
    assert html.count("<h1") == 1 and heading in html
    assert not any(mark in html for mark in DEBUG_PAGE_MARKS)


def test_an_unknown_address_gets_the_designed_404_page(client, alice):
    client.force_login(alice)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    _assert_designed_page(response.text, "Page not found")
    # Signed in, the navigation is there to go on from.
    assert "Change password" in response.text and "govuk-service-navigation__list" in response.text


def test_signed_out_the_404_page_has_no_account_area(client):
    response = client.get("/static-nowhere/missing/")
    assert response.status_code == 404
    _assert_designed_page(response.text, "Page not found")
    assert "Log out" not in response.text


def test_a_refusal_gets_the_designed_403_page_with_its_reason(client, alice):
    client.force_login(alice)
    response = client.get(reverse("inspections:practice_submit"))
    assert response.status_code == 403
    _assert_designed_page(response.text, "You cannot do this")
    assert "Only a force&#x27;s liaison can submit and edit developing practice." in response.text


@pytest.mark.urls("tests.config.error_urls")
def test_a_view_that_fails_gets_the_designed_500_page(alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    response = client.get("/test-only/broken/")
    assert response.status_code == 500
    _assert_designed_page(response.text, "Sorry, there is a problem with the service")
    assert "A fault no page expects." not in response.text


def test_the_500_page_needs_no_request_context():
    # Django's server_error view renders it with an empty context.
    html = get_template("500.html").render({})
    _assert_designed_page(html, "Sorry, there is a problem with the service")
    assert "Log out" not in html
