"""Indicator outcomes from the database: Staffordshire's published 2008 calls, the criterion
page's outcome panel and chart, and the programme-wide table."""

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from grading.models import Indicator, IndicatorResult
from grading.significance import MsfCall, TrendCall
from inspections.models import CriterionAssessment, ForceSurveyOverride
from tests.factories import CommandUnitFactory, ForceFactory
from tests.inspections.outcome_support import (
    EXPECTED,
    STAFFORDSHIRE,
    _areas,
    _calls,
    _outcome_criterion,
    _similar_group,
    like_staffordshire,
    results_create,
)

pytestmark = pytest.mark.django_db


# The published report ---------------------------------------------------------------------


def test_staffordshire_2008_indicator_calls_match_the_published_report(staffordshire):
    areas = _areas(staffordshire)
    calls = {**_calls(areas["np"]), **_calls(areas["dcfp"])}
    assert {code: (c.vs_msf, c.vs_previous) for code, c in calls.items()} == EXPECTED
    assert calls["SPI 1e"].data.sample_size == 2400  # four BCUs of 600 interviews
    assert calls["SPI 2a"].data.sample_size == 1000
    assert areas["np"].missing == [] and areas["dcfp"].missing == []


def test_staffordshire_2008_area_headlines_match_the_published_report(staffordshire):
    areas = _areas(staffordshire)
    np_head, dcfp_head = areas["np"].headline, areas["dcfp"].headline
    assert (np_head.vs_msf, np_head.vs_previous) == (MsfCall.WORSE, TrendCall.IMPROVED)
    assert (dcfp_head.vs_msf, dcfp_head.vs_previous) == (MsfCall.BETTER, TrendCall.UNCHANGED)
    assert dcfp_head.minority_vs_previous == TrendCall.UNCHANGED
    assert dcfp_head.gap_pp == pytest.approx(8.4)
    assert areas["np"].guidance.code == "improving-below-average"
    assert areas["dcfp"].guidance.code == "exceeding-possible"
    assert "8.4 percentage points" in areas["dcfp"].sentences[-1]


# How the figures are worked out -----------------------------------------------------------


def test_msf_average_is_computed_from_the_group_weighted_by_sample(inspection_a, force_a):
    spi_2a = Indicator.objects.get(code="SPI 2a")
    IndicatorResult.objects.create(force=force_a, indicator=spi_2a, year=2008, value=50)
    members = [ForceFactory() for _ in range(3)]
    for member, value, sample in zip(members, (40, 50, 60), (500, 1000, 1500), strict=True):
        IndicatorResult.objects.create(
            force=member, indicator=spi_2a, year=2008, value=value, sample_size=sample
        )
    _similar_group(force_a, members)
    row = _areas(inspection_a)["np"].rows[0]
    # (40 x 500 + 50 x 1000 + 60 x 1500) / 3000 = 53.33; a plain mean would be 50.
    assert row.msf_computed
    assert row.msf_value == pytest.approx(53.333, abs=0.001)
    assert row.call.msf.difference == pytest.approx(-3.333, abs=0.001)
    assert row.call.vs_msf == MsfCall.SAME


def test_msf_average_is_not_computed_while_a_member_has_no_result(inspection_a, force_a):
    spi_2a = Indicator.objects.get(code="SPI 2a")
    IndicatorResult.objects.create(force=force_a, indicator=spi_2a, year=2008, value=50)
    members = [ForceFactory() for _ in range(3)]
    for member in members[:2]:
        IndicatorResult.objects.create(force=member, indicator=spi_2a, year=2008, value=40)
    _similar_group(force_a, members)
    row = _areas(inspection_a)["np"].rows[0]
    assert row.msf_value is None and row.call.vs_msf is None


@pytest.mark.parametrize("override", [{"deft_bcs": Decimal("2.00")}, {"bcs_sample_per_force": 400}])
def test_force_survey_override_changes_the_call(staffordshire, programme_2008, override):
    assert _calls(_areas(staffordshire)["np"])["SPI 2a"].vs_msf == MsfCall.WORSE
    ForceSurveyOverride.objects.create(
        programme=programme_2008, force=staffordshire.force, reason="Test", **override
    )
    # A larger design factor or a smaller sample widens the threshold past the 5.2 points.
    assert _calls(_areas(staffordshire)["np"])["SPI 2a"].vs_msf == MsfCall.SAME


def test_command_units_active_in_some_years_change_the_spi_1e_sample(staffordshire):
    force = staffordshire.force
    CommandUnitFactory(force=force, name="Opened 2007", active_from_year=2007)
    CommandUnitFactory(force=force, name="Closed 2006", active_to_year=2006)
    spi_1e = _calls(_areas(staffordshire)["dcfp"])["SPI 1e"]
    assert spi_1e.data.sample_size == 3000  # four standing units and the new one
    assert spi_1e.data.previous_sample_size == 3000  # four standing units and the closed one
    force.command_units.filter(active_from_year=None, active_to_year=None).update(
        active_to_year=2007
    )
    spi_1e = _calls(_areas(staffordshire)["dcfp"])["SPI 1e"]
    assert spi_1e.data.sample_size == 600
    # With one unit's sample the 2.6 points no longer clear the threshold.
    assert spi_1e.vs_msf == MsfCall.SAME


# The criterion page -----------------------------------------------------------------------


def _page(client, assessment):
    response = client.get(reverse("inspections:criterion_detail", args=[assessment.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _statement_form(page):
    form = re.search(r'<form[^>]*id="use-outcome-statement".*?</form>', page, re.S).group(0)
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    return {name: html.unescape(value) for name, value in fields}


def test_team_member_sees_table_badges_guidance_and_statement_button(
    client, alice, inspection_a, force_a
):
    like_staffordshire(force_a)
    client.force_login(alice)
    page = _page(client, _outcome_criterion(inspection_a, "np"))
    assert 'data-indicator="SPI 2a"' in page and 'data-indicator="SPI 10b"' in page
    assert "-5.2 pp" in page and "+8.7 pp" in page
    assert 'class="govuk-tag govuk-tag--red app-call"' in page  # SPI 2a significantly worse
    assert 'class="govuk-tag govuk-tag--green app-call"' in page  # KDI significantly improved
    assert "z -2.37" in page  # SPI 2a: -5.2 over a standard error of 2.19
    # The test behind each call is in words on the page, not only on hover.
    assert "How this was tested" in page and "so it clears the" in page
    assert "title=" not in page.split('id="outcome-panel"')[1].split("</section>")[0]
    assert "not a grade" in page and "improved on two years" in page
    assert "from the published difference" in page
    assert 'id="use-outcome-statement"' in page
    assert "<svg" in page and "marker-force" in page


def test_dcfp_panel_shows_minority_change_and_gap(client, alice, inspection_a, force_a):
    like_staffordshire(force_a)
    client.force_login(alice)
    page = _page(client, _outcome_criterion(inspection_a, "dcfp"))
    assert "Gap to white users" in page and "8.4 pp" in page
    assert "-7.4 pp" in page and "Minority ethnic users over two years" in page
    assert "2005/06 to 2007/08 change" in page


def test_moderator_sees_the_panel_without_the_statement_button(
    client, panel, inspection_a, force_a
):
    like_staffordshire(force_a)
    client.force_login(panel)
    page = _page(client, _outcome_criterion(inspection_a))
    assert 'id="outcome-panel"' in page and "not a grade" in page
    assert "use-outcome-statement" not in page


def test_using_the_sentences_sets_the_summary_statement(client, alice, inspection_a, force_a):
    like_staffordshire(force_a)
    assessment = _outcome_criterion(inspection_a)
    client.force_login(alice)
    fields = _statement_form(_page(client, assessment))
    assert fields["version"] == str(assessment.version)
    url = reverse("inspections:statement_save", args=[assessment.pk])
    assert client.post(url, fields).status_code == 302
    assessment.refresh_from_db()
    assert assessment.statement == fields["override"]
    assert assessment.statement_overridden
    assert "significantly better" in assessment.statement and "8.4" in assessment.statement
    page = _page(client, assessment)
    assert "already uses these sentences" in page and "use-outcome-statement" not in page
    # The same form posted again is stale: the existing conflict handling answers.
    assert client.post(url, fields).status_code == 409


def test_missing_results_are_named_with_how_to_add_them(client, alice, inspection_a, force_a):
    results_create(force_a, {"SPI 1e": STAFFORDSHIRE["SPI 1e"]})
    client.force_login(alice)
    page = _page(client, _outcome_criterion(inspection_a))
    assert 'id="outcome-missing"' in page and "<strong>SPI 3b</strong>" in page
    assert 'href="/indicators/import/"' in page
    assert 'data-indicator="SPI 1e"' in page


def test_criterion_without_indicators_has_no_panel(client, alice, inspection_a, force_a):
    like_staffordshire(force_a)
    assessment = CriterionAssessment.objects.get(
        area__inspection=inspection_a,
        area__framework__code="np",
        criterion__parent=None,
        criterion__order=3,
    )
    client.force_login(alice)
    assert "outcome-panel" not in _page(client, assessment)
    chart = reverse("inspections:outcome_chart", args=[assessment.pk])
    assert client.get(chart).status_code == 404


def test_chart_checks_access(client, alice, bob, liaison, inspection_a, force_a):
    like_staffordshire(force_a)
    url = reverse("inspections:outcome_chart", args=[_outcome_criterion(inspection_a).pk])
    for user in (bob, liaison):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(alice)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "script-src" not in response["Content-Security-Policy"]
    svg = response.content.decode()
    assert svg.startswith("<svg") and svg.count('class="marker marker-force"') == 2


@pytest.mark.parametrize("members", [3, 12])
def test_criterion_page_with_outcomes_is_constant_query(
    client, alice, inspection_a, force_a, django_assert_max_num_queries, members
):
    figures = {
        code: (value, previous, None, None, gap)
        for code, (value, previous, _, _, gap) in STAFFORDSHIRE.items()
    }
    results_create(force_a, figures)
    group = [ForceFactory() for _ in range(members)]
    for member in group:
        results_create(member, figures)
    _similar_group(force_a, group)
    assessment = _outcome_criterion(inspection_a, "np")
    client.force_login(alice)
    with django_assert_max_num_queries(19):
        page = _page(client, assessment)
    assert "computed from the MSF group" in page
