"""Rows of the programme-wide indicator table: per force, each area's headline and calls."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from forces.models import Force
from grading.models import Framework, Indicator
from grading.significance import MsfCall, TrendCall
from inspections.models import Programme
from inspections.outcomes import AREA_KIND, AreaOutcome
from inspections.outcomes.panel import Badge, call_badge

# Sorting by an area puts better calls first and forces without data last.
MSF_RANK = {MsfCall.BETTER: 0, MsfCall.SAME: 1, MsfCall.WORSE: 2}
TREND_RANK = {TrendCall.IMPROVED: 0, TrendCall.UNCHANGED: 1, TrendCall.DETERIORATED: 2}


@dataclass
class IndicatorCell:
    code: str
    msf: Badge | None = None
    trend: Badge | None = None


@dataclass
class AreaCell:
    framework: Framework
    outcome: AreaOutcome | None
    msf: Badge | None = None
    trend: Badge | None = None
    indicators: list[IndicatorCell] = field(default_factory=list)


@dataclass
class ForceRow:
    force: Force
    areas: list[AreaCell]


def indicator_areas(*, programme: Programme) -> list[Framework]:
    """The programme's areas that have indicator calls, in programme order, in two queries."""
    indicators = Prefetch("framework__indicators", queryset=Indicator.objects.order_by("order"))
    areas = (
        programme.areas.filter(framework__code__in=AREA_KIND)
        .select_related("framework")
        .prefetch_related(indicators)
        .order_by("order")
    )
    return [area.framework for area in areas]


def _area_cell(framework: Framework, outcome: AreaOutcome | None) -> AreaCell:
    if outcome is None:
        return AreaCell(framework, None, indicators=[])
    calls = {row.indicator.code: row.call for row in outcome.rows}
    cells = []
    for indicator in framework.indicators.all():
        call = calls.get(indicator.code)
        cells.append(
            IndicatorCell(
                indicator.code,
                call_badge(call.vs_msf, call.msf) if call else None,
                call_badge(call.vs_previous, call.previous) if call else None,
            )
        )
    return AreaCell(
        framework,
        outcome,
        call_badge(outcome.headline.vs_msf),
        call_badge(outcome.headline.vs_previous),
        cells,
    )


def table_rows(forces, frameworks: list[Framework], outcomes: dict) -> list[ForceRow]:
    rows = []
    for force in forces:
        by_area = outcomes.get(force.pk, {})
        cells = [_area_cell(framework, by_area.get(framework.pk)) for framework in frameworks]
        rows.append(ForceRow(force, cells))
    return rows


def _area_key(code: str):
    def key(row: ForceRow):
        for cell in row.areas:
            if cell.framework.code == code and cell.outcome is not None:
                head = cell.outcome.headline
                return (MSF_RANK.get(head.vs_msf, 3), TREND_RANK.get(head.vs_previous, 3))
        return (4, 4)

    return key


def sort_rows(rows: list[ForceRow], sort: str) -> list[ForceRow]:
    """By force name, by region, or by an area's headline calls (better first)."""
    rows = sorted(rows, key=lambda row: row.force.name)
    if sort == "region":
        return sorted(rows, key=lambda row: (row.force.region.order, row.force.region.name))
    if sort in AREA_KIND:
        return sorted(rows, key=_area_key(sort))
    return rows
