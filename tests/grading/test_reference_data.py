"""The reference data matches the published programmes' facts."""

import re
from pathlib import Path

import pytest

from grading.models import Criterion, Framework, GradingScheme, Indicator

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _plain(text: str) -> str:
    """Strip mark-up and fold whitespace so headings can be found in converted report text."""
    text = re.sub(r"<[^>]+>|[*#]", " ", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def test_both_schemes_have_their_grades_in_order(reference):
    four_point = GradingScheme.objects.get(code="four-point-2007")
    standards = GradingScheme.objects.get(code="standards-2008")
    assert [g.label for g in four_point.levels.all()] == ["Excellent", "Good", "Fair", "Poor"]
    assert [g.label for g in standards.levels.all()] == [
        "Exceeding the standard",
        "Meeting the standard",
        "Failing to meet the standard",
    ]
    assert all(level.descriptor for level in standards.levels.all())


def test_five_indicators_with_anti_social_behaviour_lower_is_better(reference):
    codes = set(Indicator.objects.values_list("code", flat=True))
    assert codes == {"SPI 2a", "KDI", "SPI 10b", "SPI 1e", "SPI 3b"}
    assert Indicator.objects.get(code="SPI 10b").higher_is_better is False
    assert Indicator.objects.filter(higher_is_better=True).count() == 4


def test_neighbourhood_policing_2008_tree(reference):
    framework = Framework.objects.get(code="np", version="2008")
    tree = [
        (c.number, c.heading)
        for c in Criterion.objects.filter(framework=framework).select_related("parent")
    ]
    numbers = sorted(number for number, _ in tree)
    assert numbers == ["1", "1.1", "1.2", "1.3", "2", "3", "4"]
    outcome = framework.criteria.get(parent=None, order=2)
    assert set(outcome.indicators.values_list("code", flat=True)) == {"SPI 2a", "KDI", "SPI 10b"}


def test_citizen_focus_2008_has_three_criteria_with_indicators_on_the_third(reference):
    framework = Framework.objects.get(code="dcfp", version="2008")
    assert framework.criteria.count() == 3
    third = framework.criteria.get(order=3)
    assert set(third.indicators.values_list("code", flat=True)) == {"SPI 1e", "SPI 3b"}


@pytest.mark.skipif(not SEEDS.exists(), reason="the shared seed reports are not beside the repo")
def test_2008_headings_are_printed_exactly_as_the_force_report_prints_them(reference):
    report = _plain((SEEDS / "staffordshire-2008-np-dcfp.txt").read_text())
    headings = Criterion.objects.filter(framework__version="2008").exclude(
        heading="Neighbourhoods are appropriately staffed."  # not printed in the report
    )
    assert headings.count() == 9
    for criterion in headings:
        assert _plain(criterion.heading) in report, criterion.heading


def test_2007_areas_each_hold_one_implicit_criterion(reference):
    frameworks = Framework.objects.filter(version="2007")
    assert frameworks.count() == 7  # six graded areas and the ungraded PVP overview
    for framework in frameworks:
        criteria = list(framework.criteria.all())
        assert len(criteria) == 1 and criteria[0].is_implicit
        assert criteria[0].heading == framework.name


def test_every_2008_statement_template_parses(reference):
    for criterion in Criterion.objects.filter(framework__version="2008", children__isnull=True):
        assert criterion.slots, f"{criterion.number} of {criterion.framework} has no graded slot"


def test_loading_twice_changes_nothing(reference):
    from inspections.reference import reference_data_load

    before = Criterion.objects.count(), Framework.objects.count(), Indicator.objects.count()
    reference_data_load()
    assert (
        Criterion.objects.count(),
        Framework.objects.count(),
        Indicator.objects.count(),
    ) == before
