"""The national report prints progress against the earlier programmes' recommendations:
counts of responses per status, never an account, in the PDF's HTML and on the web page."""

import datetime

import pytest
from django.urls import reverse

from forces.models import Force
from inspections.models import AddresseeBody, Programme, RecommendationResponse
from reports.importer.service import report_import
from reports.rendering.national import national_report_document
from reports.rendering.national_progress import earlier_progress_data
from tests.conftest import require_service
from tests.reports.national_support import THEMATIC, recommend

pytestmark = pytest.mark.django_db

SECRET_ACCOUNT = "Our confidential account of the work."


@pytest.fixture
def earlier(programme_2008, hmi):
    programme_2007 = Programme.objects.get(year=2007)
    to_forces = recommend(programme_2007, 1, "Review the contact mechanisms.", "forces")
    to_forces.to_all_forces = True
    to_forces.save()
    to_forces.bodies.add(AddresseeBody.objects.get(slug="home-office"))
    for slug, status in (("kent", "implemented"), ("surrey", "accepted")):
        RecommendationResponse.objects.create(
            recommendation=to_forces,
            force=Force.objects.get(slug=slug),
            status=status,
            account=SECRET_ACCOUNT,
            responded_by=hmi,
        )
    return to_forces


def test_the_progress_counts_each_status(earlier, programme_2008, django_assert_num_queries):
    with django_assert_num_queries(4):
        (group,) = earlier_progress_data(programme=programme_2008)
    (item,) = group["recommendations"]
    assert group["year"] == 2007
    assert item["asked"] == 44  # 43 forces and the Home Office
    assert item["statuses"] == [1, 0, 0, 1]  # accepted, partly, not accepted, implemented
    assert item["awaiting"] == 42


def test_a_programme_prints_nothing_of_later_ones(earlier):
    assert earlier_progress_data(programme=Programme.objects.get(year=2007)) == []


def test_the_report_and_its_page_print_the_progress_without_accounts(client, earlier, hmi):
    html = national_report_document(programme_id=Programme.objects.get(year=2008).pk).html
    assert "Progress against earlier recommendations" in html
    assert 'data-year="2007"' in html and SECRET_ACCOUNT not in html
    client.force_login(hmi)
    page = client.get(reverse("reports:programme_html", args=[2008])).content.decode()
    assert "Progress against earlier recommendations" in page and SECRET_ACCOUNT not in page


def test_the_thematic_import_records_whom_each_recommendation_asks(reference):
    require_service(THEMATIC.exists(), f"the shared thematic seed is not at {THEMATIC}")
    result = report_import(data=THEMATIC.read_bytes(), source_name=THEMATIC.name)
    programme = Programme.objects.get(pk=result.programme_id)
    asked = {
        row.number: (row.to_all_forces, sorted(body.slug for body in row.bodies.all()))
        for row in programme.recommendations.prefetch_related("bodies")
    }
    assert asked[1] == (False, ["acpo", "apa", "home-office"])
    assert asked[2] == (True, [])  # chief officers: every force
    assert asked[5] == (True, [])  # forces
    assert programme.national_published_on == datetime.date(2008, 11, 1)  # "in November 2008"
