"""The national grades table of a programme: every force's grade per area, the distribution
of grades per area (table and chart), and the same table as CSV."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from config.page_cache import viewer_cached
from grading.charts.distribution import (
    DistributionBar,
    DistributionGroup,
    distribution_chart_svg,
)
from inspections.filters.national import NationalGradeFilter
from inspections.models import Programme
from inspections.permissions import may_open_inspections
from inspections.selectors.national import NationalTable, national_forces, national_table
from inspections.selectors.outcomes import programme_get_by_year, programme_get_latest

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _filtered_table(request, programme: Programme) -> tuple[NationalGradeFilter, NationalTable]:
    forces = national_forces(user=request.user, programme=programme)
    filterset = NationalGradeFilter(
        request.GET, queryset=forces, request=request, programme=programme
    )
    # A filter value that cannot be used is shown as an error and the table stays unfiltered.
    shown = list(filterset.qs if filterset.is_valid() else forces)
    return filterset, national_table(user=request.user, programme=programme, forces=shown)


def _chart(table: NationalTable, programme: Programme) -> str:
    groups = []
    for area in table.distribution:
        published = area.published or [None] * len(table.levels)
        bars = zip(table.levels, area.counts, published, strict=True)
        groups.append(
            DistributionGroup(
                area.framework.name,
                tuple(DistributionBar(level.label, count, figure) for level, count, figure in bars),
            )
        )
    return distribution_chart_svg(groups, title=f"Distribution of grades, {programme.name}")


@login_required
def national_grades_latest(request):
    programme = programme_get_latest()
    return redirect("inspections:national_grades", year=programme.year)


@login_required
@viewer_cached
def national_grades(request, year):
    programme = programme_get_by_year(year=year)
    filterset, table = _filtered_table(request, programme)
    context = {
        "programme": programme,
        "programme_years": Programme.objects.order_by("-year").values_list("year", flat=True),
        "filterset": filterset,
        "table": table,
        # The chart module escapes every label it draws.
        "chart": mark_safe(_chart(table, programme)),
        "may_open": may_open_inspections(request.user),
    }
    return render(request, "inspections/national_grades.html", context)


def _csv_safe(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


@login_required
def national_grades_csv(request, year):
    programme = programme_get_by_year(year=year)
    _, table = _filtered_table(request, programme)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="national-grades-{programme.year}.csv"'
    writer = csv.writer(response)
    writer.writerow(["Force", "Region", *(_csv_safe(f.name) for f in table.frameworks)])
    for row in table.rows:
        cells = [row.force.name, row.force.region.name, *(cell.text for cell in row.cells)]
        writer.writerow([_csv_safe(value) for value in cells])
    return response
