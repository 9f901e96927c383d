from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from inspections.permissions import (
    can_edit_inspection,
    concluded_grades_visible,
    sees_every_inspection,
    visible_area_ids,
)
from inspections.selectors.inspections import (
    criterion_assessments_with_counts,
    inspection_get_for_user,
)


@login_required
def inspection_detail(request, pk):
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    areas = inspection.areas.select_related("framework", "proposed_grade", "final_grade")
    areas = {area.pk: area for area in areas}
    rows = criterion_assessments_with_counts(inspection=inspection).filter(
        area__in=visible_area_ids(request.user)
    )
    team = list(inspection.memberships.select_related("user"))
    sees_moderation = sees_every_inspection(request.user) or any(
        member.user_id == request.user.pk for member in team
    )
    graded = concluded_grades_visible(request.user).filter(inspection=inspection)
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
            "team": team,
            "can_edit": can_edit_inspection(request.user, inspection),
            "sees_moderation": sees_moderation,
            "graded_area_ids": set(graded.values_list("pk", flat=True)),
        },
    )
