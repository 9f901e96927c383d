"""A force over time: its grades across programmes and its survey indicators over the years,
each as a server-drawn chart with its table beside it (the table is the chart's equivalent)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe

from grading.charts.trends import GradeBar, grade_chart_svg, trend_chart_svg
from inspections.selectors.force_history import (
    force_get_for_user,
    force_grades,
    force_indicator_series,
)


@login_required
def force_over_time(request, slug):
    force = force_get_for_user(user=request.user, slug=slug)
    grades = force_grades(user=request.user, force=force)
    series = force_indicator_series(force=force)
    years = sorted({year for one in series for year in one.values})
    bars = [GradeBar(f"{row.year} {row.area}", row.grade, row.rank, row.levels) for row in grades]
    context = {
        "force": force,
        "grades": grades,
        "series": series,
        "years": years,
        "rows": [(one, [one.values.get(year) for year in years]) for one in series],
        # The chart module escapes every label it draws.
        "grade_chart": mark_safe(grade_chart_svg(bars, title=f"{force.name}: grades")),
        "trend_chart": mark_safe(
            trend_chart_svg(series, title=f"{force.name}: survey indicators by year")
        ),
    }
    return render(request, "inspections/force_over_time.html", context)
