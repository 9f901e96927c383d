"""A force over time in the browser: its grades and its indicators by year, each a
server-drawn chart with its table, readable at 320 px and passing axe-core."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import wait_for_check
from tests.e2e.conftest import log_in
from tests.inspections.national_support import MEETS, grade_area
from tests.inspections.outcome_support import results_create

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("main *")].filter((element) => {
    if (element.closest(".app-table-scroll, pre")) return false;
    return element.getBoundingClientRect().right > width + 1;
  }).slice(0, 5).map((element) => element.tagName + "." + element.className);
}"""


def test_a_moderator_reads_a_force_over_time(new_page, inspection_a, force_a, panel):
    grade_area(inspection_a, "np", MEETS)
    results_create(force_a)
    page = new_page()
    log_in(page, "panel")
    wait_for_check(page)
    page.goto(f"/inspections/{inspection_a.pk}/")
    wait_for_check(page)
    page.get_by_role("link", name=f"{force_a.name} over time: grades and indicators").click()
    wait_for_check(page)
    expect(page.locator("h1")).to_have_text(f"{force_a.display_name} over time")
    expect(page.locator("#grade-chart svg[role=img]")).to_be_visible()
    expect(page.locator("#grades-table")).to_contain_text("Meeting the standard")
    expect(page.locator("#trend-chart svg[role=img]")).to_be_visible()
    spi = page.locator('#indicators-table tr[data-indicator="SPI 2a"]')
    expect(spi).to_contain_text("47.4%")
    expect(spi).to_contain_text("47.1%")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate(_OVERFLOW) == []
