"""The criterion page's evidence form, with the keyboard only: no mouse, no clicks."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from inspections.models import CriterionAssessment, EvidenceItem
from tests.e2e.conftest import log_in
from tests.e2e.keyboard import tab_to

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_evidence_form_by_keyboard(new_page, alice, inspection_a):
    assessment = CriterionAssessment.objects.get(
        area__inspection=inspection_a, criterion__parent__order=1, criterion__order=3
    )
    page = new_page()
    log_in(page, "alice")
    page.goto(reverse("inspections:criterion_detail", args=[assessment.pk]))
    add = reverse("inspections:evidence_add", args=[assessment.pk]) + "?kind=strength"
    tab_to(page, f'a[href="{add}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{add}")

    # Saving with nothing written: the error summary takes focus and links to the field.
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    tab_to(page, '.govuk-error-summary a[href="#id_text"]')
    page.keyboard.press("Enter")
    expect(page.locator("#id_text")).to_be_focused()

    page.keyboard.type("Ward panels agree their priorities with residents each quarter.")
    tab_to(page, "select[name=source]")
    page.keyboard.press("ArrowDown")
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('inspections:criterion_detail', args=[assessment.pk])}*")
    expect(page.get_by_text("Ward panels agree their priorities")).to_be_visible()
    item = EvidenceItem.objects.get(text__startswith="Ward panels agree")
    assert item.kind == "strength" and item.author == alice
