"""The indicator chart is well-formed SVG that draws every figure and escapes every label."""

import xml.etree.ElementTree as ET

import pytest

from grading.charts.indicators import ChartRow, axis_range, confidence_interval, indicator_chart_svg

SVG = "{http://www.w3.org/2000/svg}"

ROWS = [
    ChartRow("SPI 2a", "Good or excellent job", 47.1, 44.0, 50.2, 52.3, 51.2, 53.4, 47.4),
    ChartRow("KDI", "Deal with what matters", 49.7, 46.5, 52.9, 50.6, 49.5, 51.7, 41.0),
    ChartRow("SPI 3b", "Minority ethnic users", 74.3, 65.7, 82.9, previous_value=81.7),
]


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _classes(root: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in root.iter() if name in (el.get("class") or "").split()]


def test_chart_parses_as_svg_with_title_and_description():
    root = _parse(indicator_chart_svg(ROWS, title="Staffordshire, 2007/08"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Staffordshire, 2007/08"
    description = root.find(f"{SVG}desc").text
    assert "SPI 2a – Good or excellent job: force 47.1%" in description
    assert "two years earlier 81.7%" in description


def test_chart_draws_one_marker_per_figure():
    root = _parse(indicator_chart_svg(ROWS))
    assert len(_classes(root, "marker-force")) == 3
    assert len(_classes(root, "marker-msf")) == 2  # SPI 3b has no MSF comparison
    assert len(_classes(root, "marker-previous")) == 3
    assert len(_classes(root, "marker")) == 8
    assert len(_classes(root, "legend-force")) == 1
    assert len(_classes(root, "indicator")) == 3


def test_chart_escapes_a_label_with_markup():
    rows = [ChartRow("<b>X</b>", 'Say "hi" <script>alert(1)</script> & go', 50, 45, 55)]
    svg = indicator_chart_svg(rows, title="<script>bad()</script>")
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    root = _parse(svg)
    assert not [el for el in root.iter() if el.tag.endswith("script")]
    assert root.find(f"{SVG}title").text == "<script>bad()</script>"
    texts = "".join(el.text or "" for el in root.iter(f"{SVG}text"))
    assert "<script>alert(1)</script> & go" in texts


def test_numbers_that_are_not_numbers_are_refused():
    with pytest.raises(ValueError):
        indicator_chart_svg([ChartRow("A", "a", '50"/><script>', 45, 55)])


def test_chart_without_rows_says_so():
    root = _parse(indicator_chart_svg([]))
    assert not _classes(root, "marker")
    assert "No indicator results" in root.find(f"{SVG}desc").text


def test_axis_zooms_to_the_tens_around_the_figures():
    assert axis_range(ROWS) == (40, 90)
    assert axis_range(ROWS, zoom=False) == (0, 100)
    assert axis_range([ChartRow("A", "", 95, 94, 96)]) == (80, 100)
    assert axis_range([ChartRow("A", "", 3, 1, 5)]) == (0, 20)


def test_markers_sit_in_order_along_the_axis():
    root = _parse(indicator_chart_svg(ROWS[:1]))
    force = float(_classes(root, "marker-force")[0].get("cx"))
    msf = float(_classes(root, "marker-msf")[0].get("points").split(",")[0])
    assert force < msf  # 47.1 is left of 52.3


def test_confidence_interval_uses_design_factor_and_own_sample():
    # 1.96 x 1.3 x sqrt(.471 x .529 / 1000) = 4.02 points either side.
    low, high = confidence_interval(47.1, 1000, 1.3, 1.96)
    assert low == pytest.approx(43.08, abs=0.01) and high == pytest.approx(51.12, abs=0.01)
    assert confidence_interval(99.5, 100, 1.0, 1.96)[1] == 100.0
