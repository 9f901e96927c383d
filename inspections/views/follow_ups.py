"""Follow-ups: the team assesses each earlier area for improvement; everyone who sees them
reads the assessment and its history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from inspections.exceptions import AssessmentLocked, EditConflict, WorkflowRefused
from inspections.forms.follow_ups import FollowUpAssessForm, follow_up_initial
from inspections.models import FollowUp
from inspections.permissions import can_edit_inspection
from inspections.selectors.follow_ups import follow_up_get_for_user, inspection_follow_ups
from inspections.selectors.history import history_entries
from inspections.selectors.inspections import inspection_get_for_user
from inspections.services.follow_ups import follow_up_assess
from inspections.views.history import history_page

FOLLOW_UP_LABELS = {"outcome": "Assessment", "evidence": "Evidence", "account": "Account"}


def follow_up_editable(user, follow_up: FollowUp) -> bool:
    if not can_edit_inspection(user, follow_up.inspection):
        return False
    assessment = follow_up.criterion_assessment
    return assessment is None or assessment.area.is_editable


def _page(request, follow_up, form, conflict=None, status=200):
    context = {"follow_up": follow_up, "form": form, "conflict": conflict}
    context["inspection"] = follow_up.inspection
    context["assessment"] = follow_up.criterion_assessment
    context["can_edit"] = follow_up_editable(request.user, follow_up)
    return render(request, "inspections/follow_up_detail.html", context, status=status)


def _save(request, follow_up, form):
    try:
        follow_up_assess(follow_up=follow_up, user=request.user, **form.cleaned_data)
    except EditConflict as exc:
        form = FollowUpAssessForm(initial={**form.cleaned_data, "version": exc.current.version})
        return _page(request, follow_up, form, conflict=exc, status=409)
    except (AssessmentLocked, WorkflowRefused) as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        form.add_error(None, exc)
        return _page(request, follow_up, form, status=400)
    else:
        messages.success(request, "Follow-up assessed.")
    return redirect(follow_up.get_absolute_url())


@login_required
def follow_up_detail(request, pk):
    follow_up = follow_up_get_for_user(user=request.user, pk=pk)
    if request.method != "POST":
        return _page(request, follow_up, FollowUpAssessForm(initial=follow_up_initial(follow_up)))
    if not follow_up_editable(request.user, follow_up):
        raise PermissionDenied("Only the inspection's team assesses its follow-ups.")
    form = FollowUpAssessForm(request.POST)
    if not form.is_valid():
        return _page(request, follow_up, form, status=400)
    return _save(request, follow_up, form)


@login_required
def follow_up_history(request, pk):
    follow_up = follow_up_get_for_user(user=request.user, pk=pk)
    return history_page(
        request,
        title="History of a follow-up",
        back_url=follow_up.get_absolute_url(),
        entries=history_entries(follow_up.history.all(), labels=FOLLOW_UP_LABELS),
        inspection=follow_up.inspection,
    )


@login_required
def inspection_follow_up_list(request, pk):
    """The follow-ups whose area has no successor in this programme."""
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    context = {
        "inspection": inspection,
        "follow_ups": inspection_follow_ups(user=request.user, inspection=inspection),
        "can_edit": can_edit_inspection(request.user, inspection),
    }
    return render(request, "inspections/follow_up_list.html", context)
