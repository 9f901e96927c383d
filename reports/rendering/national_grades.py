"""Every force's grade per graded area of a programme, for the national report: its rows
(forces), and the cells and distribution as plain data.

What a cell holds is the national grades page's rule (`inspections.selectors.national.
national_rows`); a concluded grade not yet published is printed as provisional.
"""

from django.db.models import Q

from forces.models import Force
from grading.models import Framework, GradeLevel
from inspections.models import Inspection, Programme, PublishedGrade
from inspections.selectors.national import (
    GradeCell,
    NationalRow,
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


def coverage_data(*, rows: list[NationalRow]) -> dict:
    """The forces the report covers: the territorial forces and their regions. A demo or
    training force the tables also show is counted apart, being no part of the programme."""
    territorial = [row.force for row in rows if not row.force.is_fictional]
    return {
        "forces": len(territorial),
        "regions": len({force.region_id for force in territorial}),
        "demo_forces": len(rows) - len(territorial),
    }


def _cell_data(cell: GradeCell) -> dict:
    if cell.grade is None:
        return {"label": None, "short": None, "rank": None, "provisional": False, "source": ""}
    return {
        "label": cell.label,
        "short": cell.short_label,
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
