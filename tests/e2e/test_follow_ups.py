"""Follow-ups in the browser: a lead inspector opens Staffordshire's 2008 inspection from the
programme page with the 2007 report imported, the team assesses a follow-up on the criterion
page, and the report prints it."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inspections.models import FollowUp, Inspection
from reports.importer.service import report_import
from tests.conftest import require_service
from tests.e2e.axe import wait_for_check
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
FORCE_2007 = SEEDS / "staffordshire-2007-np-pm-pvp.txt"
ACCOUNT = "Supervision ratios now stay within one to eight in every unit."


@pytest.fixture
def imported_2007(reference):
    require_service(FORCE_2007.exists(), f"the shared seed reports are not at {SEEDS}")
    report_import(data=FORCE_2007.read_bytes(), source_name=FORCE_2007.name)


def _open_staffordshire(page) -> Inspection:
    page.goto("/programmes/2008/grades/")
    wait_for_check(page)
    page.get_by_role("button", name="Open a force's inspection").click()
    wait_for_check(page)
    page.get_by_label("Force").select_option(label="Staffordshire")
    page.locator("main button[type=submit]").click()
    expect(
        page.get_by_text("Inspection opened with 22 follow-ups of the 2007 inspection.")
    ).to_be_visible()
    wait_for_check(page)
    return Inspection.objects.get(force__slug="staffordshire", programme__year=2008)


def test_follow_ups_are_opened_assessed_and_printed(new_page, hmi, imported_2007):
    page = new_page()
    log_in(page, "hmi")
    inspection = _open_staffordshire(page)
    assert inspection.follow_ups.count() == 22
    expect(
        page.get_by_text(re.compile(r"Follow-ups of the inspection as a whole \(\d+\)"))
    ).to_be_visible()

    # The criterion the 2007 Neighbourhood Policing areas for improvement map to.
    page.get_by_role("link", name=re.compile("Neighbourhoods are appropriately staffed")).click()
    wait_for_check(page)
    placed = inspection.follow_ups.exclude(criterion_assessment=None).order_by("order")
    section = page.locator("section[aria-labelledby=follow-ups-heading]")
    expect(section.locator("li.app-follow-up")).to_have_count(placed.count())
    first = placed.first()
    expect(section).to_contain_text(first.text[:40])

    page.locator(f"#follow-up-{first.pk}").get_by_role("link", name=re.compile("^Assess")).click()
    wait_for_check(page)
    page.locator("main button[type=submit]").click()  # nothing chosen: refused, with errors
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose how far")
    wait_for_check(page)
    page.get_by_label("Partly addressed").check()
    page.get_by_label("Account of progress").fill(ACCOUNT)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_text("Follow-up assessed.")).to_be_visible()
    wait_for_check(page)
    expect(page.locator(f"#follow-up-{first.pk}")).to_contain_text("Partly addressed")
    first = FollowUp.objects.get(pk=first.pk)
    assert first.outcome == "partly_addressed" and first.assessed_by == hmi

    page.goto(f"/reports/inspections/{inspection.pk}/html/")
    wait_for_check(page)
    progress = page.locator("#area-1-np-progress")
    expect(progress).to_have_text("Progress since the last inspection")
    expect(page.get_by_text(ACCOUNT)).to_be_visible()
    expect(page.locator("#progress-other")).to_contain_text("Performance Management")
