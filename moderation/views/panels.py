"""Moderation panels: my panels, a session's agenda side by side, one agenda item with its
decisions, and the members' and chair's actions on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from inspections.exceptions import WorkflowRefused
from inspections.models import AreaAssessment
from moderation.forms import AgendaAddForm, ChairNoteForm, DecisionForm, DissentForm
from moderation.selectors import (
    agenda_item_get_for_user,
    agenda_item_summaries,
    area_summaries,
    areas_to_add,
    comparisons,
    decision_get_for_user,
    decisions_for_area,
    item_actions,
    panels_for_user,
    session_get_for_user,
    side_by_side,
)
from moderation.services import panels as services
from moderation.views.areas import attempt, form_data, show_refusal

_AREA_RELATIONS = (
    "framework__scheme",
    "inspection__force__region",
    "inspection__programme",
    "proposed_grade",
    "final_grade",
)


@login_required
def panel_list(request):
    panels = panels_for_user(user=request.user)
    return render(request, "moderation/panel_list.html", {"panels": panels})


@login_required
def session_detail(request, pk):
    session = session_get_for_user(user=request.user, pk=pk)
    items = list(session.items.select_related(*(f"area__{r}" for r in _AREA_RELATIONS)))
    summaries = area_summaries(areas=[item.area for item in items])
    for item, summary in zip(items, summaries, strict=True):
        summary.item = item
    is_chair = session.panel.chair_id == request.user.pk
    context = {
        "session": session,
        "panel": session.panel,
        "comparisons": comparisons(summaries),
        "is_chair": is_chair,
        "awaiting": areas_to_add(session=session) if is_chair and session.is_open else [],
    }
    return render(request, "moderation/session_detail.html", context)


@login_required
@require_POST
def agenda_add(request, pk):
    session = session_get_for_user(user=request.user, pk=pk)
    form = AgendaAddForm(request.POST)
    if form.is_valid():
        area = get_object_or_404(AreaAssessment, pk=form.cleaned_data["area"])
        try:
            services.agenda_item_add(session=session, area=area, user=request.user)
        except WorkflowRefused as exc:
            show_refusal(request, exc)
        else:
            messages.success(request, f"{area} is on the agenda.")
    return redirect("moderation:session_detail", pk=session.pk)


def _item_context(request, item, form=None) -> dict:
    area = item.area
    summary, summaries = agenda_item_summaries(item=item, relations=_AREA_RELATIONS)
    decisions = decisions_for_area(area=area)
    actions = item_actions(user=request.user, item=item, decisions=decisions)
    if form is None and actions.may_record:
        form = DecisionForm(scheme=area.framework.scheme)
    return {
        "item": item,
        "panel": item.session.panel,
        "area": area,
        "summary": summary,
        "summaries": summaries,
        "rows": side_by_side(summaries),
        "decisions": decisions,
        "actions": actions,
        "form": form if actions.may_record else None,
        "decline_form": ChairNoteForm(),
        "dissent_form": DissentForm(),
    }


@login_required
def agenda_item_detail(request, pk):
    item = agenda_item_get_for_user(user=request.user, pk=pk)
    return render(request, "moderation/item_detail.html", _item_context(request, item))


@login_required
@require_POST
def decision_record(request, pk):
    item = agenda_item_get_for_user(user=request.user, pk=pk)
    form = DecisionForm(request.POST, scheme=item.area.framework.scheme)
    if not form.is_valid():
        context = _item_context(request, item, form=form)
        return render(request, "moderation/item_detail.html", context, status=400)
    try:
        services.panel_decision_record(item=item, user=request.user, **form.cleaned_data)
    except WorkflowRefused as exc:
        show_refusal(request, exc)
    else:
        messages.success(request, "Decision recorded. It takes effect when the chair confirms it.")
    return redirect("moderation:agenda_item_detail", pk=item.pk)


@login_required
@require_POST
def decision_confirm(request, pk):
    decision = decision_get_for_user(user=request.user, pk=pk)
    attempt(
        request,
        lambda: services.panel_decision_confirm(decision=decision, user=request.user),
        "Decision confirmed.",
    )
    return redirect("moderation:agenda_item_detail", pk=decision.item_id)


@login_required
@require_POST
def decision_decline(request, pk):
    decision = decision_get_for_user(user=request.user, pk=pk)
    form = ChairNoteForm(request.POST)

    def decline():
        note = form_data(form)["note"]
        services.panel_decision_decline(decision=decision, user=request.user, note=note)

    attempt(request, decline, "The decision is not confirmed; a member may record another.")
    return redirect("moderation:agenda_item_detail", pk=decision.item_id)


@login_required
@require_POST
def dissent_add(request, pk):
    decision = decision_get_for_user(user=request.user, pk=pk)
    form = DissentForm(request.POST)

    def dissent():
        reason = form_data(form)["reason"]
        services.dissent_record(decision=decision, user=request.user, reason=reason)

    attempt(request, dissent, "Your dissent is recorded.")
    return redirect("moderation:agenda_item_detail", pk=decision.item_id)
