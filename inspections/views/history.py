"""History pages: who changed what, when, before and after, for each record people edit.

Each page names the fields it shows and what it calls them; inspections.selectors.history reads the
rows into words.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from inspections.forms.overview import OverviewForm
from inspections.forms.practice import DevelopingPracticeForm
from inspections.models import EvidenceAttachment
from inspections.selectors.history import history_entries
from inspections.selectors.inspections import (
    criterion_assessment_get_for_user,
    evidence_item_get_for_user,
    inspection_get_for_user,
)
from inspections.services import practice as practice_services
from inspections.services.overview import OVERVIEW_FIELDS

EVIDENCE_LABELS = {
    "kind": "List",
    "order": "Position",
    "lead": "Lead phrase",
    "text": "Text",
    "source": "Source",
}
STATEMENT_LABELS = {
    "chosen_levels": "Chosen levels",
    "statement": "Summary statement",
    "statement_overridden": "Written by hand",
}
OVERVIEW_LABELS = {name: OverviewForm.base_fields[name].label for name in OVERVIEW_FIELDS}
PRACTICE_LABELS = {
    "framework": "Inspection area",
    **{
        name: DevelopingPracticeForm.base_fields[name].label or name.capitalize()
        for name in practice_services.PRACTICE_TEXT_FIELDS
    },
    "selected_for_publication": "Selected for publication",
}


def history_page(request, *, title: str, back_url: str, entries, inspection=None, **extra):
    context = {
        "title": title,
        "back_url": back_url,
        "entries": entries,
        "inspection": inspection,
        **extra,
    }
    return render(request, "inspections/history.html", context)


@login_required
def evidence_history(request, pk):
    item = evidence_item_get_for_user(user=request.user, pk=pk)
    entries = history_entries(
        item.history.all(),
        labels=EVIDENCE_LABELS,
        attachments=EvidenceAttachment.history.filter(item_id=item.pk),
    )
    return history_page(
        request,
        title="History of an evidence item",
        back_url=item.get_absolute_url(),
        entries=entries,
        inspection=item.criterion_assessment.area.inspection,
    )


@login_required
def statement_history(request, pk):
    assessment = criterion_assessment_get_for_user(user=request.user, pk=pk)
    return history_page(
        request,
        title=f"History of the summary statement for {assessment.criterion.number}",
        back_url=assessment.get_absolute_url(),
        entries=history_entries(assessment.history.all(), labels=STATEMENT_LABELS),
        inspection=assessment.area.inspection,
    )


@login_required
def overview_history(request, pk):
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    return history_page(
        request,
        title="History of the force overview",
        back_url=reverse("inspections:overview_detail", args=[inspection.pk]),
        entries=history_entries(inspection.history.all(), labels=OVERVIEW_LABELS),
        inspection=inspection,
    )


def _practice_for_history(user, pk):
    """Whoever may see the inspection, and the force's own liaison, read an entry's history
    (True when the user sees the inspection); readers of the published library only see the
    entry as published."""
    try:
        return practice_services.practice_get_in_visible_inspection(user=user, pk=pk), True
    except Http404:
        force = practice_services.liaison_force(user=user)
        if force is None:
            raise
        return practice_services.practice_get_for_liaison(force=force, pk=pk), False


@login_required
def practice_history(request, pk):
    practice, sees_inspection = _practice_for_history(request.user, pk)
    return history_page(
        request,
        title=f"History of “{practice.title}”",
        back_url=reverse("inspections:practice_detail", args=[practice.pk]),
        entries=history_entries(practice.history.all(), labels=PRACTICE_LABELS),
        # A liaison never sees the inspection itself, not even as a link.
        inspection=practice.inspection if sees_inspection else None,
    )
