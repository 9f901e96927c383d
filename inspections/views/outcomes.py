"""Indicator outcome pages: a criterion's chart as SVG, and the programme-wide table."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from inspections.filters.outcomes import ProgrammeIndicatorFilter
from inspections.outcomes import panel as outcome_panel
from inspections.outcomes import programme_outcomes
from inspections.selectors.inspections import criterion_assessment_get_for_user
from inspections.selectors.outcomes import (
    indicator_forces_for_user,
    programme_get_by_year,
    programme_get_latest,
)
from inspections.views import outcome_table


@login_required
def outcome_chart(request, pk):
    assessment = criterion_assessment_get_for_user(user=request.user, pk=pk)
    codes = outcome_panel.criterion_indicator_codes(assessment.criterion)
    if not codes:
        raise Http404("This criterion carries no indicators.")
    panel = outcome_panel.outcome_panel(assessment=assessment, codes=codes)
    svg = panel.chart or outcome_panel.chart_svg([], title="No indicator results recorded yet")
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    # Opened on its own, an SVG is a document: forbid scripts and outside requests outright.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@login_required
def programme_indicators_latest(request):
    programme = programme_get_latest()
    return redirect("inspections:programme_indicators", year=programme.year)


@login_required
def programme_indicators(request, year):
    programme = programme_get_by_year(year=year)
    forces = indicator_forces_for_user(user=request.user, programme=programme)
    filterset = ProgrammeIndicatorFilter(
        request.GET, queryset=forces, request=request, programme=programme
    )
    shown = list(filterset.qs if filterset.is_valid() else forces.none())
    frameworks = outcome_table.indicator_areas(programme=programme)
    outcomes = programme_outcomes(programme=programme, forces=shown) if shown else {}
    rows = outcome_table.table_rows(shown, frameworks, outcomes)
    sort = filterset.form.cleaned_data.get("sort", "") if filterset.is_valid() else ""
    context = {
        "programme": programme,
        "filterset": filterset,
        "frameworks": frameworks,
        "rows": outcome_table.sort_rows(rows, sort),
        "year": programme.period_end.year,
    }
    return render(request, "inspections/programme_indicators.html", context)
