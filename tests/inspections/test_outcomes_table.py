"""The programme-wide table of indicator calls, and the demo figures."""

import re

import pytest
from django.urls import reverse

from forces.models import Force
from grading.significance import MsfCall, TrendCall
from inspections.demo import demo_load
from tests.factories import ForceFactory, RegionFactory
from tests.inspections.outcome_support import (
    _areas,
    _calls,
    _outcome_criterion,
    _similar_group,
    results_create,
)

pytestmark = pytest.mark.django_db


# The programme-wide table -----------------------------------------------------------------


def _table(client, query=""):
    response = client.get(reverse("inspections:programme_indicators", args=[2008]) + query)
    assert response.status_code == 200
    return response.content.decode()


def _forces_shown(page):
    return re.findall(r'<tr class="govuk-table__row" data-force="([^"]+)">', page)


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
    # The test behind a call is written out (in a details below the table), not left to hover.
    assert "SPI 1e against the MSF: significantly better. Difference" in page


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


def test_the_latest_indicators_link_leads_to_the_latest_programme(client, alice, programme_2008):
    client.force_login(alice)
    response = client.get(reverse("inspections:programme_indicators_latest"))
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:programme_indicators", args=[2008])
