from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from inspections.selectors.inspections import inspections_with_progress
from inspections.services.practice import liaison_force


@login_required
def home(request):
    # A force liaison is on no team: their inspections are their force's released drafts
    # (inspections_with_progress scopes them), and the page offers them developing practice.
    context = {
        "inspections": inspections_with_progress(user=request.user),
        "liaison_force": liaison_force(user=request.user),
    }
    return render(request, "inspections/home.html", context)
