"""The history of an area assessment: its status, grades and rationale."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse

from inspections.selectors.history import history_entries
from inspections.views.history import history_page
from moderation.selectors import area_get_for_moderation

AREA_LABELS = {
    "status": "Status",
    "proposed_grade": "Proposed grade",
    "grade_rationale": "Rationale",
    "final_grade": "Final grade",
    "contextual_factors": "Contextual factors",
}


@login_required
def area_history(request, pk):
    area = area_get_for_moderation(user=request.user, pk=pk)
    return history_page(
        request,
        title=f"History of {area.framework.name}: status, grades and rationale",
        back_url=reverse("moderation:area_detail", args=[area.pk]),
        entries=history_entries(area.history.all(), labels=AREA_LABELS),
        inspection=area.inspection,
    )
