"""The team marks a criterion's list "none identified", or takes the mark away."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from inspections.exceptions import AssessmentLocked
from inspections.forms.evidence import NoneIdentifiedForm
from inspections.selectors.inspections import criterion_assessment_get_for_user
from inspections.services.none_identified import none_identified_set
from inspections.views.access import require_team


@login_required
@require_POST
def none_identified(request, pk):
    assessment = criterion_assessment_get_for_user(user=request.user, pk=pk)
    require_team(request.user, assessment.area.inspection)
    form = NoneIdentifiedForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That list was not understood; nothing changed.")
        return redirect(assessment.get_absolute_url())
    kind, marked = form.cleaned_data["kind"], form.cleaned_data["marked"]
    try:
        none_identified_set(assessment=assessment, user=request.user, kind=kind, marked=marked)
    except (AssessmentLocked, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        done = "marked “none identified”" if marked else "no longer marked “none identified”"
        messages.success(request, f"The list is {done}.")
    return redirect(assessment.get_absolute_url() + f"#list-{kind}")
