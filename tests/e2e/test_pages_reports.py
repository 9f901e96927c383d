"""Every page of the reports family, in the browser, as each persona who uses it; the
new_page fixture runs axe-core (WCAG 2.2 A/AA) on each page loaded. The pages: an
inspection's report page and its accessible web page, the national report page and its
accessible web page (draft and published), the summary and recommendations with their
forms (shown with errors too), the delete confirmation, and the admin's import preview."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports.models import ReportRun, RunStatus
from tests.e2e.axe import wait_for_check
from tests.e2e.conftest import log_in
from tests.reports.admin_support import SYNTHETIC_REPORT
from tests.reports.force_report_support import area_of, fill, grade
from tests.reports.national_support import recommend
from tests.reports.runs_support import publish, release_to_force

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = 2008


@pytest.fixture
def report_world(inspection_a, programme_2008, alice):
    fill(inspection_a)
    area = area_of(inspection_a, "np")
    area.proposed_grade = grade("Meeting the standard")
    area.save()
    release_to_force(inspection_a)
    ReportRun.objects.create(
        inspection=inspection_a, requested_by=alice, status=RunStatus.FAILED, error="Worker lost."
    )
    ReportRun.objects.create(programme=programme_2008, requested_by=alice, status=RunStatus.FAILED)
    recommend(programme_2008, 1, "Review contact mechanisms.", addressed_to="Chief officers")
    recommend(programme_2008, 3, "Publish the results.")
    return inspection_a


def _settle(page):
    """Wait until axe-core has checked the page just loaded, so the fixture's last check does
    not start a second run beside it."""
    wait_for_check(page)
    page.wait_for_timeout(300)


def _visit(page, url, heading):
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


@pytest.mark.parametrize("persona", ["alice", "hmi", "panel", "liaison"])
def test_the_inspection_report_pages(new_page, request, persona, report_world):
    request.getfixturevalue(persona)
    inspection = report_world
    page = new_page()
    log_in(page, persona)
    _visit(
        page, reverse("reports:inspection_report", args=[inspection.pk]), re.compile("^Report: ")
    )
    if persona == "liaison":  # a liaison sees only the runs of released areas they asked for
        expect(page.locator("#no-runs")).to_be_visible()
    else:
        expect(page.locator("#report-runs [data-field=status]").first).to_have_text("Failed")
    page.get_by_role("link", name="Read the report as an accessible web page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(inspection.force.display_name)
    expect(page.get_by_role("heading", name="Findings", level=2)).to_be_visible()
    areas = page.locator("section[data-area] h3")
    expect(areas.first).to_have_text(re.compile("Neighbourhood"))
    expect(page.locator("[data-field=grade]").first).to_contain_text("Meeting the standard")
    # The released area only, for the force's liaison.
    expect(areas).to_have_count(1 if persona == "liaison" else 2)
    page.set_viewport_size({"width": 320, "height": 800})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    _settle(page)


@pytest.mark.parametrize("persona", ["alice", "panel", "liaison"])
def test_the_national_report_page(new_page, request, persona, report_world):
    request.getfixturevalue(persona)
    page = new_page()
    log_in(page, persona)
    _visit(page, reverse("reports:programme_report", args=[YEAR]), re.compile("^National report"))
    if persona != "liaison":
        page.get_by_role("link", name="Summary and recommendations").click()
        expect(page.get_by_text("Review contact mechanisms.")).to_be_visible()
    _settle(page)


@pytest.mark.parametrize("persona", ["hmi", "alice"])
def test_the_national_report_web_page(new_page, request, persona, report_world):
    """The lead reads the draft; an inspector reads it once the programme is published."""
    request.getfixturevalue(persona)
    if persona == "alice":
        publish(report_world)
    page = new_page()
    log_in(page, persona)
    _visit(page, reverse("reports:programme_report", args=[YEAR]), re.compile("^National report"))
    page.get_by_role("link", name="Read the national report as an accessible web page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(f"^National report {YEAR}: ")
    )
    draft = page.get_by_text("DRAFT: not for publication.")
    expect(draft).to_have_count(1 if persona == "hmi" else 0)
    page.get_by_role("link", name="Grades of every force").click()
    grades = page.get_by_role("table", name=re.compile("^The grade of each force"))
    expect(grades).to_be_visible()
    expect(grades.locator("tr[data-force]").first).to_be_visible()
    expect(page.get_by_text("Review contact mechanisms.")).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    _settle(page)


def test_the_lead_edits_recommendations_and_the_summary(new_page, hmi, report_world):
    page = new_page()
    log_in(page, "hmi")
    _visit(page, reverse("reports:programme_report", args=[YEAR]), re.compile("^National report"))
    page.get_by_role("link", name="Summary and recommendations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^National report"))

    page.get_by_role("link", name="Add a recommendation").click()
    page.get_by_label("Number").fill("1")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Recommendation 1 already exists")
    expect(summary).to_contain_text("cannot be empty")
    summary.get_by_role("link", name=re.compile("cannot be empty")).click()
    expect(page.get_by_label("Text")).to_be_focused()
    page.get_by_label("Number").fill("2")
    page.get_by_label("Text").fill("Train every call handler.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Recommendation 2 added.")).to_be_visible()

    page.get_by_role("link", name="Edit recommendation 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit recommendation 2")
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("button", name="Move down recommendation 1").click()
    page.get_by_role("link", name="Delete recommendation 3").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete recommendation 3?")
    page.get_by_role("button", name="Delete recommendation 3").click()

    page.get_by_role("link", name="Edit the summary").click()
    page.get_by_label("Summary", exact=True).fill("<b>Bold</b>")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("HTML")
    page.get_by_label("Summary", exact=True).fill("What we found.\n\n- One thing.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("What we found.")).to_be_visible()
    _settle(page)


def test_the_admin_import_preview(new_page, admin_user, programme_2008, force_a):
    page = new_page()
    log_in(page, "admin")
    page.goto(reverse("admin:reports_reportimport_import"))
    page.set_input_files(
        "input[type=file]",
        {"name": "force-a-2008.md", "mimeType": "text/plain", "buffer": SYNTHETIC_REPORT},
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", name=re.compile("^Areas"))).to_be_visible()
    details = page.locator("details.app-import-area").first
    details.locator("summary").click()
    expect(details.get_by_text("Neighbourhoods are appropriately staffed.")).to_be_visible()
    # The preview fits an 800 px window (axe-core checks it, as every admin page).
    page.set_viewport_size({"width": 800, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 800
