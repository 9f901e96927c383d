"""In a real browser the pages work under the Content-Security-Policy: their scripts run from
static files and the browser reports no violation (an inline script or style would be one)."""

import pytest
from playwright.sync_api import expect

from inspections.models import CriterionAssessment
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _watch_violations(page) -> list[str]:
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    return violations


def test_pages_run_their_scripts_with_no_policy_violation(new_page, alice, inspection_a):
    page = new_page()
    violations = _watch_violations(page)
    log_in(page, "alice")
    # The statement preview is statement.js at work: it runs, under script-src 'self'.
    assessment = CriterionAssessment.objects.get(
        area__inspection=inspection_a, criterion__parent__order=1, criterion__order=3
    )
    page.goto(assessment.get_absolute_url())
    page.select_option("select[name=slot_coverage]", "most")
    expect(page.locator("#statement-preview")).to_contain_text("in most neighbourhoods")
    # GOV.UK Frontend's module script: the service navigation folds into a Menu button on a
    # narrow window, and the button opens it.
    page.set_viewport_size({"width": 320, "height": 800})
    expect(page.get_by_role("link", name="Evidence", exact=True)).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("link", name="Evidence", exact=True)).to_be_visible()
    for url in ("/", f"/reports/inspections/{inspection_a.pk}/", "/account/password/"):
        assert page.goto(url).status == 200, url
    assert violations == []
