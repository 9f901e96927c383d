"""Chart labels fit their room (long ones wrap, gridlines never cross them) and every chart's
text alternative gives its figures with the labels in full."""

import xml.etree.ElementTree as ET

from grading.charts import distribution, indicators
from grading.charts.distribution import DistributionBar, DistributionGroup, distribution_chart_svg
from grading.charts.indicators import ChartRow, indicator_chart_svg
from grading.charts.labels import label_lines

SVG = "{http://www.w3.org/2000/svg}"
LONG_NAME = (
    "People who agree that the local police deal with the anti-social behaviour and crime "
    "that matter to them, asked in every neighbourhood of the force area"
)
ROWS = [
    ChartRow("SPI 2a", "Good or excellent job", 47.1, 44.0, 50.2, 52.3, 51.2, 53.4, 47.4),
    ChartRow("KDI", LONG_NAME, 49.7, 46.5, 52.9, 50.6, 49.5, 51.7, 41.0),
]


def _classes(root: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in root.iter() if name in (el.get("class") or "").split()]


def _label_texts(root: ET.Element) -> list[ET.Element]:
    return _classes(root, "label")


def test_label_lines_wrap_at_spaces_and_shorten_only_past_the_last_line():
    assert label_lines("one two three four", chars=9, lines=2) == ["one two", "three…"]
    assert label_lines("one two three", chars=9, lines=2) == ["one two", "three"]
    assert label_lines("  ", chars=9, lines=2) == [""]


def test_a_long_indicator_label_wraps_within_the_chart():
    root = ET.fromstring(indicator_chart_svg(ROWS))
    kdi = _classes(root, "indicator")[1]
    lines = [text.text for text in kdi.iter(f"{SVG}text")]

    assert len(lines) == 2
    assert all(len(line) <= indicators.LABEL_CHARS for line in lines)
    assert " ".join(lines) == f"KDI – {LONG_NAME}"
    width = float(root.get("width")) - indicators.MARGIN
    assert all(len(line) * 11 * 0.6 <= width for line in lines)


def test_gridlines_never_cross_a_label():
    root = ET.fromstring(indicator_chart_svg(ROWS))
    grid = _classes(root, "grid")
    labels = _label_texts(root)

    assert grid and labels
    for label in labels:
        baseline = float(label.get("y"))
        # The glyphs of an 11-unit label reach about 9 units above the baseline and 3 below.
        top, bottom = baseline - 9, baseline + 3
        for line in grid:
            y1, y2 = float(line.get("y1")), float(line.get("y2"))
            assert y2 < top or y1 > bottom, (label.text, y1, y2)


def test_rows_below_a_wrapped_label_move_down_by_one_line():
    short = ET.fromstring(indicator_chart_svg([ROWS[0], ROWS[0]]))
    wrapped = ET.fromstring(indicator_chart_svg([ROWS[1], ROWS[0]]))

    assert float(wrapped.get("height")) == float(short.get("height")) + indicators.LABEL_LINE
    second = [float(el.get("cy")) for el in _classes(short, "marker-force")][1]
    moved = [float(el.get("cy")) for el in _classes(wrapped, "marker-force")][1]
    assert moved == second + indicators.LABEL_LINE


def test_indicator_title_holds_the_figures_when_asked():
    plain = ET.fromstring(indicator_chart_svg(ROWS, title="Force A, 2007/08"))
    full = ET.fromstring(indicator_chart_svg(ROWS, title="Force A, 2007/08", figures_in_title=True))

    assert plain.find(f"{SVG}title").text == "Force A, 2007/08"
    title = full.find(f"{SVG}title").text
    assert title.startswith("Force A, 2007/08. SPI 2a – Good or excellent job: force 47.1%")
    assert f"KDI – {LONG_NAME}: force 49.7%" in title and "two years earlier 41.0%" in title
    assert title.endswith(full.find(f"{SVG}desc").text)
    assert full.get("aria-labelledby") == "indicator-chart-title"


def test_long_area_and_grade_names_wrap_and_stay_whole_in_the_text_alternative():
    area = "Protecting vulnerable people – " + "very long name of an inspection area " * 2
    grade = "Meeting the standard with some further work identified"
    group = DistributionGroup(area, (DistributionBar(grade, 3, 4), DistributionBar("Poor", 1)))
    root = ET.fromstring(distribution_chart_svg([group], figures_in_title=True))
    area_lines = [t.text for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"][1:]
    grade_lines = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]

    assert len(area_lines) == 2 and area_lines[0].startswith("Protecting vulnerable people")
    assert all(len(line) <= distribution.HEADING_CHARS for line in area_lines)
    assert grade_lines[:2] == ["Meeting the standard with", "some further work…"]
    assert grade_lines[2] == "Poor"
    assert all(len(line) <= distribution.GRADE_CHARS for line in grade_lines)
    title = root.find(f"{SVG}title").text
    assert " ".join(area.split()) in " ".join(title.split())
    assert f"{grade} 3 forces (4 as published)" in title
