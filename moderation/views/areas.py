"""The area's grade and moderation page, the lead inspector's workflow steps, and the
"none identified" marks on a criterion's lists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from inspections.exceptions import WorkflowRefused
from inspections.outcomes import inspection_outcomes
from inspections.outcomes.panel import headline_badges
from inspections.selectors.follow_ups import area_follow_ups
from inspections.selectors.inspections import criteria_with_lists
from moderation.forms import GradeProposalForm, LeadActionForm
from moderation.selectors import (
    area_get_for_moderation,
    decisions_for_area,
    lead_steps_for_area,
    open_comments_for_area,
    timeline_for_area,
)
from moderation.services.proposals import grade_version
from moderation.services.transitions import area_transition
from moderation.sufficiency import area_gaps, departs_from_guidance
from moderation.workflow import is_team_lead, may_be_reopened, stages


def _problem_message(problem) -> str:
    if not hasattr(problem, "where"):
        return str(problem)
    if problem.url:
        return format_html('<a href="{}">{}: {}</a>', problem.url, problem.where, problem.what)
    return f"{problem.where}: {problem.what}"


def show_refusal(request, exc: WorkflowRefused) -> None:
    """The refusal and each thing in the way (linking to where to fix it), as errors on the
    next page: one error summary."""
    messages.error(request, str(exc))
    for problem in exc.problems[:12]:
        messages.error(request, _problem_message(problem))


def form_data(form, *, suffix: str = "") -> dict:
    """The form's cleaned data; when it is invalid, a refusal naming every error."""
    if not form.is_valid():
        errors = " ".join(error for errors in form.errors.values() for error in errors)
        raise WorkflowRefused(errors + suffix)
    return form.cleaned_data


def attempt(request, step, success: str) -> None:
    """Run a workflow step (a callable); its refusal, or `success`, becomes a message on the
    next page."""
    try:
        step()
    except WorkflowRefused as exc:
        show_refusal(request, exc)
    else:
        messages.success(request, success)


def _headline(outcome) -> list:
    if outcome is None or not outcome.rows:
        return []
    return headline_badges(outcome)


def _proposal_form(area) -> GradeProposalForm:
    initial = {
        "grade": area.proposed_grade_id,
        "rationale": area.grade_rationale,
        "version": grade_version(area),
    }
    return GradeProposalForm(scheme=area.framework.scheme, initial=initial)


def area_context(request, area, form=None) -> dict:
    outcome = inspection_outcomes(inspection=area.inspection).get(area.framework_id)
    guidance = outcome.guidance if outcome and outcome.rows else None
    if is_team_lead(request.user, area) and area.is_editable:
        form = form or _proposal_form(area)
    else:
        form = None
    return {
        "area": area,
        "inspection": area.inspection,
        "criteria": criteria_with_lists(areas=[area]),
        "follow_ups": area_follow_ups(area=area),
        "gaps": area_gaps(area=area, guidance=guidance) if area.is_editable else [],
        "outcome": outcome if outcome and outcome.rows else None,
        "headline": _headline(outcome),
        "guidance": guidance,
        "departs": bool(area.proposed_grade)
        and departs_from_guidance(area.proposed_grade, guidance),
        "form": form,
        "timeline": timeline_for_area(area=area),
        "decisions": decisions_for_area(area=area),
        "lead_steps": lead_steps_for_area(user=request.user, area=area),
        "open_comments": open_comments_for_area(area=area).count(),
        "stages": stages(area.status),
        "may_be_reopened": may_be_reopened(area.status),
    }


@login_required
def area_detail(request, pk):
    area = area_get_for_moderation(user=request.user, pk=pk)
    return render(request, "moderation/area_detail.html", area_context(request, area))


@login_required
@require_POST
def area_action(request, pk):
    area = area_get_for_moderation(user=request.user, pk=pk)
    form = LeadActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That step was not understood; nothing changed.")
        return redirect("moderation:area_detail", pk=area.pk)
    action = form.cleaned_data["action"]
    try:
        event = area_transition(area=area, user=request.user, action=action)
    except WorkflowRefused as exc:
        show_refusal(request, exc)
    else:
        messages.success(request, f"{area.framework.name}: {event.get_to_status_display()}.")
    return redirect("moderation:area_detail", pk=area.pk)
