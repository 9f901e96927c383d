"""The national panel's comparison in a browser: the session page with its table, sorted by a
column from the keyboard, then filtered (a GET form, so it works without JavaScript too); and
a force's item page with the forces proposed the same grade. axe-core checks every page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.test_pages_moderation import log_in
from tests.moderation.agenda_support import national_force
from tests.moderation.moderation_support import np_area, panels_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def national(programme_2008, force_a, inspection_a, hmi, panel):
    """A national session with five forces proposed Meeting, one of them far below the
    others' balance of strengths to areas for improvement."""
    framework = np_area(inspection_a).framework
    _, session = panels_for(programme_2008, force_a, framework, hmi, [panel])
    shares = [(50, "East"), (52, "East"), (55, "North"), (60, "North")]
    for n, (share, region) in enumerate(shares):
        national_force(
            session, hmi, name=f"Closeshire {n}", region=region, counts=(share, 100 - share)
        )
    national_force(session, hmi, name="Weakshire", region="West", counts=(1, 9))
    return session


def test_the_national_table_sorts_from_the_keyboard_and_filters(new_page, national, panel):
    page = new_page()
    log_in(page, "panel")
    page.goto(reverse("moderation:session_detail", args=[national.pk]))
    expect(page.get_by_role("heading", name="Forces compared")).to_be_visible()
    table = page.locator("table.app-comparison")
    expect(table.locator("tbody tr")).to_have_count(5)

    share = table.get_by_role("button", name="Strengths share")
    share.focus()
    page.keyboard.press("Enter")
    expect(share.locator("xpath=..")).to_have_attribute("aria-sort", "ascending")
    expect(table.locator("tbody tr").first).to_have_attribute("data-force", "Weakshire")
    page.keyboard.press("Enter")
    expect(share.locator("xpath=..")).to_have_attribute("aria-sort", "descending")
    expect(table.locator("tbody tr").first).to_have_attribute("data-force", "Closeshire 3")

    page.get_by_label("Consistency flag").select_option("balance")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**flag=balance**")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("10% strengths")
    expect(page.locator(".moj-filter__tag")).to_contain_text("Balance of evidence")

    table.get_by_role("link", name="Weakshire").click()
    expect(page.locator("#same-grade")).to_contain_text("Closeshire 0")
