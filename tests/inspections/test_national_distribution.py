"""The distribution of grades per area under the national table: counts, printed figures,
the bar chart, and a constant number of queries."""

import re

import pytest

from grading.charts.distribution import (
    DistributionBar,
    DistributionGroup,
    distribution_chart_svg,
)
from grading.models import Framework
from inspections.models import AssessmentStatus, GradeDistribution
from inspections.services import inspection_create
from tests.factories import ForceFactory, RegionFactory
from tests.inspections.national_support import (
    EXCEEDS,
    FAILS,
    MEETS,
    forces_shown,
    grade_area,
    level,
    page,
    print_grade,
)
from tests.inspections.outcome_support import _similar_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def region_of_five(programme_2008):
    """Five real-looking forces in one region: NP printed as 1 Exceeds, 2 Meets, 1 Fails."""
    region = RegionFactory(name="Test region")
    forces = [ForceFactory(name=f"Shire {n}", region=region, is_fictional=False) for n in range(5)]
    for force, label in zip(forces, [EXCEEDS, MEETS, MEETS, FAILS], strict=False):
        print_grade(programme_2008, force, "np", label)
    print_grade(programme_2008, forces[0], "dcfp", MEETS)
    return region


def _distribution(response) -> dict:
    table = response.context["table"]
    return {area.framework.code: area for area in table.distribution}


def test_counts_each_grade_over_the_forces_shown(client, bob, region_of_five):
    client.force_login(bob)
    response = client.get(f"/programmes/2008/grades/?region={region_of_five.pk}")
    areas = _distribution(response)
    assert [level.label for level in response.context["table"].levels] == [EXCEEDS, MEETS, FAILS]
    assert (areas["np"].counts, areas["np"].not_graded, areas["np"].total) == ([1, 2, 1], 1, 5)
    assert (areas["dcfp"].counts, areas["dcfp"].not_graded) == ([0, 1, 0], 4)
    html = response.content.decode()
    np_row = re.search(r'<tr class="govuk-table__row" data-area="np">(.*?)</tr>', html, re.S)[1]
    figures = re.findall(r'<td class="[^"]*cell--numeric">(?:<strong>)?(\d+)', np_row)
    assert figures == ["1", "2", "1", "1", "5"]  # the three grades, not graded yet, forces


def test_counts_follow_the_table_without_filters(client, bob, region_of_five):
    client.force_login(bob)
    areas = _distribution(client.get("/programmes/2008/grades/"))
    assert areas["np"].counts == [1, 2, 1] and areas["np"].total == 48


def test_drafts_count_only_for_those_who_see_them(client, alice, bob, inspection_a, inspection_b):
    grade_area(inspection_a, "np", EXCEEDS, AssessmentStatus.RELEASED)
    grade_area(inspection_b, "np", FAILS)
    client.force_login(alice)
    areas = _distribution(client.get("/programmes/2008/grades/"))
    assert (areas["np"].counts, areas["np"].drafts) == ([1, 0, 1], 1)
    assert "includes 1 draft grade" in page(client)
    client.force_login(bob)
    areas = _distribution(client.get("/programmes/2008/grades/"))
    assert (areas["np"].counts, areas["np"].drafts) == ([0, 0, 1], 0)


def test_printed_national_distribution_is_shown_as_published(client, bob, programme_2008):
    np = Framework.objects.get(code="np", version="2008")
    for label, forces in [(EXCEEDS, 6), (MEETS, 34), (FAILS, 3)]:
        GradeDistribution.objects.create(
            programme=programme_2008, framework=np, grade=level(label), forces=forces
        )
    client.force_login(bob)
    response = client.get("/programmes/2008/grades/")
    areas = _distribution(response)
    assert areas["np"].published == [6, 34, 3] and areas["dcfp"].published is None
    html = response.content.decode()
    published = re.search(r'<tr [^>]*data-area-published="np">(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r">(\d+)</td>", published) == ["6", "34", "3"]
    assert 'data-area-published="dcfp"' not in html
    assert "34 as published" in html


def test_chart_draws_a_labelled_bar_per_grade_and_area(client, bob, region_of_five):
    client.force_login(bob)
    html = page(client, f"?region={region_of_five.pk}")
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert svg.count('class="bar bar-live"') == 6  # three grades in each of two areas
    assert (
        "Neighbourhood Policing: Exceeding the standard 1 force; Meeting the standard 2 forces; "
        "Failing to meet the standard 1 force." in svg
    )
    assert "<script" not in svg


def test_chart_escapes_labels_and_handles_no_areas():
    group = DistributionGroup("<b>Area</b>", (DistributionBar('"Good" & <i>', 3, 4),))
    svg = distribution_chart_svg([group], title="<script>x</script>")
    assert "<b>" not in svg and "<i>" not in svg and "<script>" not in svg
    assert "&lt;b&gt;Area&lt;/b&gt;" in svg and "&quot;Good&quot; &amp;" in svg
    assert 'class="bar bar-published"' in svg and "4 as published" in svg
    empty = distribution_chart_svg([])
    assert "No graded areas to chart." in empty and 'class="bar' not in empty


def test_bar_lengths_are_proportional_to_counts():
    svg = distribution_chart_svg(
        [DistributionGroup("Area", (DistributionBar("A", 4), DistributionBar("B", 2)))]
    )
    widths = [float(w) for w in re.findall(r'class="bar bar-live"[^>]* width="([\d.]+)"', svg)]
    assert widths[0] == pytest.approx(2 * widths[1]) and widths[0] > 0


# Constant queries -------------------------------------------------------------------------


def _many_graded_forces(programme, count, hmi, alice):
    region = RegionFactory(name="Busy region")
    forces = [ForceFactory(region=region) for _ in range(count)]
    for force in forces:
        print_grade(programme, force, "np", MEETS)
    # A few with inspections of their own: one published, one draft.
    published = inspection_create(force=forces[0], programme=programme, lead=hmi)
    grade_area(published, "dcfp", EXCEEDS)
    draft = inspection_create(force=forces[1], programme=programme, lead=hmi, inspectors=[alice])
    grade_area(draft, "dcfp", FAILS, AssessmentStatus.NATIONALLY_MODERATED)
    _similar_group(forces[0], forces[1:])
    return forces


@pytest.mark.parametrize("count", [2, 20])
@pytest.mark.parametrize("username", ["alice", "panel"])
def test_page_and_csv_are_constant_query(
    client, programme_2008, hmi, alice, panel, django_assert_max_num_queries, count, username
):
    forces = _many_graded_forces(programme_2008, count, hmi, alice)
    client.force_login({"alice": alice, "panel": panel}[username])
    query = f"?similar_to={forces[0].pk}&region={forces[0].region_id}"
    with django_assert_max_num_queries(18):
        html = page(client, query)
    assert len(forces_shown(html)) == count
    with django_assert_max_num_queries(15):
        response = client.get(f"/programmes/2008/grades.csv{query}")
    assert len(response.content.decode().splitlines()) == count + 1
