"""The force report of an inspection: data first, hashed, then rendered to HTML.

The data is plain JSON (no pks that change between identical imports, no time of
rendering), so its hash says whether two renders print the same report. The template
`reports/pdf/force/report.html` sets it out in the layout of the published force reports;
the engine (reports/rendering/engine.py) turns the HTML into a PDF.
"""

import datetime
import re

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from grading.reference.schemes import FOUR_POINT
from inspections.models import InspectionStatus
from inspections.plain_text import text_blocks
from reports.models import ReportTextKey
from reports.rendering.document import REPORT_AUTHOR, ReportDocument, data_hash
from reports.rendering.force_data import ForceReportRows
from reports.rendering.force_overview import overview_data
from reports.rendering.force_progress import other_progress, progress_words
from reports.rendering.force_sections import AreaBuilder, area_name
from reports.rendering.text import blocks_text, cover_reference, month_year

TEMPLATE = "reports/pdf/force/report.html"


def _text(rows: ForceReportRows, key: str) -> dict:
    text = rows.texts[key]
    return {"title": text["title"], "blocks": text_blocks(text["body"])}


def _grading(rows: ForceReportRows) -> dict:
    scheme = rows.programme.scheme
    return {
        **_text(rows, ReportTextKey.GRADING_PROCESS),
        "scheme": scheme.name,
        "description": text_blocks(scheme.description),
        "levels": [
            {"label": level.label, "descriptor": text_blocks(level.descriptor)}
            for level in rows.levels
        ],
    }


def _practice(rows: ForceReportRows) -> list[dict]:
    order = {area.framework_id: index for index, area in enumerate(rows.areas)}
    entries = sorted(rows.practice, key=lambda p: (order[p.framework_id], p.title.casefold()))
    fields = ["problem", "solution", "evaluation", "external_validation", "outcomes", "contact"]
    return [
        {
            "area": area_name(practice.framework),
            "title": practice.title,
            **{field: text_blocks(getattr(practice, field)) for field in fields},
        }
        for practice in entries
    ]


def _glossary(rows: ForceReportRows, words: str) -> list[dict]:
    """The glossary the report printed when imported; otherwise the reference terms the
    report's own words use (whole words, case-sensitive: "IT" is not "it")."""
    printed = [(entry.abbreviation, entry.meaning) for entry in rows.printed_glossary]
    if not printed:
        terms = sorted(rows.glossary_terms, key=lambda term: term.abbreviation.casefold())
        printed = [
            (term.abbreviation, term.meaning)
            for term in terms
            if re.search(rf"(?<!\w){re.escape(term.abbreviation)}(?!\w)", words)
        ]
    return [{"abbreviation": abbr, "meaning": meaning} for abbr, meaning in printed]


def _summary_of_judgements(areas: list[dict], rows: ForceReportRows) -> list[dict]:
    """The 2007 reports' tables: every graded area's grade and its national distribution."""
    if rows.programme.scheme.code != FOUR_POINT:
        return []
    return [
        {
            "name": area["name"],
            "grade": area["grade"],
            "distribution": (area["distribution"] or {}).get("grades", []),
        }
        for area in areas
        if area["grade"] is not None
    ]


def force_report_data(rows: ForceReportRows) -> dict:
    """The whole report as plain data: everything the template prints, in print order."""
    inspection, programme = rows.inspection, rows.programme
    draft = inspection.status != InspectionStatus.PUBLISHED
    builder = AreaBuilder(rows, draft=draft)
    areas = builder.areas()
    has_indicators = any(
        area["indicators"] or any(node.get("indicators") for node in area["criteria"])
        for area in areas
    )
    texts = {
        key: _text(rows, key)
        for key in (ReportTextKey.INTRODUCTION, ReportTextKey.PROGRAMME, ReportTextKey.INDICATORS)
    }
    texts[ReportTextKey.DEVELOPING_PRACTICE] = _text(rows, ReportTextKey.DEVELOPING_PRACTICE)
    texts[ReportTextKey.SIGNIFICANCE] = _text(rows, ReportTextKey.SIGNIFICANCE)
    overview = overview_data(rows)
    practice = _practice(rows)
    progress = other_progress(rows)
    words = "\n".join(
        builder.words
        + [word for group in progress for word in progress_words(group["items"])]
        + [blocks_text(text["blocks"]) for text in texts.values()]
        + [overview["words"]]
        + [blocks_text(entry[f]) for entry in practice for f in ("problem", "solution")]
    )
    # Only with follow-ups, so a report without them keeps its data hash (see force_sections).
    return ({"progress_other": progress} if progress else {}) | {
        "force": inspection.force.display_name,
        "programme": {"year": programme.year, "name": programme.name},
        "four_point": programme.scheme.code == FOUR_POINT,
        "status": inspection.get_status_display(),
        "draft": draft,
        # The cover's month: the inspection's publication, else the programme's.
        "published": month_year(inspection.publication_date or rows.programme_published_on),
        "reference": cover_reference(inspection.reference),
        "area_names": [area["name"] for area in areas],
        "texts": {str(key): value for key, value in texts.items()},
        "area_introductions": [
            {"name": area_name(area.framework), "blocks": text_blocks(area.framework.introduction)}
            for area in rows.areas
            if area.framework.introduction and programme.scheme.code != FOUR_POINT
        ],
        "grading": _grading(rows),
        "overview": {key: value for key, value in overview.items() if key != "words"},
        "summary_of_judgements": _summary_of_judgements(areas, rows),
        "areas": areas,
        "has_indicators": has_indicators,
        "glossary": _glossary(rows, words),
        "practice": practice,
    }


def _mark_charts_safe(data: dict) -> None:
    """The charts are SVG the chart functions escaped; mark them safe for the template."""
    for area in data["areas"]:
        blocks = [area["indicators"], area["distribution"]]
        blocks += [node.get("indicators") for node in area["criteria"]]
        for block in blocks:
            if block and block.get("chart"):
                block["chart"] = mark_safe(block["chart"])


def force_report_title(data: dict) -> str:
    """The report's title, as the PDF viewer shows it: the force and the programme."""
    return f"{data['force']} – {data['programme']['name']}"


def force_report_subject(data: dict) -> str:
    areas = "; ".join(data["area_names"])
    return f"Inspection report on {data['force']}" + (f": {areas}" if areas else "")


def _heading_levels(areas: list[dict]) -> None:
    """Heading levels of the web page, where each area is an h3: criteria one level per depth
    below it (at most h5), their lists one below the criterion (h4 under an area when the
    criterion prints no heading), so headings never skip a level and stop at h6."""
    for area in areas:
        for node in area["criteria"]:
            node["level"] = min(4 + node["depth"], 5)
            node["list_level"] = node["level"] + 1 if node["heading"] else 4


def force_report_page_data(*, inspection_id: int, released_only: bool = False) -> dict:
    """The same data the PDF prints, for the accessible web page of the report
    (templates/reports/html/force_report.html), with its title and heading levels.

    Invariants: built by force_report_data from the same rows, so the page and the PDF
    never disagree; `released_only` leaves out the areas not yet released to the force;
    the charts' SVG stays unmarked (the page prints their figures as tables instead).
    """
    rows = ForceReportRows(inspection_id=inspection_id, released_only=released_only)
    data = force_report_data(rows)
    _heading_levels(data["areas"])
    return {**data, "title": force_report_title(data)}


def force_report_document(*, inspection_id: int, released_only: bool = False) -> ReportDocument:
    """The force report of an inspection as HTML for the engine.

    Invariants: a fixed number of queries whatever the inspection's size; the data hash
    depends only on what the report prints; a draft (inspection not published) carries the
    DRAFT watermark and says so on the cover; `released_only` leaves out every area not yet
    released to the force; all user text is escaped by the template engine.
    """
    rows = ForceReportRows(inspection_id=inspection_id, released_only=released_only)
    data = force_report_data(rows)
    digest = data_hash(data)
    title = force_report_title(data)
    # Only while nothing of the programme has a publication date is a draft dated the month
    # it is printed in; that month is not part of the data, so the hash stays the same.
    printed = data["published"] or month_year(datetime.date.today())
    _mark_charts_safe(data)
    context = {
        **data,
        "title": title,
        "author": REPORT_AUTHOR,
        "subject": force_report_subject(data),
        "date_label": printed,
    }
    html = render_to_string(TEMPLATE, context)
    return ReportDocument(title=title, html=html, data_hash=digest, draft=data["draft"])
