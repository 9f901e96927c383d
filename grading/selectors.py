"""Reads of grading data that pages share."""

from collections.abc import Sequence
from decimal import Decimal

from grading.indicator_csv import ParsedRow
from grading.models import IndicatorResult


def indicator_results_replaced(*, rows: Sequence[ParsedRow]) -> dict[tuple[int, int, int], Decimal]:
    """The current value of every stored result that these rows would replace, by row key."""
    if not rows:
        return {}
    wanted = {row.key for row in rows}
    # One query over the rows' forces, indicators and years; extra combinations drop out below.
    stored = IndicatorResult.objects.filter(
        force_id__in={row.force.pk for row in rows},
        indicator_id__in={row.indicator.pk for row in rows},
        year__in={row.year for row in rows},
    ).values_list("force_id", "indicator_id", "year", "value")
    return {
        (force_id, indicator_id, year): value
        for force_id, indicator_id, year, value in stored
        if (force_id, indicator_id, year) in wanted
    }
