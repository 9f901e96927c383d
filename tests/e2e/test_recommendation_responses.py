"""Responses to recommendations in the browser: a force's liaison finds the overdue response
in their inbox, records it, and the inspectorate sees it on the progress page, its drill-down
and its CSV; another force's liaison cannot open it. Every page is checked by axe-core."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from forces.models import Force, ForceLiaison
from inspections import roles
from inspections.models import AddresseeBody, Programme, RecommendationResponse
from tests.e2e.axe import wait_for_check
from tests.e2e.conftest import log_in
from tests.factories import UserFactory
from tests.reports.national_support import recommend

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(reference):
    programme = Programme.objects.get(year=2008)
    programme.national_published_on = timezone.localdate() - datetime.timedelta(days=90)
    programme.save()
    recommendation = recommend(programme, 1, "Review the contact mechanisms.", "forces")
    recommendation.to_all_forces = True
    recommendation.save()
    recommendation.bodies.add(AddresseeBody.objects.get(slug="home-office"))
    for username, slug in (("kent-liaison", "kent"), ("surrey-liaison", "surrey")):
        user = UserFactory(username=username, groups=[roles.FORCE_LIAISON])
        ForceLiaison.objects.create(user=user, force=Force.objects.get(slug=slug))
    UserFactory(username="hmi", groups=[roles.LEAD_INSPECTOR, roles.MODERATOR])
    return recommendation


def test_a_liaison_answers_an_overdue_recommendation_and_staff_see_the_progress(
    new_page, world, live_server
):
    page = new_page()
    log_in(page, "kent-liaison")
    wait_for_check(page)
    task = page.get_by_role("link", name="Respond to recommendation 1 of the 2008 national report")
    expect(task).to_be_visible()
    expect(page.get_by_text("Overdue: was due", exact=False)).to_be_visible()
    task.click()
    wait_for_check(page)
    expect(page.locator("h1")).to_have_text("Respond to recommendation 1")
    page.get_by_label("Partly accepted").check()
    page.get_by_label("Account of the response").fill("Voicemail standards agreed; training next.")
    page.locator("main button[type=submit]").click()
    wait_for_check(page)
    expect(page.locator("#my-responses")).to_contain_text("Partly accepted")
    assert RecommendationResponse.objects.get().force.slug == "kent"

    staff = new_page()
    log_in(staff, "hmi")
    wait_for_check(staff)
    staff.goto("/reports/programmes/2008/recommendations/progress/")
    wait_for_check(staff)
    row = staff.locator('#recommendation-progress tr[data-recommendation="1"]')
    expect(row.locator('[data-status="partly"]')).to_have_text("1")
    expect(row.locator('[data-status="overdue"]')).to_contain_text("43")  # 42 forces, 1 body
    csv = staff.request.get("/reports/programmes/2008/recommendations/progress.csv")
    assert csv.ok and "Voicemail standards agreed" in csv.text()
    row.get_by_role("link", name="Recommendation 1").click()
    wait_for_check(staff)
    kent = staff.locator('#recommendation-responses tr[data-addressee="Kent"]')
    expect(kent).to_contain_text("Partly accepted")
    expect(kent).to_contain_text("Voicemail standards agreed")


def test_another_forces_liaison_cannot_open_the_response(new_page, world):
    page = new_page()
    log_in(page, "surrey-liaison")
    wait_for_check(page)
    kent = Force.objects.get(slug="kent")
    url = f"/reports/programmes/2008/recommendations/{world.pk}/respond/force/{kent.pk}/"
    assert page.goto(url).status == 404
    wait_for_check(page)
    assert page.goto("/reports/programmes/2008/recommendations/progress/").status == 404
    wait_for_check(page)
