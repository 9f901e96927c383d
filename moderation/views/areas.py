"""The area's grade and moderation page, the lead inspector's workflow steps, and the
"none identified" marks on a criterion's lists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from inspections.exceptions import WorkflowRefused
from inspections.outcomes import inspection_outcomes
from inspections.outcomes.panel import headline_badges
from inspections.selectors.inspections import criteria_with_lists
from moderation.forms import GradeProposalForm, LeadActionForm
from moderation.selectors import (
    area_get_for_moderation,
    decisions_for_area,
    events_for_area,
    open_comments_for_area,
    proposals_for_area,
)
from moderation.services.proposals import grade_version
from moderation.services.transitions import area_transition
from moderation.sufficiency import area_gaps, departs_from_guidance
from moderation.workflow import BY_ACTION, LEAD_ACTIONS, is_team_lead, stages


def show_refusal(request, exc: WorkflowRefused) -> None:
    """The refusal and each thing in the way, as messages on the next page."""
    messages.error(request, str(exc))
    for problem in exc.problems[:12]:
        text = f"{problem.where}: {problem.what}" if hasattr(problem, "where") else str(problem)
        messages.warning(request, text)


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


def _lead_actions(user, area) -> list:
    if not is_team_lead(user, area):
        return []
    return [BY_ACTION[a] for a in LEAD_ACTIONS if BY_ACTION[a].source == area.status]


def area_context(request, area, form=None) -> dict:
    outcome = inspection_outcomes(inspection=area.inspection).get(area.framework_id)
    guidance = outcome.guidance if outcome and outcome.rows else None
    lead = is_team_lead(request.user, area)
    if form is None and lead and area.is_editable:
        initial = {
            "grade": area.proposed_grade_id,
            "rationale": area.grade_rationale,
            "version": grade_version(area),
        }
        form = GradeProposalForm(scheme=area.framework.scheme, initial=initial)
    return {
        "area": area,
        "inspection": area.inspection,
        "criteria": criteria_with_lists(areas=[area]),
        "gaps": area_gaps(area=area, guidance=guidance) if area.is_editable else [],
        "outcome": outcome if outcome and outcome.rows else None,
        "headline": _headline(outcome),
        "guidance": guidance,
        "departs": bool(area.proposed_grade)
        and departs_from_guidance(area.proposed_grade, guidance),
        "grades": area.framework.scheme.levels.order_by("rank"),
        "form": form if lead and area.is_editable else None,
        "proposals": proposals_for_area(area=area),
        "decisions": decisions_for_area(area=area),
        "events": events_for_area(area=area),
        "lead_actions": _lead_actions(request.user, area),
        "open_comments": open_comments_for_area(area=area).count(),
        "stages": stages(area.status),
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
