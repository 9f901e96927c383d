"""Staffordshire's published 2008 figures and helpers for the outcome tests."""

import datetime
from decimal import Decimal

from forces.models import MostSimilarGroup
from grading.models import Indicator, IndicatorResult
from grading.significance import MsfCall, TrendCall
from inspections.models import CriterionAssessment
from inspections.outcomes import inspection_outcomes
from tests.factories import CommandUnitFactory

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


def _areas(inspection):
    outcomes = inspection_outcomes(inspection=inspection)
    return {outcome.framework.code: outcome for outcome in outcomes.values()}


def _calls(outcome):
    return {row.indicator.code: row.call for row in outcome.rows}


def _similar_group(force, members):
    group = MostSimilarGroup.objects.create(force=force, effective_from=datetime.date(2007, 4, 1))
    group.members.set(members)
    return group


def _outcome_criterion(inspection, area="dcfp"):
    """NP criterion 2 or DCFP criterion 3: the criteria that carry the indicators."""
    order = {"np": 2, "dcfp": 3}[area]
    return CriterionAssessment.objects.get(
        area__inspection=inspection,
        area__framework__code=area,
        criterion__parent=None,
        criterion__order=order,
    )
