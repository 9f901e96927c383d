"""The importer's summary shaped for the admin pages: a few facts, one row of counts per
area, and per area the criteria and indicators, which the page shows on demand.

The summary is whatever the importer stored (reports/importer/summary.py), so every key is
read defensively: an older record may lack one, and a thematic summary has no areas.
"""

CRITERION_KEYS = ("heading", "heading_inferred", "line", "printed_heading")
COVERAGE_LINES = (
    ("lines", "Lines with text"),
    ("lines_used", "Used"),
    ("lines_standard_text", "Reported as standard text or not imported"),
    ("lines_not_understood", "Not understood"),
    ("lines_page_furniture", "Page furniture (footers, page numbers, rules)"),
)
COVERAGE_AREA_KEYS = ("criteria", "lists", "items", "sub_points")


def label(key) -> str:
    return str(key).replace("_", " ").capitalize()


def plain(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(plain(item) for item in value) or "–"
    if isinstance(value, dict):
        return ", ".join(f"{label(k)}: {plain(v)}" for k, v in value.items()) or "–"
    return str(value)


def _dicts(value) -> list[dict]:
    return [item for item in value or [] if isinstance(item, dict)]


def _count_keys(criteria: list[dict]) -> list[str]:
    """The evidence lists the criteria were counted by, in the order the importer wrote them."""
    keys = dict.fromkeys(key for row in criteria for key in row if key not in CRITERION_KEYS)
    return list(keys)


def _distribution(value) -> str:
    if isinstance(value, dict) and isinstance(value.get("grades"), list):
        value = value["grades"]
    if isinstance(value, list) and all(isinstance(cell, dict) for cell in value):
        return ", ".join(f"{plain(c.get('label'))}: {plain(c.get('forces'))}" for c in value)
    return plain(value)


def _area(area: dict, keys: list[str]) -> dict:
    criteria, indicators = _dicts(area.get("criteria")), _dicts(area.get("indicators"))
    return {
        "name": plain(area.get("name")),
        "grade": plain(area.get("grade")),
        "line": plain(area.get("line")),
        "totals": [sum(int(row.get(key) or 0) for row in criteria) for key in keys],
        "criteria": [
            {
                "heading": plain(row.get("heading")),
                "printed": row.get("printed_heading") or "",
                "inferred": bool(row.get("heading_inferred")),
                "line": plain(row.get("line")),
                "counts": [plain(row.get(key, 0)) for key in keys],
            }
            for row in criteria
        ],
        "indicators": [
            [plain(row.get(key)) for key in ("code", "value", "published_vs_msf")]
            + [plain(row.get("published_vs_previous"))]
            for row in indicators
        ],
        "practice": plain(area.get("developing_practice", 0)),
        "distribution": _distribution(area.get("national_distribution")),
    }


def warning_label(warning: dict) -> str:
    line, end = warning.get("line"), warning.get("end_line")
    where = f"Lines {line}–{end}" if end and end != line else f"Line {line}"
    return f"{where}: {warning.get('message', '')}"


def summary_view(summary: dict | None) -> dict:
    """Facts (label, text) for every top-level entry but the areas; the areas with their
    count columns (one per evidence list the importer counted)."""
    summary = summary if isinstance(summary, dict) else {}
    areas = _dicts(summary.get("areas"))
    criteria = [row for area in areas for row in _dicts(area.get("criteria"))]
    keys = _count_keys(criteria)
    facts = [
        (label(key), plain(value))
        for key, value in summary.items()
        if key not in ("areas", "coverage")
    ]
    return {
        "facts": facts,
        "coverage": coverage_view(summary.get("coverage")),
        "count_labels": [label(key) for key in keys],
        "areas": [_area(area, keys) for area in areas],
    }


def coverage_view(coverage) -> dict:
    """The import's coverage (reports.importer.coverage) as (label, count) rows and one row
    of counts per area; empty for a record imported before coverage was kept."""
    coverage = coverage if isinstance(coverage, dict) else {}
    return {
        "lines": [(text, plain(coverage[key])) for key, text in COVERAGE_LINES if key in coverage],
        "area_labels": [label(key) for key in COVERAGE_AREA_KEYS],
        "areas": [
            {
                "name": plain(area.get("name")),
                "counts": [plain(area.get(key, 0)) for key in COVERAGE_AREA_KEYS],
            }
            for area in _dicts(coverage.get("areas"))
        ],
    }
