"""The lead inspector proposes the area's grade."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from inspections.exceptions import AssessmentLocked, EditConflict, WorkflowRefused
from moderation.forms import GradeProposalForm
from moderation.selectors import area_get_for_moderation
from moderation.services.proposals import grade_propose, grade_version
from moderation.views.areas import area_context


def _invalid(request, area, form):
    context = area_context(request, area, form=form)
    return render(request, "moderation/area_detail.html", context, status=400)


def _conflict(request, area, form, exc: EditConflict):
    """Refuse the save but keep the user's proposal in the form, which now carries the saved
    version, with the proposal as saved meanwhile shown beside it."""
    theirs = exc.current
    mine = {**form.cleaned_data, "version": grade_version(theirs)}
    fresh = GradeProposalForm(scheme=area.framework.scheme, initial=mine)
    # The page shows the proposal as now saved, not as this (stale) request read it.
    context = area_context(request, theirs, form=fresh)
    context.update(conflict=exc, mine=form.cleaned_data)
    return render(request, "moderation/area_detail.html", context, status=409)


@login_required
@require_POST
def grade_proposal(request, pk):
    area = area_get_for_moderation(user=request.user, pk=pk)
    form = GradeProposalForm(request.POST, scheme=area.framework.scheme)
    if not form.is_valid():
        return _invalid(request, area, form)
    try:
        grade_propose(area=area, user=request.user, **form.cleaned_data)
    except (AssessmentLocked, WorkflowRefused) as exc:
        messages.error(request, str(exc))
    except EditConflict as exc:
        return _conflict(request, area, form, exc)
    except ValidationError as exc:
        form.add_error(None, exc)  # per-field errors land on their fields
        return _invalid(request, area, form)
    else:
        messages.success(request, f"Proposed grade saved: {area.proposed_grade.label}.")
    return redirect("moderation:area_detail", pk=area.pk)
