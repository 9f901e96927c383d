"""The service navigation at desktop widths: the service name and every item a lead inspector
is shown (the most anyone is shown) sit on one line, and the line holds at 200% zoom by folding
into the Menu button rather than overlapping the page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from config.navigation import ITEMS
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

_TOPS = """() => [...document.querySelectorAll(
  ".govuk-service-navigation__service-name, .govuk-service-navigation__item"
)].map((element) => Math.round(element.getBoundingClientRect().top))"""


@pytest.mark.parametrize("width", [1024, 1280, 1366, 1920])
def test_the_service_name_and_every_item_fit_on_one_line(new_page, hmi, width):
    page = new_page()
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, "hmi")
    for path in ("/", reverse("inspections:national_grades_latest")):
        page.goto(path)
        tops = page.evaluate(_TOPS)
        assert len(tops) == 1 + len(ITEMS), f"{path}: hmi is shown every item"
        assert len(set(tops)) == 1, f"{path} at {width} px: the navigation wraps ({tops})"


def test_at_200_percent_zoom_the_items_fold_into_the_menu_button(new_page, hmi):
    page = new_page()
    # 1280 px at 200% zoom lays the page out 640 px wide: below the tablet breakpoint.
    page.set_viewport_size({"width": 640, "height": 800})
    log_in(page, "hmi")
    expect(page.get_by_role("link", name="National grades")).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("link", name="National grades")).to_be_visible()
