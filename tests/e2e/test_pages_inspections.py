"""Every page of the inspections family, as each persona who uses it, checked by axe-core
(the `new_page` fixture fails a test on any WCAG 2.2 A/AA violation), with the criterion page
at a phone's width (320 px) and its item menus used with the mouse and the keyboard."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from inspections.models import AssessmentStatus, EvidenceItem, InspectionStatus
from inspections.services.evidence import evidence_item_create
from tests.e2e.axe import wait_for_check
from tests.e2e.conftest import log_in
from tests.inspections.outcome_support import _outcome_criterion, like_staffordshire

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 640}


@pytest.fixture
def recorded(alice, inspection_a, force_a):
    """Force A with survey results, a statement, and a strength with a sub-point and a
    second strength on the criterion that carries the indicators."""
    like_staffordshire(force_a)
    assessment = _outcome_criterion(inspection_a, "np")
    first = evidence_item_create(
        assessment=assessment, user=alice, kind="strength", text="Partners meet monthly."
    )
    evidence_item_create(
        assessment=assessment, user=alice, kind="strength", text="Housing attend.", parent=first
    )
    evidence_item_create(
        assessment=assessment, user=alice, kind="strength", text="A shared problem log."
    )
    return assessment, first


def _team_pages(inspection, assessment, item) -> list[str]:
    return [
        reverse("home"),
        reverse("inspections:inspection_detail", args=[inspection.pk]),
        assessment.get_absolute_url(),
        reverse("inspections:evidence_add", args=[assessment.pk]) + "?kind=strength",
        reverse("inspections:evidence_add", args=[assessment.pk]) + f"?parent={item.pk}",
        reverse("inspections:evidence_edit", args=[item.pk]),
        reverse("inspections:evidence_delete", args=[item.pk]),
        reverse("inspections:evidence_history", args=[item.pk]),
        reverse("inspections:statement_history", args=[assessment.pk]),
        reverse("inspections:overview_detail", args=[inspection.pk]),
        reverse("inspections:overview_edit", args=[inspection.pk]),
        reverse("inspections:overview_history", args=[inspection.pk]),
    ]


def _reader_pages(inspection, assessment, item) -> list[str]:
    return [
        reverse("home"),
        reverse("inspections:inspection_detail", args=[inspection.pk]),
        assessment.get_absolute_url(),
        reverse("inspections:evidence_history", args=[item.pk]),
        reverse("inspections:statement_history", args=[assessment.pk]),
        reverse("inspections:overview_detail", args=[inspection.pk]),
        reverse("inspections:overview_history", args=[inspection.pk]),
    ]


def _checked(page) -> None:
    """Wait until axe-core has finished with the page loaded last, so the next navigation
    does not cut its check short."""
    wait_for_check(page)


def _visit(page, urls):
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        expect(page.locator("h1")).to_have_count(1)
        _checked(page)


@pytest.mark.parametrize("persona", ["alice", "hmi"])
def test_the_team_pages(new_page, persona, recorded, inspection_a, request):
    request.getfixturevalue(persona)
    assessment, item = recorded
    page = new_page()
    log_in(page, persona)
    _visit(page, _team_pages(inspection_a, assessment, item))


@pytest.mark.parametrize("persona", ["panel", "admin_user"])
def test_the_readers_pages(new_page, persona, recorded, inspection_a, request):
    user = request.getfixturevalue(persona)
    assessment, item = recorded
    page = new_page()
    log_in(page, user.username)
    _visit(page, _reader_pages(inspection_a, assessment, item))


def test_a_liaisons_pages(new_page, liaison, recorded, inspection_a):
    assessment, item = recorded
    page = new_page()
    log_in(page, "liaison")
    expect(page.locator("#liaison-intro")).to_contain_text("developing practice")
    expect(page.locator("#liaison-drafts")).to_contain_text("No draft report")
    _checked(page)

    inspection_a.areas.update(status=AssessmentStatus.RELEASED)
    inspection_a.status = InspectionStatus.FACTUAL_ACCURACY
    inspection_a.save()
    page.goto(reverse("home"))
    expect(page.locator("#liaison-drafts")).to_contain_text("Check the")
    expect(page.get_by_role("link", name="Submit developing practice")).to_be_visible()
    _checked(page)
    _visit(
        page,
        [
            reverse("inspections:inspection_detail", args=[inspection_a.pk]),
            assessment.get_absolute_url(),
            reverse("inspections:evidence_history", args=[item.pk]),
            reverse("inspections:overview_detail", args=[inspection_a.pk]),
        ],
    )
    page.goto(reverse("inspections:inspection_detail", args=[inspection_a.pk]))
    _checked(page)
    expect(page.get_by_role("link", name="Download JSON")).to_have_count(0)
    expect(page.get_by_role("link", name="Force overview and context")).to_have_count(0)


def test_a_user_on_no_team(new_page, bob):
    page = new_page()
    log_in(page, "bob")
    expect(page.get_by_text("not on any inspection team")).to_be_visible()
    _checked(page)


def test_forms_shown_with_their_errors(new_page, alice, recorded, inspection_a):
    assessment, item = recorded
    page = new_page()
    log_in(page, "alice")

    page.goto(reverse("inspections:evidence_add", args=[assessment.pk]) + "?kind=strength")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("the text cannot be empty")
    summary.get_by_role("link").first.click()
    expect(page.locator("textarea[name=text]")).to_be_focused()
    _checked(page)

    page.goto(reverse("inspections:overview_edit", args=[inspection_a.pk]))
    page.fill("textarea[name=geography]", "Hills <b>and</b> dales.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Write plain text")
    expect(page.locator("#id_geography")).to_have_class(re.compile("govuk-textarea--error"))
    _checked(page)

    page.goto(assessment.get_absolute_url())
    page.fill("textarea[name=override]", "<script>x</script>")
    page.get_by_role("button", name="Save statement").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile("^Error: "))
    _checked(page)


def test_the_criterion_page_works_on_a_phone(new_page, alice, recorded):
    assessment, first = recorded
    page = new_page()
    page.set_viewport_size(PHONE)
    log_in(page, "alice")
    page.goto(assessment.get_absolute_url())
    _checked(page)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"]

    # The test behind a call opens without hovering.
    test = page.locator("#outcome-panel .app-call__test").first
    test.locator("summary").click()
    expect(test.locator(".govuk-details__text")).to_contain_text("threshold")

    # An item's actions: the menu opens, and a move inside it still submits.
    item = page.locator(f"#item-{first.pk}")
    menu = item.locator(":scope > .moj-button-menu")
    menu.get_by_role("button", name="Actions").click()
    menu.get_by_role("button", name="Move to work in progress").click()
    expect(page.get_by_text("Moved to work in progress.")).to_be_visible()
    assert EvidenceItem.objects.get(pk=first.pk).kind == "work_in_progress"
    _checked(page)

    # And by keyboard: open the menu with Enter, choose with the arrow keys.
    second = EvidenceItem.objects.get(text="A shared problem log.")
    toggle = page.locator(f"#item-{second.pk} > .moj-button-menu > button").first
    toggle.focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#item-{second.pk} .moj-button-menu__wrapper")).to_be_visible()
    page.keyboard.press("Escape")
    expect(toggle).to_be_focused()
