"""Every force's grade per graded area of a programme, for the national report.

Which concluded grades a report may print is the same rule as the national grades page's
(`inspections.permissions.concluded_grades_visible`), read as the inspectorate: a draft
national report is for inspectorate staff only, and once it is final every area is
published. A cell holds a published area's final grade; else a grade the national panel has
concluded but not yet published, marked provisional; else the grade a national report
printed (PublishedGrade); else nothing. Three queries whatever the number of forces.
"""

from django.db.models import Q

from forces.models import Force
from grading.models import Framework, GradeLevel
from inspections.models import Inspection, Programme, PublishedGrade
from inspections.permissions import GradeReader
from inspections.selectors.national import (
    FROM_INSPECTION,
    FROM_REPORT,
    GradeCell,
    NationalRow,
    concluded_grades,
    grade_distribution,
)


def report_forces(*, programme: Programme) -> list[Force]:
    """Every territorial force, and a demo or training force only where the programme holds
    something of it (an inspection or a printed grade), ordered by region then name."""
    inspected = Inspection.objects.filter(programme=programme).values("force")
    printed = PublishedGrade.objects.filter(programme=programme).values("force")
    condition = Q(is_fictional=False) | Q(pk__in=inspected) | Q(pk__in=printed)
    forces = Force.objects.filter(condition).select_related("region")
    return list(forces.order_by("region__order", "region__name", "name"))


def _printed_grades(*, programme, framework_ids) -> dict:
    printed = (
        PublishedGrade.objects.filter(programme=programme, framework_id__in=framework_ids)
        .order_by()
        .values_list("force_id", "framework_id", "grade_id")
    )
    return {(force_id, framework_id): grade_id for force_id, framework_id, grade_id in printed}


def report_rows(
    *,
    programme: Programme,
    forces: list[Force],
    frameworks: list[Framework],
    levels: list[GradeLevel],
) -> list[NationalRow]:
    """A row per force with a cell per area (the national table's own row type, so its
    distribution counts them), in two queries."""
    framework_ids = [framework.pk for framework in frameworks]
    concluded = concluded_grades(
        reader=GradeReader.INSPECTORATE, programme=programme, framework_ids=framework_ids
    )
    printed = _printed_grades(programme=programme, framework_ids=framework_ids)
    by_id = {level.pk: level for level in levels}

    def cell(key: tuple[int, int]) -> GradeCell:
        # A grade outside the programme's scheme cannot be counted, so it is not shown.
        grade_id, provisional = concluded.get(key, (None, False))
        if grade_id in by_id:
            return GradeCell(by_id[grade_id], provisional, FROM_INSPECTION)
        grade_id = printed.get(key)
        if grade_id in by_id:
            return GradeCell(by_id[grade_id], False, FROM_REPORT)
        return GradeCell()

    return [
        NationalRow(force, [cell((force.pk, framework.pk)) for framework in frameworks])
        for force in forces
    ]


def _cell_data(cell: GradeCell) -> dict:
    if cell.grade is None:
        return {"label": None, "short": None, "rank": None, "provisional": False, "source": ""}
    return {
        "label": cell.grade.label,
        "short": cell.grade.short_label or cell.grade.label,
        "rank": cell.grade.rank,
        "provisional": cell.is_draft,
        "source": cell.source,
    }


def grade_table_data(*, rows: list[NationalRow]) -> list[dict]:
    """The rows grouped by region, in the order the forces came."""
    regions: list[dict] = []
    for row in rows:
        region = row.force.region.name
        if not regions or regions[-1]["name"] != region:
            regions.append({"name": region, "rows": []})
        regions[-1]["rows"].append(
            {"force": row.force.name, "cells": [_cell_data(cell) for cell in row.cells]}
        )
    return regions


def distribution_data(
    *,
    programme: Programme,
    rows: list[NationalRow],
    frameworks: list[Framework],
    levels: list[GradeLevel],
) -> list[dict]:
    """Per area, forces per grade (best first) over the report's rows, beside the figures a
    report printed (GradeDistribution) where there are any. One query."""
    distribution = grade_distribution(
        programme=programme, rows=rows, frameworks=frameworks, levels=levels
    )
    return [
        {
            "code": area.framework.code,
            "name": area.framework.name,
            "counts": list(area.counts),
            "not_graded": area.not_graded,
            "provisional": area.drafts,
            "total": area.total,
            "published": list(area.published) if area.published else None,
        }
        for area in distribution
    ]
