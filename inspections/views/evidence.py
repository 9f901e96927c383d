from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from inspections.exceptions import AssessmentLocked, EditConflict
from inspections.forms.evidence import AttachmentForm, EvidenceItemForm, MoveForm
from inspections.models import EvidenceItem, EvidenceKind
from inspections.selectors.inspections import (
    criterion_assessment_get_for_user,
    evidence_item_get_for_user,
)
from inspections.services import evidence as services
from inspections.views.access import require_team


def _back(item_or_assessment, anchor: str = ""):
    assessment = getattr(item_or_assessment, "criterion_assessment", item_or_assessment)
    return redirect(assessment.get_absolute_url() + anchor)


def _parent(request, assessment) -> EvidenceItem | None:
    """The top-level item a sub-point is added under, named by `?parent=` or the form."""
    parent_id = request.GET.get("parent") or request.POST.get("parent")
    if not parent_id:
        return None
    return get_object_or_404(
        EvidenceItem, pk=parent_id, criterion_assessment=assessment, parent=None
    )


def _written(data: dict) -> dict:
    return {"text": data["text"], "lead": data["lead"], "source": data["source"]}


def _form_page(request, context: dict, status: int):
    return render(request, "inspections/evidence_form.html", context, status=status)


@login_required
def evidence_add(request, pk):
    assessment = criterion_assessment_get_for_user(user=request.user, pk=pk)
    require_team(request.user, assessment.area.inspection)
    parent = _parent(request, assessment)
    kind = request.GET.get("kind") if request.GET.get("kind") in EvidenceKind.values else None
    form = EvidenceItemForm(
        request.POST or None, sub_point=parent is not None, initial={"kind": kind}
    )
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data.get("kind") or (parent.kind if parent else "")
        try:
            item = services.evidence_item_create(
                assessment=assessment,
                user=request.user,
                kind=kind,
                parent=parent,
                **_written(form.cleaned_data),
            )
        except AssessmentLocked as exc:
            messages.error(request, str(exc))
            return _back(assessment)
        messages.success(request, "Evidence added.")
        return _back(assessment, f"#item-{item.pk}")
    context = {"assessment": assessment, "form": form, "parent": parent}
    return _form_page(request, context, 400 if form.is_bound else 200)


@login_required
def evidence_edit(request, pk):
    item = evidence_item_get_for_user(user=request.user, pk=pk)
    require_team(request.user, item.criterion_assessment.area.inspection)
    initial = {"lead": item.lead, "text": item.text, "source": item.source, "version": item.version}
    form = EvidenceItemForm(request.POST or None, editing=True, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.evidence_item_update(
                item=item, user=request.user, version=data["version"] or 0, **_written(data)
            )
        except AssessmentLocked as exc:
            messages.error(request, str(exc))
            return _back(item)
        except EditConflict as exc:
            conflict = exc
            # Keep what this user wrote; the next save knowingly replaces the other version.
            form = EvidenceItemForm(editing=True, initial={**data, "version": exc.current.version})
        else:
            messages.success(request, "Evidence saved.")
            return _back(item, f"#item-{item.pk}")
    context = {"assessment": item.criterion_assessment, "item": item, "form": form}
    context.update(conflict=conflict, attachment_form=AttachmentForm())
    return _form_page(request, context, 409 if conflict else (400 if form.is_bound else 200))


@login_required
def evidence_delete(request, pk):
    item = evidence_item_get_for_user(user=request.user, pk=pk)
    require_team(request.user, item.criterion_assessment.area.inspection)
    if request.method == "POST":
        try:
            services.evidence_item_delete(item=item, user=request.user)
        except AssessmentLocked as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Evidence deleted. Its history is kept.")
        return _back(item)
    return render(request, "inspections/evidence_confirm_delete.html", {"item": item})


@login_required
@require_POST
def evidence_move(request, pk):
    item = evidence_item_get_for_user(user=request.user, pk=pk)
    require_team(request.user, item.criterion_assessment.area.inspection)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That move was not understood; nothing changed.")
        return _back(item)
    try:
        if form.cleaned_data["kind"]:
            if item.parent_id:
                messages.error(request, "A sub-point moves with its parent item.")
                return _back(item)
            services.evidence_item_move_to_list(
                item=item, user=request.user, kind=form.cleaned_data["kind"]
            )
            label = EvidenceKind(form.cleaned_data["kind"]).label
            messages.success(request, f"Moved to {label.lower()}.")
        else:
            services.evidence_item_move(
                item=item, user=request.user, direction=form.cleaned_data["direction"]
            )
    except AssessmentLocked as exc:
        messages.error(request, str(exc))
    return _back(item, f"#item-{item.pk}")
