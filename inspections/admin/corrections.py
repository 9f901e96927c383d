"""The administrator's correction page for evidence and statements, and the record of every
correction (read-only). The page calls `inspections.services.corrections`, which decides."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from config.admin_base import ReadOnlyRecordAdmin
from inspections.exceptions import WorkflowRefused
from inspections.models import (
    AssessmentStatus,
    Correction,
    CriterionAssessment,
    EvidenceItem,
)
from inspections.services import corrections as services

CORRECTABLE = [
    AssessmentStatus.SUBMITTED,
    AssessmentStatus.REGIONALLY_MODERATED,
    AssessmentStatus.NATIONALLY_MODERATED,
    AssessmentStatus.RELEASED,
]
_TEXTAREA = forms.Textarea(attrs={"rows": 5, "cols": 80})


class EvidenceCorrectionForm(forms.Form):
    lead = forms.CharField(required=False, max_length=services.LEAD_LIMIT)
    text = forms.CharField(widget=_TEXTAREA)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Why the correction is needed; kept with the correction.",
    )


class StatementCorrectionForm(forms.Form):
    statement = forms.CharField(widget=_TEXTAREA)
    reason = EvidenceCorrectionForm.base_fields["reason"]


def correction_offer(request, url_name: str, obj, area) -> dict:
    """The correction page's address, or why there is none, for the change page."""
    if not services.may_correct(request.user):
        return {"correction_note": "Only administrators make corrections."}
    if area.status == AssessmentStatus.PUBLISHED:
        return {"correction_note": "Published: a published report never changes."}
    if area.status not in CORRECTABLE:
        return {"correction_note": "Being drafted: the team edits this on the criterion page."}
    return {"correction_url": reverse(f"admin:{url_name}", args=[obj.pk])}


class CorrectionViews:
    """Mixed into a read-only ModelAdmin: adds `<pk>/correct/`, a form that calls `apply`,
    and offers it on the change page when the area's status allows a correction."""

    correction_form: type[forms.Form]
    correction_url_name: str
    change_form_template = "admin/inspections/correctable_change_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            offer = correction_offer(request, self.correction_url_name, obj, self.area_of(obj))
            extra_context = {**(extra_context or {}), **offer}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view(self.correct_view)
        own = [path("<int:pk>/correct/", view, name=self.correction_url_name)]
        return own + super().get_urls()

    def correct_view(self, request, pk):
        if not services.may_correct(request.user):
            raise PermissionDenied
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        form = self.correction_form(request.POST or None, initial=self.correction_initial(obj))
        if request.method == "POST" and form.is_valid():
            try:
                self.apply(obj, request.user, form.cleaned_data)
            except WorkflowRefused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Correction saved and recorded.")
                info = (self.opts.app_label, self.opts.model_name)
                return redirect(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "form": form,
            "title": f"Correct: {obj}",
            "status": status_of(obj),
        }
        return TemplateResponse(request, "admin/inspections/correction_form.html", context)


def status_of(obj) -> str:
    area = obj.area if isinstance(obj, CriterionAssessment) else obj.criterion_assessment.area
    return area.get_status_display()


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyRecordAdmin):
    list_display = ["made_at", "field", "criterion_assessment", "area_status", "made_by"]
    list_filter = ["field", "area__inspection__programme", "area__inspection__force"]
    list_select_related = [
        "made_by",
        "criterion_assessment__area__inspection__force",
        "criterion_assessment__area__inspection__programme",
        "criterion_assessment__area__framework",
        "criterion_assessment__criterion__parent__parent",
    ]
    search_fields = ["before", "after", "reason"]


def evidence_apply(item: EvidenceItem, user, data: dict) -> None:
    services.evidence_item_correct(
        item=item, user=user, text=data["text"], lead=data["lead"], reason=data["reason"]
    )


def statement_apply(assessment: CriterionAssessment, user, data: dict) -> None:
    services.criterion_statement_correct(
        assessment=assessment, user=user, statement=data["statement"], reason=data["reason"]
    )
