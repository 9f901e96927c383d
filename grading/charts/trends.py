"""Server-drawn SVGs of a force over time: its survey indicators over the years (one small
panel per indicator, its values joined year to year, each value printed beside its point),
and its grades across programmes (a bar per area, longer for a better grade).

Pure functions, no database and no JavaScript. Every label is XML-escaped here, so callers may
mark the returned string safe. Values are printed, so the chart reads without colour; the
page prints the same figures as a table, the chart's text equivalent.
"""

import html
from dataclasses import dataclass

from grading.charts.labels import chars_for, label_lines

WIDTH = 640
MARGIN = 16
TOP = 34
LABEL_SIZE = 11
LABEL_LINE = 13
LABEL_LINES = 2
LABEL_CHARS = chars_for(WIDTH - 2 * MARGIN, LABEL_SIZE)
PLOT = 64
PANEL_GAP = 14
AXIS = 18
PLOT_LEFT = MARGIN + 40
PLOT_RIGHT = WIDTH - MARGIN - 30

LINE_COLOUR = "#0d6efd"
GRID_COLOUR = "#dee2e6"
TEXT_COLOUR = "#212529"
MUTED_COLOUR = "#6c757d"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class TrendSeries:
    """One indicator's values by year (percentages 0-100); years without a value are gaps."""

    code: str
    label: str
    values: dict[int, float]


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _pct(value: float) -> str:
    return f"{float(value):.1f}%"


def _range(series: TrendSeries) -> tuple[float, float]:
    values = [float(v) for v in series.values.values()] or [0.0, 100.0]
    low = max(0.0, (min(values) // 10) * 10 - 10 * (min(values) % 10 == 0))
    high = min(100.0, -(-max(values) // 10) * 10)
    if high - low < 20:
        low, high = max(0.0, high - 20), max(high, 20.0)
    return low, high


def _x(years: list[int], year: int) -> float:
    if len(years) == 1:
        return (PLOT_LEFT + PLOT_RIGHT) / 2
    step = (PLOT_RIGHT - PLOT_LEFT) / (len(years) - 1)
    return PLOT_LEFT + years.index(year) * step


def _describe(series: TrendSeries, years: list[int]) -> str:
    figures = [f"{year} {_pct(series.values[year])}" for year in years if year in series.values]
    return f"{series.code} ({series.label}): " + (", ".join(figures) or "no results") + "."


def _panel(series: TrendSeries, years: list[int], top: float) -> str:
    lines = label_lines(f"{series.code}: {series.label}", chars=LABEL_CHARS, lines=LABEL_LINES)
    parts = [
        f'<text x="{MARGIN}" y="{top + LABEL_LINE * (index + 1) - 2}" font-size="{LABEL_SIZE}" '
        f'fill="{TEXT_COLOUR}">{_e(line)}</text>'
        for index, line in enumerate(lines)
    ]
    plot_top = top + LABEL_LINE * len(lines) + 6
    low, high = _range(series)

    def y(value: float) -> float:
        return plot_top + PLOT - (float(value) - low) / (high - low) * PLOT

    for tick in (low, high):
        parts.append(
            f'<line x1="{PLOT_LEFT}" x2="{PLOT_RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{GRID_COLOUR}"/><text x="{PLOT_LEFT - 6}" y="{y(tick) + 4:.1f}" '
            f'font-size="10" text-anchor="end" fill="{MUTED_COLOUR}">{tick:g}%</text>'
        )
    points = [(_x(years, year), y(series.values[year])) for year in years if year in series.values]
    if len(points) > 1:
        joined = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(
            f'<polyline points="{joined}" fill="none" stroke="{LINE_COLOUR}" stroke-width="2"/>'
        )
    for year in years:
        if year not in series.values:
            continue
        px, py = _x(years, year), y(series.values[year])
        parts.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{LINE_COLOUR}"/>'
            f'<text x="{px:.1f}" y="{py - 8:.1f}" font-size="10" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">{_pct(series.values[year])}</text>'
        )
    return "".join(parts)


def _panel_height(series: TrendSeries) -> int:
    lines = label_lines(f"{series.code}: {series.label}", chars=LABEL_CHARS, lines=LABEL_LINES)
    return LABEL_LINE * len(lines) + 6 + PLOT + PANEL_GAP


def trend_chart_svg(series: list[TrendSeries], *, title: str, id_prefix: str = "trend") -> str:
    """An SVG document: per indicator its values over the years on a shared year axis; the
    <desc> gives every figure, so the chart is understood without seeing it."""
    series = list(series)
    years = sorted({year for one in series for year in one.values})
    prefix = "".join(c for c in id_prefix if c.isalnum() or c == "-") or "trend"
    summary = " ".join(_describe(one, years) for one in series) or "No indicator results."
    tops = [TOP + sum(_panel_height(s) for s in series[:index]) for index in range(len(series))]
    bottom = TOP + sum(_panel_height(s) for s in series)
    height = bottom + AXIS + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="{_e(FONT)}" aria-labelledby="{prefix}-title {prefix}-desc">',
        f'<title id="{prefix}-title">{_e(title)}</title>',
        f'<desc id="{prefix}-desc">{_e(summary)}</desc>',
        f'<text x="{MARGIN}" y="18" font-size="13" font-weight="bold" fill="{TEXT_COLOUR}">'
        f"{_e(title)}</text>",
    ]
    if not series:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{TOP + 20}" font-size="12" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">No indicator results to chart.</text>'
        )
    for one, top in zip(series, tops, strict=True):
        parts.append(_panel(one, years, top))
    for year in years:
        parts.append(
            f'<text x="{_x(years, year):.1f}" y="{bottom + 4}" font-size="11" '
            f'text-anchor="middle" fill="{TEXT_COLOUR}">{year}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class GradeBar:
    """One area's grade in one programme: `rank` 1 is the best of `levels` grades."""

    label: str
    grade: str
    rank: int
    levels: int


GRADE_ROW = 24
GRADE_LABEL_WIDTH = 250
GRADE_LABEL_CHARS = chars_for(GRADE_LABEL_WIDTH - 8, LABEL_SIZE)
GRADE_BAR_MAX = WIDTH - MARGIN - GRADE_LABEL_WIDTH - MARGIN - 170


def grade_chart_svg(bars: list[GradeBar], *, title: str, id_prefix: str = "grades") -> str:
    """An SVG document: a bar per programme and area, longer for a better grade (the best
    grade of a scheme fills the bar), the grade's name printed beside it; <desc> names all."""
    bars = list(bars)
    prefix = "".join(c for c in id_prefix if c.isalnum() or c == "-") or "grades"
    summary = " ".join(f"{bar.label}: {bar.grade}." for bar in bars) or "No grades."
    height = TOP + max(len(bars), 1) * GRADE_ROW + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grade-chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="{_e(FONT)}" aria-labelledby="{prefix}-title {prefix}-desc">',
        f'<title id="{prefix}-title">{_e(title)}</title>',
        f'<desc id="{prefix}-desc">{_e(summary)}</desc>',
        f'<text x="{MARGIN}" y="18" font-size="13" font-weight="bold" fill="{TEXT_COLOUR}">'
        f"{_e(title)}</text>",
    ]
    if not bars:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{TOP + 14}" font-size="12" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">No grades to chart.</text>'
        )
    for index, bar in enumerate(bars):
        y = TOP + index * GRADE_ROW
        label = label_lines(bar.label, chars=GRADE_LABEL_CHARS, lines=1)[0]
        share = (bar.levels - bar.rank + 1) / max(bar.levels, 1)
        length = max(share * GRADE_BAR_MAX, 4)
        x = MARGIN + GRADE_LABEL_WIDTH
        parts.append(
            f'<text x="{MARGIN}" y="{y + 15}" font-size="{LABEL_SIZE}" fill="{TEXT_COLOUR}">'
            f"{_e(label)}</text>"
            f'<rect x="{x}" y="{y + 4}" width="{GRADE_BAR_MAX}" height="14" fill="{GRID_COLOUR}"/>'
            f'<rect x="{x}" y="{y + 4}" width="{length:.1f}" height="14" fill="{LINE_COLOUR}"/>'
            f'<text x="{x + GRADE_BAR_MAX + 6}" y="{y + 15}" font-size="{LABEL_SIZE}" '
            f'fill="{TEXT_COLOUR}">{_e(bar.grade)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


__all__ = ["GradeBar", "TrendSeries", "grade_chart_svg", "trend_chart_svg"]
