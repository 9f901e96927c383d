"""The inbox in the browser, as each persona: the home page lists the task that awaits them
with its count in the navigation, and its link opens the page where the task is done (every
page checked by axe-core through `new_page`)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from moderation.models import AgendaItem
from moderation.services.panels import panel_decision_record
from tests.e2e.conftest import log_in
from tests.moderation.moderation_support import (
    complete_area,
    np_area,
    panels_for,
    submit,
    to_released,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _follow(page, group: str, url: str) -> None:
    """The task's link is in its group, with the count in the navigation; following it opens
    the page where the task is done."""
    expect(page.locator("#task-count")).to_be_visible()
    section = page.locator(f"#inbox-{group}")
    link = section.locator(f'a[href="{url}"]')
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_url(re.compile(re.escape(url.split("#")[0])))
    expect(page.locator("h1")).to_have_count(1)


def _signed_in(new_page, username: str):
    page = new_page()
    log_in(page, username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your tasks")
    return page


def test_inbox_gives_alice_a_criterion_to_complete(new_page, alice, inspection_a):
    assessment = np_area(inspection_a).criteria.select_related("criterion").first()
    page = _signed_in(new_page, "alice")
    expect(page.locator("#inspections")).to_have_text("My inspections")
    _follow(page, "criteria", assessment.get_absolute_url())
    expect(page.locator("h1")).to_contain_text(assessment.criterion.heading)


def test_inbox_gives_the_lead_an_area_to_submit(new_page, alice, hmi, inspection_a):
    area = np_area(inspection_a)
    complete_area(area, alice, hmi)
    page = _signed_in(new_page, "hmi")
    _follow(page, "submit", reverse("moderation:area_detail", args=[area.pk]))
    expect(page.get_by_role("button", name="Submit to the regional panel")).to_be_visible()


def test_inbox_gives_a_panel_member_an_item_to_decide(
    new_page, programme_2008, force_a, alice, hmi, panel, inspection_a
):
    area = np_area(inspection_a)
    panels_for(programme_2008, force_a, area.framework, hmi, [panel])
    submit(area, alice, hmi)
    item = AgendaItem.objects.get(area=area)
    page = _signed_in(new_page, "panel")
    _follow(page, "decide", reverse("moderation:agenda_item_detail", args=[item.pk]))
    expect(page.get_by_role("button", name="Record decision")).to_be_visible()


def test_inbox_gives_the_chair_a_decision_to_confirm(
    new_page, programme_2008, force_a, alice, hmi, panel, inspection_a
):
    area = np_area(inspection_a)
    panels_for(programme_2008, force_a, area.framework, hmi, [panel])
    submit(area, alice, hmi)
    item = AgendaItem.objects.get(area=area)
    panel_decision_record(item=item, user=panel, outcome="confirm")
    page = _signed_in(new_page, "hmi")
    _follow(page, "confirm", reverse("moderation:agenda_item_detail", args=[item.pk]))
    expect(page.get_by_role("button", name="Confirm as chair")).to_be_visible()


def test_inbox_gives_the_liaison_a_draft_to_check(
    new_page, programme_2008, force_a, alice, hmi, panel, liaison, inspection_a
):
    area = np_area(inspection_a)
    panels_for(programme_2008, force_a, area.framework, hmi, [panel])
    to_released(area, alice, hmi, panel)
    page = _signed_in(new_page, "liaison")
    expect(page.locator("#inbox-practice_submit")).to_contain_text("developing practice")
    _follow(page, "check", reverse("moderation:draft_report", args=[inspection_a.pk]))
    expect(page.locator("h1")).to_contain_text("draft report")


def test_inbox_says_when_nothing_is_waiting(new_page, bob):
    page = _signed_in(new_page, "bob")
    expect(page.locator("#inbox-summary")).to_contain_text("Nothing is waiting for you.")
