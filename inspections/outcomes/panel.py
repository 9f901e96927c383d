"""The outcome panel of a criterion page: indicator calls, their chart and a ready statement.

Glue between `inspections.outcomes.calls` (the calls) and the templates: the criterion view adds
`outcome_panel_context(...)` to its context and the chart view reuses the same pieces.
"""

from dataclasses import dataclass, field
from statistics import NormalDist

from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString, mark_safe

from grading import significance
from grading.charts import indicators as charts
from grading.significance import MsfCall, TrendCall
from inspections.outcomes.calls import AreaOutcome, IndicatorRow, inspection_outcomes

# Where administrators import indicator results; the fallback covers the page not existing yet.
IMPORT_URL_NAME = "grading:indicator_import"
IMPORT_URL_FALLBACK = "/indicators/import/"
GOOD_CALLS = {MsfCall.BETTER, TrendCall.IMPROVED}
BAD_CALLS = {MsfCall.WORSE, TrendCall.DETERIORATED}
GRADE_WORDS = {
    "exceeding": "exceeding the standard",
    "meeting": "meeting the standard",
    "failing": "failing to meet the standard",
}


@dataclass(frozen=True)
class Badge:
    """A call as the page shows it: words, a colour, and why (on hover and in small print)."""

    text: str
    tone: str
    why: str = ""
    detail: str = ""
    symbol: str = "●"


@dataclass
class PanelRow:
    code: str
    name: str
    value: float
    previous_value: float | None
    msf_value: float | None
    msf_source: str
    msf: Badge | None
    trend: Badge | None
    msf_difference: float | None
    change: float | None
    gap: float | None
    is_minority: bool
    sentences: list[str]

    @property
    def msf_difference_pp(self) -> str:
        return f"{signed(self.msf_difference)} pp" if self.msf_difference is not None else ""

    @property
    def change_pp(self) -> str:
        return f"{signed(self.change)} pp" if self.change is not None else ""


@dataclass
class OutcomePanel:
    year: int
    period: str
    previous_period: str
    rows: list[PanelRow]
    headline: list[tuple[str, Badge]]
    gap: float | None
    mixed: bool
    guidance: significance.GradeGuidance | None
    guidance_grades: list[str]
    sentences: list[str]
    statement_text: str
    missing: list[str]
    import_url: str
    chart: SafeString
    confidence: str = "95%"
    has_minority: bool = False
    kept_levels: list[tuple[str, str]] = field(default_factory=list)


def signed(value: float | None) -> str:
    return "" if value is None else f"{value:+.1f}"


def data_year_label(year: int) -> str:
    """2008 -> '2007/08', as the reports name a survey year ending in March."""
    return f"{year - 1}/{str(year)[-2:]}"


def _why(comparison: significance.Comparison | None) -> tuple[str, str]:
    if comparison is None:
        return "", ""
    c = comparison
    verdict = "clears" if c.significant else "falls short of"
    why = (
        f"Difference {c.difference:+.1f} pp against a threshold of ±{c.threshold:.1f} pp "
        f"(standard error {c.standard_error:.2f} pp): z = {c.z:+.2f}, so it {verdict} the "
        f"threshold by {abs(c.margin):.1f} pp."
    )
    return why, f"z {c.z:+.2f} · ±{c.threshold:.1f} pp"


def call_badge(call, comparison: significance.Comparison | None = None) -> Badge | None:
    """Green for a significant good call, red for a significant bad one, grey otherwise."""
    if call is None:
        return None
    why, detail = _why(comparison)
    if call in GOOD_CALLS:
        return Badge(str(call), "success", why, detail, "▲")
    if call in BAD_CALLS:
        return Badge(str(call), "danger", why, detail, "▼")
    return Badge(str(call), "secondary", why, detail, "●")


def _msf_source(row: IndicatorRow) -> str:
    if row.msf_computed:
        return "computed from the MSF group's results, weighted by sample size"
    if row.current.msf_value is not None:
        return "published"
    if row.current.msf_difference is not None:
        return "from the published difference"
    return "no MSF figure"


def _msf_average(row: IndicatorRow) -> float | None:
    data = row.call.data
    if row.msf_value is not None:
        return row.msf_value
    if data.msf_difference is not None:
        return data.value - data.msf_difference
    return None


def panel_row(row: IndicatorRow) -> PanelRow:
    call = row.call
    return PanelRow(
        code=row.indicator.code,
        name=row.indicator.name,
        value=call.data.value,
        previous_value=call.data.previous_value,
        msf_value=_msf_average(row),
        msf_source=_msf_source(row),
        msf=call_badge(call.vs_msf, call.msf),
        trend=call_badge(call.vs_previous, call.previous),
        msf_difference=call.msf.difference if call.msf else None,
        change=call.previous.difference if call.previous else None,
        gap=call.data.gap,
        is_minority=row.indicator.code == significance.MINORITY_INDICATOR,
        sentences=row.sentences,
    )


def _z(row: IndicatorRow) -> float:
    """The critical value the calls used: threshold over standard error of either test."""
    for comparison in (row.call.msf, row.call.previous):
        if comparison is not None and comparison.standard_error:
            return comparison.threshold / comparison.standard_error
    return significance.critical_z()


def confidence_of(rows: list[IndicatorRow]) -> float:
    """The confidence level the calls were made at, recovered from their critical value."""
    z = _z(rows[0]) if rows else significance.critical_z()
    return round(2 * NormalDist().cdf(z) - 1, 3)


def chart_rows(rows: list[IndicatorRow]) -> list[charts.ChartRow]:
    """Each indicator's force and MSF intervals from the force's own and the MSF's samples."""
    out = []
    for row in rows:
        data, z = row.call.data, _z(row)
        low, high = charts.confidence_interval(data.value, data.sample_size, data.deft, z)
        msf_value = _msf_average(row)
        msf_low = msf_high = None
        if msf_value is not None and data.msf_sample_size:
            msf_value = min(max(msf_value, 0.0), 100.0)
            msf_low, msf_high = charts.confidence_interval(
                msf_value, data.msf_sample_size, data.deft, z
            )
        out.append(
            charts.ChartRow(
                code=row.indicator.code,
                label=row.indicator.name,
                value=data.value,
                ci_low=low,
                ci_high=high,
                msf_value=msf_value,
                msf_low=msf_low,
                msf_high=msf_high,
                previous_value=data.previous_value,
            )
        )
    return out


def criterion_indicator_codes(criterion) -> list[str]:
    """One query; an empty list means the criterion carries no indicators."""
    return list(criterion.indicators.order_by("order").values_list("code", flat=True))


def area_outcome_for(assessment) -> AreaOutcome | None:
    inspection = assessment.area.inspection
    return inspection_outcomes(inspection=inspection).get(assessment.area.framework_id)


def criterion_rows(outcome: AreaOutcome | None, codes: list[str]) -> list[IndicatorRow]:
    if outcome is None:
        return []
    return [row for row in outcome.rows if row.indicator.code in codes]


def chart_svg(
    rows: list[IndicatorRow],
    *,
    title: str,
    id_prefix: str = "indicator-chart",
    figures_in_title: bool = False,
) -> SafeString:
    svg = charts.indicator_chart_svg(
        chart_rows(rows),
        title=title,
        confidence=confidence_of(rows),
        id_prefix=id_prefix,
        figures_in_title=figures_in_title,
    )
    # Safe because indicator_chart_svg escapes every piece of data it embeds.
    return mark_safe(svg)


def import_url() -> str:
    try:
        return reverse(IMPORT_URL_NAME)
    except NoReverseMatch:
        return IMPORT_URL_FALLBACK


def headline_badges(outcome: AreaOutcome) -> list[tuple[str, Badge]]:
    """The area's headline calls as labelled badges, leaving out calls not made."""
    head = outcome.headline
    calls = [
        ("Against the most similar forces", head.vs_msf),
        ("Over two years", head.vs_previous),
        ("Minority ethnic users over two years", head.minority_vs_previous),
    ]
    return [(label, call_badge(call)) for label, call in calls if call is not None]


def _summary(outcome: AreaOutcome) -> dict:
    head, guidance = outcome.headline, outcome.guidance
    return {
        "headline": headline_badges(outcome),
        "gap": head.gap_pp,
        "mixed": head.mixed_msf or head.mixed_previous,
        "guidance": guidance,
        "guidance_grades": [GRADE_WORDS.get(code, code) for code in guidance.supports],
        "sentences": outcome.sentences,
        "statement_text": " ".join(outcome.sentences),
    }


def outcome_panel(*, assessment, codes: list[str]) -> OutcomePanel:
    inspection = assessment.area.inspection
    outcome = area_outcome_for(assessment)
    rows = criterion_rows(outcome, codes)
    found = {row.indicator.code for row in rows}
    year = outcome.year if outcome else inspection.programme.period_end.year
    empty = {
        "headline": [],
        "gap": None,
        "mixed": False,
        "guidance": None,
        "guidance_grades": [],
        "sentences": [],
        "statement_text": "",
    }
    title = f"{inspection.force.display_name}: survey indicators, {data_year_label(year)}"
    shown = [panel_row(row) for row in rows]
    return OutcomePanel(
        year=year,
        period=data_year_label(year),
        previous_period=data_year_label(year - 2),
        rows=shown,
        missing=[code for code in codes if code not in found],
        import_url=import_url(),
        chart=chart_svg(rows, title=title) if rows else SafeString(""),
        confidence=f"{confidence_of(rows) * 100:g}%",
        has_minority=any(row.is_minority for row in shown),
        kept_levels=sorted(assessment.chosen_levels.items()),
        **(_summary(outcome) if rows else empty),
    )


def outcome_panel_context(*, assessment, can_edit: bool) -> dict:
    """The criterion page's extra context: nothing unless the criterion carries indicators.

    The selector annotates `has_indicators`, so criteria without any cost no query here.
    """
    if not getattr(assessment, "has_indicators", True):
        return {"outcome_panel": None}
    codes = criterion_indicator_codes(assessment.criterion)
    if not codes:
        return {"outcome_panel": None}
    return {
        "outcome_panel": outcome_panel(assessment=assessment, codes=codes),
        "can_use_outcome_statement": can_edit,
    }
