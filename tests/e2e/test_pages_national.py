"""The national family of pages in the browser, as each persona who uses them: national grades,
survey indicators, evidence search, developing practice and the indicator import.

Every page a test loads is checked by axe-core (WCAG 2.2 A/AA, see the `new_page` fixture);
each page here also has one h1 and, at 320 px wide, nothing wider than the screen except inside
a scrolling region.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from inspections.models import AssessmentStatus, CriterionAssessment, EvidenceKind
from tests.e2e.axe import wait_for_check
from tests.e2e.conftest import log_in
from tests.factories import EvidenceItemFactory
from tests.inspections.national_support import EXCEEDS, MEETS, grade_area
from tests.inspections.outcome_support import results_create
from tests.inspections.practice_support import _practice

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

# Elements that may be wider than a 320 px screen: they scroll inside themselves.
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("main *")].filter((element) => {
    if (element.closest(".app-table-scroll, pre")) return false;
    return element.getBoundingClientRect().right > width + 1;
  });
  return wide.slice(0, 5).map((element) => element.tagName + "." + element.className);
}"""


def _check(page, url: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(url)
    expect(page.locator("h1")).to_have_count(1)
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate(_OVERFLOW) == [], f"{url} is wider than 320 px"


def _settle(page) -> None:
    """Wait for the axe-core check of the page just loaded, so the fixture's last check does
    not start a second run over it."""
    wait_for_check(page)


def _visit(new_page, username: str, urls: list[str]) -> None:
    page = new_page()
    log_in(page, username)
    for url in urls:
        _check(page, url)


@pytest.fixture
def graded(inspection_a, inspection_b):
    grade_area(inspection_a, "np", MEETS)
    grade_area(inspection_a, "dcfp", EXCEEDS, AssessmentStatus.NATIONALLY_MODERATED)
    grade_area(inspection_b, "np", EXCEEDS)
    return inspection_a


@pytest.fixture
def evidence(inspection_a, inspection_b, alice, bob):
    first = CriterionAssessment.objects.filter(area__inspection=inspection_a).first()
    item = EvidenceItemFactory(
        criterion_assessment=first, author=alice, text="Ward panels meet monthly in every town."
    )
    EvidenceItemFactory(
        criterion_assessment=first,
        author=alice,
        parent=item,
        kind=item.kind,
        text="Ward panels publish their priorities.",
    )
    other = CriterionAssessment.objects.filter(area__inspection=inspection_b).first()
    EvidenceItemFactory(
        criterion_assessment=other,
        author=bob,
        kind=EvidenceKind.AREA_FOR_IMPROVEMENT,
        text="Ward panels have lapsed.",
    )
    return item


@pytest.fixture
def practices(inspection_a, liaison):
    return {
        "submitted": _practice(inspection_a, submitted_by=liaison, title="Street surgeries"),
        "selected": _practice(
            inspection_a,
            submitted_by=liaison,
            selected=True,
            title="Harbour watch",
            evaluation="Calls fell by a third.",
        ),
    }


def test_national_grades_as_every_persona(new_page, graded, alice, hmi, panel, liaison, admin_user):
    table = reverse("inspections:national_grades", args=[2008])
    for username in ("alice", "hmi", "panel", "liaison", "admin"):
        _visit(new_page, username, [table, table + "?region=north"])


def test_national_grades_sorts_by_a_column(new_page, graded, panel):
    page = new_page()
    log_in(page, "panel")
    page.goto(reverse("inspections:national_grades", args=[2008]))
    table = page.locator("table.national-grades")
    table.get_by_role("button", name="Region").click()
    expect(table.locator("thead th").nth(1)).to_have_attribute("aria-sort", "ascending")


def test_survey_indicators_as_every_persona(
    new_page, inspection_a, inspection_b, force_a, force_b, alice, hmi, panel
):
    results_create(force_a)
    results_create(force_b)
    url = reverse("inspections:programme_indicators", args=[2008])
    for username in ("alice", "hmi", "panel"):
        _visit(new_page, username, [url, url + "?sort=np", url + "?region=nowhere"])


def test_survey_indicators_table_scrolls_inside_its_region_at_1366(new_page, force_a, panel):
    results_create(force_a)
    page = new_page()
    log_in(page, "panel")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(reverse("inspections:programme_indicators", args=[2008]))
    region = page.get_by_role("region", name="Survey indicator calls by force (scrolls sideways)")
    expect(region).to_be_visible()
    box = region.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1366
    page.get_by_text("The test behind each call", exact=True).click()
    expect(page.get_by_text("against the MSF:").first).to_be_visible()


def test_evidence_search_as_inspectors_and_moderators(
    new_page, evidence, force_a, alice, hmi, panel
):
    url = reverse("inspections:evidence_search")
    urls = [url, f"{url}?q=ward&force={force_a.pk}&kind=strength", f"{url}?force=999999"]
    for username in ("alice", "hmi", "panel"):
        _visit(new_page, username, urls)


def test_evidence_search_removes_a_selected_filter(new_page, evidence, force_a, alice):
    page = new_page()
    log_in(page, "alice")
    page.goto(reverse("inspections:evidence_search") + f"?q=ward&force={force_a.pk}")
    expect(page.get_by_role("heading", name="Selected filters")).to_be_visible()
    page.get_by_role("link", name="Remove this filter: Force A").click()
    expect(page.get_by_role("link", name="Remove this filter: ward")).to_be_visible()
    expect(page.get_by_role("link", name="Remove this filter: Force A")).to_have_count(0)
    # On a phone the panel stacks above the results rather than covering them.
    page.set_viewport_size({"width": 320, "height": 800})
    panel = page.locator(".moj-filter-layout__filter")
    assert panel.evaluate("element => getComputedStyle(element).position") == "static"


def test_developing_practice_as_the_inspection_team(new_page, practices, alice, hmi, panel):
    review = reverse("inspections:practice_review", args=[practices["submitted"].inspection_id])
    detail = reverse("inspections:practice_detail", args=[practices["submitted"].pk])
    library = reverse("inspections:practice_library")
    for username in ("alice", "hmi"):
        _visit(new_page, username, [review, detail, library])
    _visit(new_page, "panel", [detail, library, library + "?words=harbour"])


def test_review_shows_summaries_with_the_full_text_on_demand(new_page, practices, hmi):
    page = new_page()
    log_in(page, "hmi")
    page.goto(reverse("inspections:practice_review", args=[practices["selected"].inspection_id]))
    entry = page.locator(f"#practice-{practices['selected'].pk}")
    expect(entry.get_by_text("Calls fell by a third.")).to_be_hidden()
    entry.get_by_text("Read the full example").click()
    expect(entry.get_by_text("Calls fell by a third.")).to_be_visible()
    entry.get_by_role("button", name=re.compile("^Withdraw selection")).click()
    expect(page.locator(f"#practice-{practices['selected'].pk}")).to_contain_text("Submitted")
    _settle(page)


def test_developing_practice_as_the_force_liaison(new_page, practices, liaison):
    submitted = practices["submitted"]
    urls = [
        reverse("inspections:practice_library"),
        reverse("inspections:practice_mine"),
        reverse("inspections:practice_detail", args=[submitted.pk]),
        reverse("inspections:practice_edit", args=[submitted.pk]),
        reverse("inspections:practice_submit"),
    ]
    _visit(new_page, "liaison", urls)


def test_practice_form_with_errors(new_page, inspection_a, liaison):
    page = new_page()
    log_in(page, "liaison")
    page.goto(reverse("inspections:practice_submit"))
    page.get_by_role("button", name="Submit").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary.get_by_role("link").first.click()
    expect(page.locator(".govuk-form-group--error").first).to_be_visible()
    expect(page.locator("h1")).to_have_count(1)


def _upload(page, content: bytes) -> None:
    page.goto(reverse("grading:indicator_import"))
    page.set_input_files(
        "input[name=file]", files=[{"name": "r.csv", "mimeType": "text/csv", "buffer": content}]
    )
    page.get_by_role("button", name="Check file").click()


def test_indicator_import_as_the_administrator(new_page, force_a, admin_user):
    page = new_page()
    log_in(page, "admin")
    _check(page, reverse("grading:indicator_import"))
    # Sent empty: the form's own error.
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("button", name="Check file").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    # A file with a mistake: the problems, the rows read, the form again.
    _upload(page, b"force,indicator,year,value\nForce A,SPI 1e,2008,80.5\nForce A,KDI,2008,150\n")
    expect(page.locator(".import-errors")).to_contain_text("Line 3")
    expect(page.get_by_role("button", name="Check file")).to_be_visible()
    # A good file: the preview and the confirm button.
    _upload(page, b"force,indicator,year,value\nForce A,SPI 1e,2008,80.5\n")
    expect(page.get_by_role("button", name="Confirm and save 1 result")).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate(_OVERFLOW) == []
