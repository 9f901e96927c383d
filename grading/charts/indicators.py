"""Server-drawn SVG charts of survey indicators, for pages and PDFs alike.

Pure functions, no database and no JavaScript. Every piece of data a chart embeds (codes,
labels, titles) is XML-escaped here, so callers may mark the returned string safe.

Each indicator is a row: its label (wrapped onto at most LABEL_LINES lines), then the plot
band with the force's and the MSF's intervals. Gridlines are drawn in the plot bands only, so
they never cross a label.
"""

import html
import math
from dataclasses import dataclass

from grading.charts.labels import chars_for, label_lines

WIDTH = 640
MARGIN = 16
TOP = 34
AXIS = 28
LEGEND = 30
LABEL_SIZE = 11
LABEL_LINE = 13
LABEL_LINES = 2
LABEL_CHARS = chars_for(WIDTH - 2 * MARGIN, LABEL_SIZE)
# The plot band under a row's label: the force's interval, then the MSF's.
PLOT = 37
FORCE_OFFSET = 11
MSF_OFFSET = 25

FORCE_COLOUR = "#0d6efd"
MSF_COLOUR = "#6c757d"
PREVIOUS_COLOUR = "#d9480f"
GRID_COLOUR = "#dee2e6"
TEXT_COLOUR = "#212529"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class ChartRow:
    """One indicator: the force's value and interval, the MSF average and interval, and the
    value two years earlier. Percentages 0-100; any of the comparisons may be missing."""

    code: str
    label: str
    value: float
    ci_low: float
    ci_high: float
    msf_value: float | None = None
    msf_low: float | None = None
    msf_high: float | None = None
    previous_value: float | None = None


def confidence_interval(
    value: float, sample_size: float, deft: float, z: float
) -> tuple[float, float]:
    """value +/- z x deft x sqrt(p(1-p)/n), in percentage points, kept within 0-100."""
    p = min(max(float(value), 0.0), 100.0) / 100
    half = z * deft * math.sqrt(p * (1 - p) / sample_size) * 100
    return max(value - half, 0.0), min(value + half, 100.0)


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _pct(value: float) -> str:
    return f"{float(value):.1f}"


def _row_numbers(row: ChartRow) -> list[float]:
    numbers = [row.value, row.ci_low, row.ci_high]
    for extra in (row.msf_value, row.msf_low, row.msf_high, row.previous_value):
        if extra is not None:
            numbers.append(extra)
    return [float(n) for n in numbers]


def axis_range(rows: list[ChartRow], zoom: bool = True) -> tuple[int, int]:
    """0-100, or when zooming the tens around every figure drawn, at least 20 points wide."""
    numbers = [n for row in rows for n in _row_numbers(row)]
    if not zoom or not numbers:
        return 0, 100
    low = max(int(math.floor(min(numbers) / 10) * 10), 0)
    high = min(int(math.ceil(max(numbers) / 10) * 10), 100)
    while high - low < 20:
        low, high = (low - 10, high) if low >= 10 else (low, high + 10)
    return max(low, 0), min(high, 100)


class _Scale:
    def __init__(self, low: int, high: int):
        self.low, self.high = low, high
        self.left, self.right = MARGIN, WIDTH - MARGIN

    def x(self, value: float) -> str:
        share = (float(value) - self.low) / (self.high - self.low)
        return f"{self.left + share * (self.right - self.left):.1f}"

    def ticks(self) -> range:
        step = 5 if self.high - self.low <= 30 else 10
        return range(self.low, self.high + 1, step)


def _interval(scale: _Scale, low: float, high: float, y: float, colour: str, width: int) -> str:
    x1, x2 = scale.x(low), scale.x(high)
    return (
        f'<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{colour}" '
        f'stroke-width="{width}" stroke-linecap="butt"/>'
        f'<line x1="{x1}" y1="{y - 5}" x2="{x1}" y2="{y + 5}" stroke="{colour}"/>'
        f'<line x1="{x2}" y1="{y - 5}" x2="{x2}" y2="{y + 5}" stroke="{colour}"/>'
    )


def _force_marker(cx: str, y: float, css: str = "marker marker-force") -> str:
    return f'<circle class="{css}" cx="{cx}" cy="{y}" r="5" fill="{FORCE_COLOUR}"/>'


def _msf_marker(cx: str, y: float, css: str = "marker marker-msf") -> str:
    x = float(cx)
    points = f"{x:.1f},{y - 6} {x + 6:.1f},{y} {x:.1f},{y + 6} {x - 6:.1f},{y}"
    return f'<polygon class="{css}" points="{points}" fill="{MSF_COLOUR}"/>'


def _previous_marker(cx: str, y: float, css: str = "marker marker-previous") -> str:
    # Hollow and larger than the force's dot, so it stays visible when the two coincide.
    x = float(cx)
    return (
        f'<rect class="{css}" x="{x - 7:.1f}" y="{y - 7}" width="14" height="14" '
        f'fill="none" stroke="{PREVIOUS_COLOUR}" stroke-width="2"/>'
    )


def _full_label(row: ChartRow) -> str:
    return f"{row.code} – {row.label}" if row.label else row.code


def _describe(row: ChartRow, confidence: str, *, named: bool = False) -> str:
    """The row's figures in words; `named` puts the full label first (the chart's text
    alternative), otherwise the code (a row's own tooltip, drawn beside its label)."""
    name = _full_label(row) if named else row.code
    parts = [
        f"{name}: force {_pct(row.value)}% ({confidence} interval "
        f"{_pct(row.ci_low)} to {_pct(row.ci_high)})"
    ]
    if row.msf_value is not None:
        text = f"MSF average {_pct(row.msf_value)}%"
        if row.msf_low is not None and row.msf_high is not None:
            text += f" ({_pct(row.msf_low)} to {_pct(row.msf_high)})"
        parts.append(text)
    if row.previous_value is not None:
        parts.append(f"two years earlier {_pct(row.previous_value)}%")
    return "; ".join(parts) + "."


def _label(row: ChartRow) -> list[str]:
    return label_lines(_full_label(row), chars=LABEL_CHARS, lines=LABEL_LINES)


def _row_height(row: ChartRow) -> int:
    return len(_label(row)) * LABEL_LINE + PLOT


def _plot_top(row: ChartRow, top: float) -> float:
    return top + len(_label(row)) * LABEL_LINE


def _row(scale: _Scale, row: ChartRow, top: float, confidence: str) -> str:
    plot_top = _plot_top(row, top)
    force_y, msf_y = plot_top + FORCE_OFFSET, plot_top + MSF_OFFSET
    parts = [f'<g class="indicator"><title>{_e(_describe(row, confidence))}</title>']
    for index, line in enumerate(_label(row)):
        parts.append(
            f'<text class="label" x="{MARGIN}" y="{top + 11 + index * LABEL_LINE}" '
            f'font-size="{LABEL_SIZE}" fill="{TEXT_COLOUR}">{_e(line)}</text>'
        )
    parts.append(_interval(scale, row.ci_low, row.ci_high, force_y, FORCE_COLOUR, 2))
    if row.msf_value is not None:
        if row.msf_low is not None and row.msf_high is not None:
            parts.append(_interval(scale, row.msf_low, row.msf_high, msf_y, MSF_COLOUR, 4))
        parts.append(_msf_marker(scale.x(row.msf_value), msf_y))
    if row.previous_value is not None:
        parts.append(_previous_marker(scale.x(row.previous_value), force_y))
    parts.append(_force_marker(scale.x(row.value), force_y))
    parts.append("</g>")
    return "".join(parts)


def _axis(scale: _Scale, plot_tops: list[float], bottom: float) -> str:
    """Tick labels under the rows and, for each tick, a gridline through every plot band,
    from just under its row's label to just above the next row's."""
    parts = ['<g class="axis">']
    for tick in scale.ticks():
        x = scale.x(tick)
        parts.extend(
            f'<line class="grid" x1="{x}" y1="{top + 2}" x2="{x}" y2="{top + PLOT - 4}" '
            f'stroke="{GRID_COLOUR}"/>'
            for top in plot_tops
        )
        parts.append(
            f'<text x="{x}" y="{bottom + 14}" font-size="10" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">{tick}%</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _legend(y: float, confidence: str) -> str:
    # Legend symbols carry their own classes, so counting "marker" elements counts data only.
    entries = [
        (_force_marker, "legend-force", f"Force, with {confidence} interval"),
        (_msf_marker, "legend-msf", f"MSF average, with {confidence} interval"),
        (_previous_marker, "legend-previous", "Two years earlier"),
    ]
    parts, x = ['<g class="legend">'], MARGIN + 8
    for draw, css, text in entries:
        parts.append(draw(f"{x}", y, css=css))
        parts.append(
            f'<text x="{x + 12}" y="{y + 4}" font-size="11" fill="{TEXT_COLOUR}">{_e(text)}</text>'
        )
        x += 12 + 6 * len(text) + 28
    parts.append("</g>")
    return "".join(parts)


def indicator_chart_svg(
    rows: list[ChartRow],
    *,
    title: str = "Survey indicators",
    confidence: float = 0.95,
    zoom: bool = True,
    id_prefix: str = "indicator-chart",
    figures_in_title: bool = False,
) -> str:
    """An SVG document: per indicator the force's value and interval, the MSF average and its
    interval, and the value two years earlier, on a percentage axis with a legend.

    <desc> gives every figure with each indicator's full label. With `figures_in_title` the
    root <title> gives them too: a PDF reader gets a figure's text alternative only from there
    (WeasyPrint copies the root <title> into the figure's /Alt and ignores <desc>), so the
    reports ask for it, while pages keep a short title and read the figures from <desc>."""
    rows = list(rows)
    level = f"{confidence * 100:g}%"
    prefix = "".join(c for c in id_prefix if c.isalnum() or c == "-") or "indicator-chart"
    scale = _Scale(*axis_range(rows, zoom))
    tops = [TOP + sum(_row_height(row) for row in rows[:index]) for index in range(len(rows))]
    bottom = TOP + (sum(_row_height(row) for row in rows) or LABEL_LINE + PLOT)
    height = bottom + AXIS + LEGEND
    summary = " ".join(_describe(row, level, named=True) for row in rows)
    summary = summary or "No indicator results to chart."
    name = f"{title.rstrip('.')}. {summary}" if figures_in_title else title
    labelled_by = f"{prefix}-title" if figures_in_title else f"{prefix}-title {prefix}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="indicator-chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="{_e(FONT)}" aria-labelledby="{labelled_by}">',
        f'<title id="{prefix}-title">{_e(name)}</title>',
        f'<desc id="{prefix}-desc">{_e(summary)}</desc>',
        f'<text x="{MARGIN}" y="18" font-size="13" font-weight="bold" fill="{TEXT_COLOUR}">'
        f"{_e(title)}</text>",
        _axis(scale, [_plot_top(row, top) for row, top in zip(rows, tops, strict=True)], bottom),
    ]
    if not rows:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{TOP + (LABEL_LINE + PLOT) / 2}" font-size="12" '
            f'text-anchor="middle" fill="{TEXT_COLOUR}">No indicator results to chart.</text>'
        )
    for row, top in zip(rows, tops, strict=True):
        parts.append(_row(scale, row, top, level))
    parts.append(_legend(bottom + AXIS + 10, level))
    parts.append("</svg>")
    return "".join(parts)


__all__ = ["ChartRow", "axis_range", "confidence_interval", "indicator_chart_svg"]
