"""Opening a force's next inspection from the programme's pages (lead inspectors)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from inspections.exceptions import OpenRefused
from inspections.forms.opening import OpenInspectionForm
from inspections.permissions import may_open_inspections
from inspections.roles import LEAD_INSPECTOR, has_role
from inspections.selectors.outcomes import programme_get_by_year
from inspections.services.opening import inspection_open


def _opened_message(opened) -> str:
    if opened.previous is None:
        return "Inspection opened. The force has no earlier published inspection to follow up."
    return (
        f"Inspection opened with {opened.follow_ups} follow-ups of the "
        f"{opened.previous.programme.year} inspection."
    )


@login_required
def inspection_open_page(request, year):
    programme = programme_get_by_year(year=year)
    if not may_open_inspections(request.user):
        raise PermissionDenied("Only lead inspectors open inspections.")
    form = OpenInspectionForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        # A lead inspector who opens an inspection leads its team.
        lead = request.user if has_role(request.user, LEAD_INSPECTOR) else None
        try:
            opened = inspection_open(
                force=form.cleaned_data["force"], programme=programme, user=request.user, lead=lead
            )
        except OpenRefused as exc:
            form.add_error("force", str(exc))
        else:
            messages.success(request, _opened_message(opened))
            return redirect("inspections:inspection_detail", pk=opened.inspection.pk)
    status = 400 if form.errors else 200
    context = {"programme": programme, "form": form}
    return render(request, "inspections/inspection_open.html", context, status=status)
