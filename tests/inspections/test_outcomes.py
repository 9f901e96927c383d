"""Indicator outcomes from the database: Staffordshire's published 2008 calls, the criterion
page's outcome panel and chart, and the programme-wide table."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from forces.models import Force, MostSimilarGroup
from grading.models import Indicator, IndicatorResult
from grading.significance import MsfCall, TrendCall
from inspections.demo import demo_load
from inspections.models import CriterionAssessment, ForceSurveyOverride
from inspections.outcomes import inspection_outcomes
from inspections.services import inspection_create
from tests.factories import CommandUnitFactory, ForceFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

# Staffordshire, year ending March 2008 and two years earlier, as its report prints them:
# code -> (2008 value, 2006 value, difference from MSF, change, gap).
STAFFORDSHIRE = {
    "SPI 2a": ("47.1", "47.4", "-5.2", "-0.4", None),
    "KDI": ("49.7", "41.0", "-0.9", "8.7", None),
    "SPI 10b": ("16.1", "14.5", "1.0", "1.6", None),
    "SPI 1e": ("83.9", "83.1", "2.6", "0.7", None),
    "SPI 3b": ("74.3", "81.7", None, "-7.4", "8.4"),
}
EXPECTED = {
    "SPI 2a": (MsfCall.WORSE, TrendCall.UNCHANGED),
    "KDI": (MsfCall.SAME, TrendCall.IMPROVED),
    "SPI 10b": (MsfCall.SAME, TrendCall.UNCHANGED),
    "SPI 1e": (MsfCall.BETTER, TrendCall.UNCHANGED),
    "SPI 3b": (None, TrendCall.UNCHANGED),
}


def _decimal(text):
    return None if text is None else Decimal(text)


def results_create(force, figures=STAFFORDSHIRE, year=2008):
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
    for code, (value, previous, difference, change, gap) in figures.items():
        IndicatorResult.objects.create(
            force=force,
            indicator=indicators[code],
            year=year,
            value=Decimal(value),
            msf_difference=_decimal(difference),
            change=_decimal(change),
            gap=_decimal(gap),
        )
        if previous is not None:
            IndicatorResult.objects.create(
                force=force, indicator=indicators[code], year=year - 2, value=Decimal(previous)
            )


def like_staffordshire(force):
    """Staffordshire's figures and its four command units (SPI 1e sample 2,400)."""
    for number in range(4):
        CommandUnitFactory(force=force, name=f"{force.name} BCU {number}")
    results_create(force)


@pytest.fixture
def staffordshire(programme_2008, hmi):
    force = Force.objects.get(name="Staffordshire")
    like_staffordshire(force)
    inspector = UserFactory(username="staffs-inspector")
    return inspection_create(
        force=force, programme=programme_2008, lead=hmi, inspectors=[inspector]
    )


def _areas(inspection):
    outcomes = inspection_outcomes(inspection=inspection)
    return {outcome.framework.code: outcome for outcome in outcomes.values()}


def _calls(outcome):
    return {row.indicator.code: row.call for row in outcome.rows}


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


def _similar_group(force, members):
    group = MostSimilarGroup.objects.create(force=force, effective_from=datetime.date(2007, 4, 1))
    group.members.set(members)
    return group


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


def _outcome_criterion(inspection, area="dcfp"):
    """NP criterion 2 or DCFP criterion 3: the criteria that carry the indicators."""
    order = {"np": 2, "dcfp": 3}[area]
    return CriterionAssessment.objects.get(
        area__inspection=inspection,
        area__framework__code=area,
        criterion__parent=None,
        criterion__order=order,
    )


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
    assert 'class="badge text-bg-danger outcome-call"' in page  # SPI 2a significantly worse
    assert 'class="badge text-bg-success outcome-call"' in page  # KDI significantly improved
    assert "z -2.37" in page  # SPI 2a: -5.2 over a standard error of 2.19
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


# The programme-wide table -----------------------------------------------------------------


def _table(client, query=""):
    response = client.get(reverse("inspections:programme_indicators", args=[2008]) + query)
    assert response.status_code == 200
    return response.content.decode()


def _forces_shown(page):
    return re.findall(r'<tr data-force="([^"]+)">', page)


def test_table_shows_only_forces_the_user_may_see(
    client, alice, bob, panel, inspection_a, inspection_b, force_a, force_b
):
    results_create(force_a)
    results_create(force_b)
    client.force_login(alice)
    assert _forces_shown(_table(client)) == ["Force A"]
    client.force_login(bob)
    assert _forces_shown(_table(client)) == ["Force B"]
    client.force_login(panel)
    assert _forces_shown(_table(client)) == ["Force A", "Force B"]


def test_table_shows_headline_and_indicator_calls(client, panel, staffordshire):
    client.force_login(panel)
    page = _table(client)
    assert _forces_shown(page) == ["Staffordshire"]
    assert "significantly worse" in page and "significantly improved" in page
    assert 'title="SPI 1e against the MSF: significantly better.' in page


def test_anonymous_is_sent_to_log_in(client, inspection_a):
    for url in (
        reverse("inspections:programme_indicators", args=[2008]),
        reverse("inspections:outcome_chart", args=[_outcome_criterion(inspection_a).pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unknown_programme_is_404(client, panel, programme_2008):
    client.force_login(panel)
    assert client.get(reverse("inspections:programme_indicators", args=[1999])).status_code == 404


def test_table_filters_by_region_and_by_msf_group(client, panel, programme_2008):
    north, south = RegionFactory(name="North test"), RegionFactory(name="South test")
    forces = [ForceFactory(name=f"Shire {n}", region=north if n < 2 else south) for n in range(4)]
    for force in forces:
        results_create(force)
    _similar_group(forces[0], [forces[2]])
    client.force_login(panel)
    assert _forces_shown(_table(client, f"?region={south.pk}")) == ["Shire 2", "Shire 3"]
    assert _forces_shown(_table(client, f"?similar_to={forces[0].pk}")) == ["Shire 0", "Shire 2"]


def test_msf_group_filter_does_not_reveal_forces_out_of_reach(
    client, alice, inspection_a, inspection_b, force_a, force_b
):
    results_create(force_a)
    results_create(force_b)
    _similar_group(force_a, [force_b])
    client.force_login(alice)
    assert _forces_shown(_table(client, f"?similar_to={force_a.pk}")) == ["Force A"]
    page = _table(client, f"?similar_to={force_b.pk}")
    assert _forces_shown(page) == [] and "Force B" not in page


def test_table_sorts_by_an_area_headline(client, panel, programme_2008):
    worse, better = ForceFactory(name="Aworse"), ForceFactory(name="Better")
    results_create(worse)
    results_create(better, {"SPI 1e": ("90.0", "89.0", "5.0", "1.0", None)})
    client.force_login(panel)
    assert _forces_shown(_table(client, "?sort=dcfp")) == ["Better", "Aworse"]
    assert _forces_shown(_table(client)) == ["Aworse", "Better"]


@pytest.mark.parametrize("count", [3, 20])
def test_programme_table_is_constant_query(
    client, panel, programme_2008, django_assert_max_num_queries, count
):
    forces = [ForceFactory() for _ in range(count)]
    for force in forces:
        results_create(force)
    _similar_group(forces[0], forces[1:])
    client.force_login(panel)
    with django_assert_max_num_queries(23):
        page = _table(client, f"?similar_to={forces[0].pk}")
    assert len(_forces_shown(page)) == count


def test_inspection_page_links_to_the_table(client, alice, inspection_a):
    client.force_login(alice)
    page = client.get(reverse("inspections:inspection_detail", args=[inspection_a.pk]))
    url = reverse("inspections:programme_indicators", args=[2008])
    assert f"{url}?similar_to={inspection_a.force_id}" in page.content.decode()


# Demo data --------------------------------------------------------------------------------


def test_demo_indicator_figures_give_the_calls_its_evidence_describes(reference):
    demo_load()
    wealdshire, northmoor = (
        Force.objects.get(slug=slug).inspections.get() for slug in ("wealdshire", "northmoor")
    )
    weald = _areas(wealdshire)
    assert _calls(weald["np"])["SPI 2a"].vs_msf == MsfCall.BETTER
    assert _calls(weald["np"])["KDI"].vs_previous == TrendCall.IMPROVED
    assert (weald["dcfp"].headline.vs_msf, weald["dcfp"].headline.vs_previous) == (
        MsfCall.BETTER,
        TrendCall.UNCHANGED,
    )
    assert weald["dcfp"].headline.minority_vs_previous == TrendCall.IMPROVED
    assert weald["dcfp"].headline.gap_pp == pytest.approx(2.9)
    north = _areas(northmoor)
    assert (north["np"].headline.vs_msf, north["np"].headline.vs_previous) == (
        MsfCall.SAME,
        TrendCall.IMPROVED,
    )
    assert (north["dcfp"].headline.vs_msf, north["dcfp"].headline.vs_previous) == (
        MsfCall.WORSE,
        TrendCall.DETERIORATED,
    )
    assert north["dcfp"].headline.minority_vs_previous == TrendCall.UNCHANGED
    assert north["dcfp"].headline.gap_pp == pytest.approx(9.7)
    assert not weald["np"].missing and not north["dcfp"].missing
