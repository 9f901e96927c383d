"""The data of a programme's national (thematic) report, read in a fixed number of queries.

Everything returned is plain JSON (dicts, lists, strings, numbers, booleans, None; dates as
text) in a deterministic order, so the same records always give the same data hash.
"""

import re

from django.shortcuts import get_object_or_404

from grading.models import Criterion, GradeLevel
from inspections.models import (
    DevelopingPractice,
    GlossaryTerm,
    Inspection,
    InspectionStatus,
    Programme,
    Recommendation,
)
from inspections.permissions import GradeReader
from inspections.selectors.national import grade_levels, national_rows
from reports.models import ReportTextKey
from reports.rendering.national_grades import (
    coverage_data,
    distribution_data,
    grade_table_data,
    report_forces,
)
from reports.rendering.national_progress import STATUS_LABELS, earlier_progress_data
from reports.rendering.text import month_year
from reports.texts import report_texts

PRACTICE_FIELDS = ["problem", "solution", "evaluation", "external_validation", "outcomes"]


def _programme_areas(programme: Programme) -> list:
    return list(programme.areas.select_related("framework").order_by("order"))


def _criteria(framework_ids: list[int]) -> dict[int, list[str]]:
    """The top-level criteria of each area, which the national report lists as its standard."""
    headings: dict[int, list[str]] = {}
    top = Criterion.objects.filter(
        framework_id__in=framework_ids, parent__isnull=True, is_implicit=False
    ).order_by("framework_id", "order", "pk")
    for framework_id, heading in top.values_list("framework_id", "heading"):
        headings.setdefault(framework_id, []).append(heading)
    return headings


def _areas_data(areas: list, criteria: dict[int, list[str]]) -> list[dict]:
    return [
        {
            "code": area.framework.code,
            "name": area.framework.name,
            "group": area.framework.group,
            "introduction": area.framework.introduction,
            "graded": area.framework.is_graded,
            "criteria": criteria.get(area.framework_id, []),
        }
        for area in areas
    ]


def _levels_data(levels: list[GradeLevel]) -> list[dict]:
    return [
        {
            "rank": level.rank,
            "label": level.label,
            "short": level.short_label or level.label,
            "descriptor": level.descriptor,
        }
        for level in levels
    ]


def _inspections_data(programme: Programme) -> dict:
    """How many inspections the programme holds and how many are published; the report's
    month is the national report's own publication date when one is set, else the latest
    publication date of an inspection, else the end of the assessment period."""
    rows = list(
        Inspection.objects.filter(programme=programme)
        .order_by()
        .values_list("status", "publication_date")
    )
    published = sum(status == InspectionStatus.PUBLISHED for status, _ in rows)
    dates = [date for _, date in rows if date is not None]
    month = programme.national_published_on or (max(dates) if dates else programme.period_end)
    return {"total": len(rows), "published": published, "month": month_year(month)}


def _summary_data(programme: Programme) -> dict:
    # The programme's own summary, else the default row, else the product's default text.
    text = report_texts(programme=programme)[ReportTextKey.NATIONAL_SUMMARY.value]
    return {"title": text["title"], "body": text["body"]}


def _recommendations_data(programme: Programme) -> list[dict]:
    rows = Recommendation.objects.filter(programme=programme).order_by("number")
    return list(rows.values("number", "text", "addressed_to"))


def _practice_data(programme: Programme, areas: list) -> list[dict]:
    """Practice selected for publication, grouped by area in the programme's order (an area
    outside the programme, which the admin could allow, comes last), then force and title."""
    entries = (
        DevelopingPractice.objects.filter(
            inspection__programme=programme, selected_for_publication=True
        )
        .select_related("inspection__force", "framework")
        .order_by("inspection__force__name", "title", "pk")
    )
    position = {area.framework_id: index for index, area in enumerate(areas)}
    groups: dict[int, dict] = {}
    for entry in entries:
        group = groups.setdefault(
            entry.framework_id,
            {"code": entry.framework.code, "name": entry.framework.name, "entries": []},
        )
        item = {"force": entry.inspection.force.display_name, "title": entry.title}
        item.update({field: getattr(entry, field) for field in [*PRACTICE_FIELDS, "contact"]})
        group["entries"].append(item)
    order = sorted(groups, key=lambda pk: (position.get(pk, len(position)), groups[pk]["name"]))
    return [groups[pk] for pk in order]


def _words(data: dict) -> str:
    """Every word the report prints of its own texts, for the glossary of those it uses."""
    words = [data["summary"]["title"], data["summary"]["body"], data["programme"]["description"]]
    for area in data["areas"]:
        words += [area["name"], area["introduction"], *area["criteria"]]
    for item in data["recommendations"]:
        words += [item["text"], item["addressed_to"]]
    for group in data["earlier_recommendations"]:
        words += [item["text"] for item in group["recommendations"]]
    for group in data["practice"]:
        for entry in group["entries"]:
            words += [entry["title"], *(entry[field] for field in PRACTICE_FIELDS)]
    return "\n".join(word or "" for word in words)


def _glossary_data(data: dict) -> list[dict]:
    """The reference terms the report's own words use (whole words, case-sensitive: "IT" is
    not "it"), in alphabetical order; one query."""
    words = _words(data)
    terms = GlossaryTerm.objects.order_by("abbreviation").values_list("abbreviation", "meaning")
    found = [
        {"abbreviation": abbreviation, "meaning": meaning}
        for abbreviation, meaning in terms
        if re.search(rf"(?<!\w){re.escape(abbreviation)}(?!\w)", words)
    ]
    return sorted(found, key=lambda entry: entry["abbreviation"].casefold())


def _title(areas: list[dict]) -> str:
    names = [area["name"] for area in areas if area["graded"]] or [a["name"] for a in areas]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def national_report_data(*, programme_id: int) -> dict:
    """All a programme's national report prints, as plain JSON data, in 17 queries whatever
    the number of forces, inspections or recommendations (13 when no earlier programme made
    recommendations). 404 for an unknown programme."""
    programme = get_object_or_404(Programme, pk=programme_id)
    areas = _programme_areas(programme)
    frameworks = [area.framework for area in areas if area.framework.is_graded]
    levels = grade_levels(programme=programme)
    # Read as the inspectorate: a draft national report is for inspectorate staff only, and
    # once it is final every area is published, so it prints what the page shows its staff.
    rows = national_rows(
        reader=GradeReader.INSPECTORATE,
        programme=programme,
        forces=report_forces(programme=programme),
        frameworks=frameworks,
        levels=levels,
    )
    area_data = _areas_data(areas, _criteria([area.framework_id for area in areas]))
    inspections = _inspections_data(programme)
    data = {
        "programme": {
            "year": programme.year,
            "name": programme.name,
            "title": _title(area_data),
            "description": programme.description,
            "data_period": programme.data_period_label,
            "month": inspections.pop("month"),
        },
        # Final only once every inspection of the programme is published; a programme known
        # only from an imported national report has none, and its grades are as printed.
        "draft": inspections["published"] < inspections["total"],
        "inspections": inspections,
        "summary": _summary_data(programme),
        "areas": area_data,
        "levels": _levels_data(levels),
        "recommendations": _recommendations_data(programme),
        "earlier_recommendations": earlier_progress_data(programme=programme),
        "response_statuses": STATUS_LABELS,
        "graded_areas": [{"code": f.code, "name": f.name} for f in frameworks],
        "regions": grade_table_data(rows=rows),
        "coverage": coverage_data(rows=rows),
        "distribution": distribution_data(
            programme=programme, rows=rows, frameworks=frameworks, levels=levels
        ),
        "practice": _practice_data(programme, areas),
    }
    data["glossary"] = _glossary_data(data)
    return data
