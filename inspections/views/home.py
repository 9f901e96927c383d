from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from inspections.selectors import inspections_for_user


@login_required
def home(request):
    inspections = inspections_for_user(user=request.user).select_related("force", "programme")
    return render(request, "inspections/home.html", {"inspections": inspections})
