import re

import pytest
from playwright.sync_api import expect

from inspections.models import CriterionAssessment, EvidenceItem
from tests.e2e.axe import wait_for_check
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _problem_solving(inspection):
    return CriterionAssessment.objects.get(
        area__inspection=inspection, criterion__parent__order=1, criterion__order=3
    )


def _actions(page, item):
    """The item's own action menu (not those of its sub-points)."""
    return page.locator(f"#item-{item.pk} > .moj-button-menu")


def test_alice_records_a_statement_and_evidence(new_page, alice, inspection_a):
    page = new_page()
    log_in(page, "alice")
    page.get_by_role("link", name="Force A Constabulary").click()
    page.get_by_role("link", name=re.compile("Joint problem solving")).click()

    # Summary statement from graded levels; the preview follows the choices before saving.
    page.select_option("select[name=slot_coverage]", "most")
    page.select_option("select[name=slot_evaluation]", "partly")
    page.select_option("select[name=slot_resolution]", "moderate")
    expect(page.locator("#statement-preview")).to_contain_text("in most neighbourhoods")
    page.get_by_role("button", name="Save statement").click()
    expect(page.get_by_text("Summary statement saved.")).to_be_visible()
    expect(page.locator("#statement-preview")).to_contain_text("partly evaluated")

    # A strength with a source tag and two sub-points.
    page.locator("#list-strength").locator("..").get_by_role(
        "button", name="Add to strengths"
    ).click()
    page.fill("textarea[name=text]", "Partners meet monthly to agree local problems.")
    page.select_option("select[name=source]", "focus_group")
    page.get_by_role("button", name="Save").click()
    first = EvidenceItem.objects.get(text__startswith="Partners meet")
    for text in ("Housing officers attend.", "Youth services attend."):
        _actions(page, first).get_by_role("button", name="Actions").click()
        _actions(page, first).get_by_role("link", name="Add sub-point").click()
        page.fill("textarea[name=text]", text)
        page.get_by_role("button", name="Save").click()
    item = page.locator(f"#item-{first.pk}")
    expect(item).to_contain_text("Focus group")
    expect(item.locator(".sub-points > li")).to_have_count(2)

    # A second strength, then reorder the two and move one to work in progress.
    page.locator("#list-strength").locator("..").get_by_role(
        "button", name="Add to strengths"
    ).click()
    page.fill("textarea[name=text]", "A shared database records every problem.")
    page.get_by_role("button", name="Save").click()
    second = EvidenceItem.objects.get(text__startswith="A shared database")
    _actions(page, second).get_by_role("button", name="Actions").click()
    _actions(page, second).get_by_role("button", name="Move up").click()
    strengths = page.locator("ul.evidence-list[data-kind=strength] > li")
    expect(strengths.first).to_contain_text("A shared database")

    _actions(page, first).get_by_role("button", name="Actions").click()
    _actions(page, first).get_by_role("button", name="Move to work in progress").click()
    expect(page.get_by_text("Moved to work in progress.")).to_be_visible()
    wip = page.locator("ul.evidence-list[data-kind=work_in_progress]")
    expect(wip).to_contain_text("Partners meet monthly")
    expect(wip.locator(".sub-points > li")).to_have_count(2)
    expect(strengths).to_have_count(1)

    assessment = _problem_solving(inspection_a)
    assert "most neighbourhoods" in assessment.statement
    assert EvidenceItem.objects.filter(criterion_assessment=assessment).count() == 4


def test_bob_cannot_open_alices_inspection(new_page, bob, inspection_a):
    page = new_page()
    log_in(page, "bob")
    expect(page.get_by_text("Force A Constabulary")).to_have_count(0)
    response = page.goto(f"/inspections/{inspection_a.pk}/")
    assert response.status == 404
    response = page.goto(_problem_solving(inspection_a).get_absolute_url())
    assert response.status == 404
    # Let axe-core finish with this page before the fixture checks it again.
    wait_for_check(page)


def test_a_conflicting_edit_shows_both_versions(new_page, alice, hmi, inspection_a):
    from inspections.services.evidence import evidence_item_create

    item = evidence_item_create(
        assessment=_problem_solving(inspection_a),
        user=alice,
        kind="strength",
        text="The original wording.",
    )
    alices, leads = new_page(), new_page()
    log_in(alices, "alice")
    log_in(leads, "hmi")
    for page in (alices, leads):
        page.goto(f"/evidence/{item.pk}/edit/")
    leads.fill("textarea[name=text]", "The lead's wording.")
    leads.get_by_role("button", name="Save").click()
    expect(leads.get_by_text("Evidence saved.")).to_be_visible()

    alices.fill("textarea[name=text]", "Alice's wording.")
    alices.get_by_role("button", name="Save").click()
    expect(alices.get_by_text("Someone else saved this")).to_be_visible()
    expect(alices.locator(".conflict-theirs")).to_contain_text("The lead's wording.")
    expect(alices.locator("textarea[name=text]")).to_have_value("Alice's wording.")
    item.refresh_from_db()
    assert item.text == "The lead's wording."
