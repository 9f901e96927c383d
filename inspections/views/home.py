from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from inspections.selectors.inspections import inspections_with_progress


@login_required
def home(request):
    inspections = inspections_with_progress(user=request.user)
    return render(request, "inspections/home.html", {"inspections": inspections})
