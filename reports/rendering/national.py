"""The national (thematic) report of a programme: data in a fixed number of queries, then the
PDF's HTML, or the same data for the report's accessible web page.

The report is built without a user: it prints what the programme's published report would,
with grades the national panel has concluded but not yet published marked provisional, and it
is a draft until every inspection of the programme is published.
"""

import datetime

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from grading.charts.distribution import (
    DistributionBar,
    DistributionGroup,
    distribution_chart_svg,
)
from inspections.plain_text import text_blocks
from reports.rendering.document import REPORT_AUTHOR, ReportDocument, data_hash
from reports.rendering.national_data import PRACTICE_FIELDS, national_report_data

TEMPLATE = "reports/pdf/national/report.html"


def distribution_svg(data: dict) -> str:
    """The distribution of grades per area as an SVG bar chart, drawn from the report's data
    (so it shows exactly the figures of the table beside it)."""
    labels = [level["label"] for level in data["levels"]]
    groups = []
    for area in data["distribution"]:
        published = area["published"] or [None] * len(labels)
        bars = zip(labels, area["counts"], published, strict=True)
        groups.append(
            DistributionGroup(
                area["name"],
                tuple(DistributionBar(label, count, figure) for label, count, figure in bars),
            )
        )
    title = f"Distribution of grades, {data['programme']['name']}"
    # The figures go in the chart's <title>, which becomes the PDF figure's text alternative.
    return distribution_chart_svg(
        groups, title=title, id_prefix="national-distribution", figures_in_title=True
    )


def national_report_title(data: dict) -> str:
    programme = data["programme"]
    return f"National report {programme['year']}: {programme['title'] or programme['name']}"


def national_report_subject(data: dict) -> str:
    programme = data["programme"]
    return programme["description"] or f"Thematic report on the {programme['name']}"


def _distribution_notes(data: dict) -> dict:
    """How many grades the distribution counts as provisional, and whether any area has the
    figures a published report printed: both say so above their tables."""
    return {
        "provisional": sum(area["provisional"] for area in data["distribution"]),
        "has_published": any(area["published"] for area in data["distribution"]),
    }


def _distribution_table(data: dict) -> dict:
    """The distribution's figures as the rows of a plain table (templates/reports/html/
    _table.html): one row per area, and below it the figures a published report printed."""
    header = ["Area", *(level["label"] for level in data["levels"]), "Not graded", "Forces"]
    rows = []
    for area in data["distribution"]:
        name = area["name"]
        if area["provisional"]:
            name += f" (includes {area['provisional']} provisional)"
        rows.append([name, *area["counts"], area["not_graded"], area["total"]])
        if area["published"]:
            figures = ["–" if figure is None else figure for figure in area["published"]]
            rows.append([f"{area['name']}, as published", *figures, "–", "–"])
    return {"header": header, "rows": rows}


def _page_texts(data: dict) -> dict:
    """The report's plain texts as blocks (paragraphs and bulleted lists) for the web page."""
    practice = [
        {
            **group,
            "entries": [
                {**entry, **{f: text_blocks(entry[f]) for f in [*PRACTICE_FIELDS, "contact"]}}
                for entry in group["entries"]
            ],
        }
        for group in data["practice"]
    ]
    return {
        "summary": {**data["summary"], "blocks": text_blocks(data["summary"]["body"])},
        "areas": [{**a, "introduction": text_blocks(a["introduction"])} for a in data["areas"]],
        "recommendations": [
            {**item, "blocks": text_blocks(item["text"])} for item in data["recommendations"]
        ],
        "practice": practice,
    }


def _day(date: datetime.date) -> str:
    return f"{date.day} {date:%B %Y}"


def national_report_page_data(*, programme_id: int) -> dict:
    """The same data the PDF prints, for the accessible web page of the national report
    (templates/reports/html/national_report.html), with its title, its texts as blocks and
    the chart's figures as a table.

    Invariants: built by national_report_data, so the page and the PDF never disagree on a
    grade (each cell is the national grades rule's, a concluded grade not yet published
    marked provisional); no SVG (the page prints the chart's figures instead); the same
    fixed number of queries as the PDF.
    """
    data = national_report_data(programme_id=programme_id)
    return {
        **data,
        **_page_texts(data),
        **_distribution_notes(data),
        "title": national_report_title(data),
        "distribution_table": _distribution_table(data),
    }


def national_report_document(*, programme_id: int) -> ReportDocument:
    """Build the national report of a programme.

    Invariants: the same records give the same data hash and the same HTML; the number of
    queries does not depend on the number of forces; every user text reaches the HTML only
    through template autoescaping (the chart escapes its own labels).
    """
    data = national_report_data(programme_id=programme_id)
    title = national_report_title(data)
    context = {
        "report": data,
        "title": title,
        "author": REPORT_AUTHOR,
        "subject": national_report_subject(data),
        "draft": data["draft"],
        # A published report carries its month; a draft the day it is printed, which stays out
        # of the hashed data (and tells a reader, and the importer, that it is a draft).
        "printed_month": data["programme"]["month"],
        "printed_on": _day(datetime.date.today()),
        # The chart module escapes every label it draws.
        "chart": mark_safe(distribution_svg(data)),
        **_distribution_notes(data),
    }
    html = render_to_string(TEMPLATE, context)
    return ReportDocument(title=title, html=html, data_hash=data_hash(data), draft=data["draft"])
