from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from inspections.permissions import can_edit_inspection, concluded_grades_visible, sees_moderation
from inspections.selectors.follow_ups import whole_follow_up_count
from inspections.selectors.inspections import (
    inspection_get_for_user,
    inspection_sections,
    next_criterion_to_complete,
)


@login_required
def inspection_detail(request, pk):
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    graded = concluded_grades_visible(request.user).filter(inspection=inspection)
    sections = inspection_sections(user=request.user, inspection=inspection)
    can_edit = can_edit_inspection(request.user, inspection)
    context = {
        "inspection": inspection,
        "sections": sections,
        "team": inspection.memberships.select_related("user"),
        "can_edit": can_edit,
        "next_criterion": next_criterion_to_complete(sections) if can_edit else None,
        "sees_moderation": sees_moderation(request.user, inspection),
        "graded_area_ids": set(graded.values_list("pk", flat=True)),
        "follow_ups_whole": whole_follow_up_count(inspection=inspection),
    }
    return render(request, "inspections/inspection_detail.html", context)
