"""Moderation panels: my panels, a session's agenda (a regional one side by side, a national
one in the filtered comparison table), one agenda item with its decisions, and the members'
and chair's actions on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from config.page_cache import viewer_cached
from inspections.exceptions import WorkflowRefused
from inspections.models import AreaAssessment
from inspections.selectors.follow_ups import area_follow_ups
from moderation.filters import NationalComparisonFilter, flag_matches
from moderation.forms import (
    AgendaAddForm,
    ChairNoteForm,
    DecisionForm,
    DissentForm,
    SessionOpenForm,
)
from moderation.models import PanelKind
from moderation.selectors import (
    agenda_item_get_for_user,
    areas_to_add,
    comparisons,
    decision_get_for_user,
    panels_for_user,
    session_get_for_user,
    side_by_side,
)
from moderation.selectors.agenda import SETTLED, item_peers, national_comparison, session_agenda
from moderation.services import panels as services
from moderation.views.areas import attempt, form_data, show_refusal


@login_required
def panel_list(request):
    panels = panels_for_user(user=request.user)
    context = {"panels": panels, "open_form": SessionOpenForm()}
    return render(request, "moderation/panel_list.html", context)


def _national_context(request, session, entries) -> dict:
    """The comparison table over the whole agenda, then the rows the filters keep (an unusable
    filter value is shown as an error and the table stays unfiltered)."""
    comparison = national_comparison(entries=entries)
    filterset = NationalComparisonFilter(request.GET, queryset=session.items.all(), session=session)
    rows = comparison.rows
    if filterset.is_valid():
        kept = set(filterset.qs.values_list("pk", flat=True))
        wanted = filterset.form.cleaned_data.get("flag")
        rows = [r for r in rows if r.entry.item.pk in kept and flag_matches(r.flags, wanted)]
    return {"comparison": comparison, "rows": rows, "filterset": filterset}


@login_required
@viewer_cached
def session_detail(request, pk):
    session = session_get_for_user(user=request.user, pk=pk)
    entries = session_agenda(user=request.user, session=session)
    is_chair = session.panel.chair_id == request.user.pk
    context = {
        "session": session,
        "panel": session.panel,
        "entries": entries,
        "comparisons": comparisons([entry.summary for entry in entries]),
        "is_chair": is_chair,
        "awaiting": areas_to_add(session=session) if is_chair and session.is_open else [],
        "unsettled": [entry for entry in entries if entry.state != SETTLED],
    }
    if session.panel.kind == PanelKind.NATIONAL:
        context.update(_national_context(request, session, entries))
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
    peers = item_peers(user=request.user, item=item)
    entry = next(peer for peer in peers if peer.item.pk == item.pk)
    decisions, actions = entry.decisions, entry.actions
    if form is None and actions.may_record:
        form = DecisionForm(scheme=area.framework.scheme)
    national = item.session.panel.kind == PanelKind.NATIONAL
    comparison = national_comparison(entries=peers) if national else None
    same_grade = comparison.peers_of(area.pk) if comparison else []
    # A national agenda holds up to 43 forces: side by side go those proposed the same grade.
    beside = [row.entry for row in same_grade] if national else peers
    return {
        "item": item,
        "panel": item.session.panel,
        "area": area,
        "summary": entry.summary,
        "summaries": [peer.summary for peer in beside],
        "rows": side_by_side([peer.summary for peer in beside]),
        "follow_ups": area_follow_ups(area=area),
        "decisions": decisions,
        "actions": actions,
        "comparison": comparison,
        "peers": same_grade,
        "form": form if actions.may_record else None,
        "decline_form": ChairNoteForm(),
        "dissent_form": DissentForm(),
    }


@login_required
@viewer_cached
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
        # The form again, as it was filled in, with the refusal in its error summary.
        form.add_error(None, str(exc))
        context = _item_context(request, item, form=form)
        if context["form"] is None:
            show_refusal(request, exc)
            return redirect("moderation:agenda_item_detail", pk=item.pk)
        return render(request, "moderation/item_detail.html", context, status=400)
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
