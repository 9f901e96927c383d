"""A force over time: who sees its page, which grades it shows (published, draft, printed),
its indicators by year as a chart and a table, and its query count."""

import pytest
from django.urls import reverse

from grading.charts.trends import GradeBar, TrendSeries, grade_chart_svg, trend_chart_svg
from inspections.models import AssessmentStatus, InspectionStatus, Programme
from tests.inspections.national_support import MEETS, grade_area, print_grade
from tests.inspections.outcome_support import results_create

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script>"


def _url(force) -> str:
    return reverse("inspections:force_over_time", args=[force.slug])


def test_it_checks_access(client, inspection_a, force_a, force_b, alice, bob, panel):
    assert client.get(_url(force_a)).status_code == 302  # to the login page
    client.force_login(alice)
    assert client.get(_url(force_a)).status_code == 200
    assert client.get(_url(force_b)).status_code == 404  # no inspection of B alice may see
    client.force_login(bob)
    assert client.get(_url(force_a)).status_code == 404
    client.force_login(panel)  # a moderator sees every force
    assert client.get(_url(force_b)).status_code == 200
    assert client.get(reverse("inspections:force_over_time", args=["nowhere"])).status_code == 404


def test_grades_across_programmes_and_indicators_by_year(
    client, inspection_a, force_a, panel, django_assert_max_num_queries
):
    grade_area(inspection_a, "np", MEETS)
    grade_area(inspection_a, "dcfp", MEETS, status=AssessmentStatus.NATIONALLY_MODERATED)
    print_grade(Programme.objects.get(year=2008), force_a, "dcfp", "Failing to meet the standard")
    results_create(force_a)
    client.force_login(panel)
    with django_assert_max_num_queries(12):
        page = client.get(_url(force_a)).content.decode()
    table = page[page.index('id="grades-table"') :]
    assert "Meeting the standard" in table and "Draft" in table  # concluded, not published
    assert "Failing to meet the standard" not in table  # the area's own grade wins
    indicators = page[page.index('id="indicators-table"') :]
    assert "47.1%" in indicators and "47.4%" in indicators  # SPI 2a, 2008 and 2006
    assert 'role="img"' in page and "SPI 2a" in page


def test_a_draft_grade_is_not_shown_to_a_reader_who_may_not_see_the_area(
    client, inspection_a, force_a, liaison
):
    grade_area(inspection_a, "np", MEETS, status=AssessmentStatus.NATIONALLY_MODERATED)
    # The force checks its draft, but this area is not released to it.
    inspection_a.status = InspectionStatus.FACTUAL_ACCURACY
    inspection_a.save()
    client.force_login(liaison)
    response = client.get(_url(force_a))
    assert response.status_code == 200
    assert "Meeting the standard" not in response.content.decode()


def test_the_charts_escape_their_labels():
    svg = trend_chart_svg([TrendSeries("X", HOSTILE, {2006: 40.0, 2008: 45.5})], title=HOSTILE)
    assert "<script>" not in svg and "45.5%" in svg
    bars = grade_chart_svg([GradeBar(HOSTILE, HOSTILE, 1, 3)], title="Grades")
    assert "<script>" not in bars and bars.startswith("<svg")
    assert "No indicator results to chart." in trend_chart_svg([], title="None")
