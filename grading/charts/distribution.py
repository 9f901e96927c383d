"""A server-drawn SVG bar chart of how many forces hold each grade, per inspection area.

Pure functions, no database and no JavaScript. Every label is XML-escaped here, so callers
may mark the returned string safe. Counts are printed beside their bars, so the chart reads
without colour. Area and grade labels too long for their room wrap onto a second line (and are
shortened past it); the text alternative names them in full.
"""

import html
from dataclasses import dataclass

from grading.charts.labels import chars_for, label_lines

WIDTH = 640
MARGIN = 16
TOP = 34
LABEL_WIDTH = 190
COUNT_WIDTH = 120
GROUP_HEADING = 24
BAR_ROW = 22
PUBLISHED_ROW = 14
GROUP_GAP = 12
LINE = 13
LINES = 2
HEADING_SIZE = 12
LABEL_SIZE = 11
# Area headings span the chart; grade labels end 8 units before the bars start.
HEADING_CHARS = chars_for(WIDTH - 2 * MARGIN, HEADING_SIZE)
GRADE_CHARS = chars_for(LABEL_WIDTH - 8, LABEL_SIZE)

LIVE_COLOUR = "#0d6efd"
PUBLISHED_COLOUR = "#adb5bd"
GRID_COLOUR = "#dee2e6"
TEXT_COLOUR = "#212529"
MUTED_COLOUR = "#6c757d"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class DistributionBar:
    """One grade of an area: forces counted now, and the figure a report printed if any."""

    label: str
    count: int
    published: int | None = None


@dataclass(frozen=True)
class DistributionGroup:
    """One inspection area and its bars, best grade first."""

    label: str
    bars: tuple[DistributionBar, ...]


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _forces(count: int) -> str:
    return f"{count} force" if count == 1 else f"{count} forces"


def _describe(group: DistributionGroup) -> str:
    parts = []
    for bar in group.bars:
        text = f"{bar.label} {_forces(bar.count)}"
        if bar.published is not None:
            text += f" ({bar.published} as published)"
        parts.append(text)
    return f"{group.label}: " + "; ".join(parts) + "."


def _heading(group: DistributionGroup) -> list[str]:
    return label_lines(group.label, chars=HEADING_CHARS, lines=LINES)


def _grade(bar: DistributionBar) -> list[str]:
    return label_lines(bar.label, chars=GRADE_CHARS, lines=LINES)


def _heading_height(group: DistributionGroup) -> int:
    return GROUP_HEADING + (len(_heading(group)) - 1) * LINE


def _bar_height(bar: DistributionBar) -> int:
    # A grade label on two lines takes the published bar's row when there is one.
    published = PUBLISHED_ROW if bar.published is not None else 0
    return BAR_ROW + max(published, (len(_grade(bar)) - 1) * LINE)


def _group_height(group: DistributionGroup) -> int:
    rows = sum(_bar_height(bar) for bar in group.bars)
    return _heading_height(group) + rows + GROUP_GAP


class _Scale:
    def __init__(self, most: int):
        self.most = max(most, 1)
        self.left = MARGIN + LABEL_WIDTH
        self.span = WIDTH - MARGIN - COUNT_WIDTH - self.left

    def length(self, count: int) -> float:
        return count / self.most * self.span


def _bar(scale: _Scale, bar: DistributionBar, top: float) -> str:
    label_y = top + 14
    parts = [
        f'<text x="{MARGIN + LABEL_WIDTH - 8}" y="{label_y + index * LINE}" '
        f'font-size="{LABEL_SIZE}" text-anchor="end" fill="{TEXT_COLOUR}">{_e(line)}</text>'
        for index, line in enumerate(_grade(bar))
    ]
    parts += [
        f'<rect class="bar bar-live" x="{scale.left}" y="{top + 3}" '
        f'width="{scale.length(bar.count):.1f}" height="14" fill="{LIVE_COLOUR}"/>',
        f'<text x="{scale.left + scale.length(bar.count) + 6:.1f}" y="{label_y}" font-size="11" '
        f'fill="{TEXT_COLOUR}">{bar.count}</text>',
    ]
    if bar.published is not None:
        y = top + BAR_ROW
        width = scale.length(bar.published)
        parts.append(
            f'<rect class="bar bar-published" x="{scale.left}" y="{y}" width="{width:.1f}" '
            f'height="8" fill="{PUBLISHED_COLOUR}"/>'
            f'<text x="{scale.left + width + 6:.1f}" y="{y + 8}" font-size="10" '
            f'fill="{MUTED_COLOUR}">{bar.published} as published</text>'
        )
    return "".join(parts)


def _group(scale: _Scale, group: DistributionGroup, top: float) -> str:
    heading = _heading_height(group)
    parts = [f'<g class="area"><title>{_e(_describe(group))}</title>']
    parts += [
        f'<text x="{MARGIN}" y="{top + 14 + index * LINE}" font-size="{HEADING_SIZE}" '
        f'font-weight="bold" fill="{TEXT_COLOUR}">{_e(line)}</text>'
        for index, line in enumerate(_heading(group))
    ]
    parts.append(
        f'<line x1="{scale.left}" y1="{top + heading - 2}" x2="{scale.left}" '
        f'y2="{top + _group_height(group) - GROUP_GAP}" stroke="{GRID_COLOUR}"/>'
    )
    y = top + heading
    for bar in group.bars:
        parts.append(_bar(scale, bar, y))
        y += _bar_height(bar)
    parts.append("</g>")
    return "".join(parts)


def _legend(y: float, with_published: bool) -> str:
    entries = [(LIVE_COLOUR, "Forces shown in the table")]
    if with_published:
        entries.append((PUBLISHED_COLOUR, "As published in the national report"))
    parts, x = ['<g class="legend">'], MARGIN
    for colour, text in entries:
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="12" height="10" fill="{colour}"/>'
            f'<text x="{x + 18}" y="{y}" font-size="11" fill="{TEXT_COLOUR}">{_e(text)}</text>'
        )
        x += 18 + 6 * len(text) + 24
    parts.append("</g>")
    return "".join(parts)


def distribution_chart_svg(
    groups: list[DistributionGroup],
    *,
    title: str = "Distribution of grades",
    id_prefix: str = "grade-distribution",
    figures_in_title: bool = False,
) -> str:
    """An SVG document: per area a horizontal bar per grade, its count printed beside it, and
    under it a thinner grey bar for the figure a national report printed, when there is one.

    <desc> gives every count with the full area and grade names. With `figures_in_title` the
    root <title> gives them too: a PDF reader gets a figure's text alternative only from there
    (WeasyPrint copies the root <title> into the figure's /Alt and ignores <desc>), so the
    reports ask for it, while pages keep a short title and read the figures from <desc>."""
    groups = list(groups)
    prefix = "".join(c for c in id_prefix if c.isalnum() or c == "-") or "grade-distribution"
    counts = [n for g in groups for b in g.bars for n in (b.count, b.published) if n is not None]
    scale = _Scale(max(counts, default=1))
    with_published = any(bar.published is not None for g in groups for bar in g.bars)
    body_height = sum(_group_height(group) for group in groups) or BAR_ROW * 2
    height = TOP + body_height + 24
    summary = " ".join(_describe(group) for group in groups) or "No graded areas to chart."
    name = f"{title.rstrip('.')}. {summary}" if figures_in_title else title
    labelled_by = f"{prefix}-title" if figures_in_title else f"{prefix}-title {prefix}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="distribution-chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="{_e(FONT)}" aria-labelledby="{labelled_by}">',
        f'<title id="{prefix}-title">{_e(name)}</title>',
        f'<desc id="{prefix}-desc">{_e(summary)}</desc>',
        f'<text x="{MARGIN}" y="18" font-size="13" font-weight="bold" fill="{TEXT_COLOUR}">'
        f"{_e(title)}</text>",
    ]
    if not groups:
        parts.append(
            f'<text x="{WIDTH / 2}" y="{TOP + BAR_ROW}" font-size="12" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">No graded areas to chart.</text>'
        )
    top = TOP
    for group in groups:
        parts.append(_group(scale, group, top))
        top += _group_height(group)
    parts.append(_legend(height - 10, with_published))
    parts.append("</svg>")
    return "".join(parts)


__all__ = ["DistributionBar", "DistributionGroup", "distribution_chart_svg"]
