from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from inspections.permissions import can_edit_inspection
from inspections.selectors import criterion_assessments_with_counts, inspection_get_for_user


@login_required
def inspection_detail(request, pk):
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    areas = {area.pk: area for area in inspection.areas.select_related("framework")}
    rows = criterion_assessments_with_counts(inspection=inspection)
    sections = [
        (areas[area_id], list(assessments))
        for area_id, assessments in groupby(rows, key=lambda row: row.area_id)
    ]
    return render(
        request,
        "inspections/inspection_detail.html",
        {
            "inspection": inspection,
            "sections": sections,
            "team": inspection.memberships.select_related("user"),
            "can_edit": can_edit_inspection(request.user, inspection),
        },
    )
