"""Criterion assessments and the evidence under them."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Case, F, OrderBy, Value, When
from django.db.models.functions import Coalesce

from config.admin_base import HistoryAdmin, ReadOnlyInline, ReadOnlyRecordAdmin, TabularInline
from inspections.admin.corrections import (
    CorrectionViews,
    EvidenceCorrectionForm,
    StatementCorrectionForm,
    evidence_apply,
    statement_apply,
)
from inspections.models import (
    CriterionAssessment,
    EvidenceAttachment,
    EvidenceItem,
    EvidenceKind,
    NoneIdentified,
)

_SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}
_CHANGELIST_RELATIONS = [
    "criterion_assessment__area__inspection__force",
    "criterion_assessment__area__inspection__programme",
    "criterion_assessment__area__framework",
    "criterion_assessment__criterion__parent__parent",
]


def _truncate(text: str, length: int = 80) -> str:
    return text if len(text) <= length else f"{text[: length - 1]}…"


def _evidence_report_order() -> list[OrderBy | str]:
    """The report's order: strengths, work in progress, areas for improvement; each item
    followed by its sub-points."""
    kind = Case(
        When(kind=EvidenceKind.STRENGTH, then=Value(0)),
        When(kind=EvidenceKind.WORK_IN_PROGRESS, then=Value(1)),
        default=Value(2),
    )
    return [
        kind.asc(),
        Coalesce("parent__order", "order").asc(),
        F("parent").asc(nulls_first=True),
        "order",
    ]


class EvidenceItemInline(ReadOnlyInline, TabularInline):
    """The criterion's evidence, in the report's order. Evidence is written on the criterion
    page (versions, plain text, history); here it is shown only."""

    model = EvidenceItem
    fields = ["kind", "order", "lead", "text", "source", "author", "parent"]
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("author", "parent")
        return queryset.order_by(*_evidence_report_order())


@admin.register(CriterionAssessment)
class CriterionAssessmentAdmin(CorrectionViews, ReadOnlyRecordAdmin, HistoryAdmin):
    """Read-only: statements are composed on the criterion page. Past drafting and before
    publication an administrator may correct a statement's wording (`correct/`)."""

    correction_form = StatementCorrectionForm
    correction_url_name = "inspections_criterionassessment_correct"

    list_display = [
        "inspection",
        "framework",
        "number",
        "short_statement",
        "statement_overridden",
        "updated_at",
    ]
    list_display_links = ["number", "short_statement"]
    list_filter = [
        "statement_overridden",
        "area__framework",
        "area__inspection__programme",
        "area__inspection__force",
    ]
    search_fields = ["statement", "criterion__heading", "area__inspection__force__name"]
    ordering = ["area", "criterion__parent__order", "criterion__order"]
    inlines = [EvidenceItemInline]

    def get_queryset(self, request):
        # CriterionAssessment.__str__ prints the area's inspection and the criterion's number.
        return (
            super()
            .get_queryset(request)
            .select_related(
                "area__inspection__force",
                "area__inspection__programme",
                "area__framework",
                "criterion__parent__parent",
            )
        )

    def correction_initial(self, obj: CriterionAssessment) -> dict:
        return {"statement": obj.statement}

    def apply(self, obj: CriterionAssessment, user, data: dict) -> None:
        statement_apply(obj, user, data)

    def area_of(self, obj: CriterionAssessment):
        return obj.area

    @admin.display(description="inspection", ordering="area__inspection")
    def inspection(self, obj: CriterionAssessment):
        return obj.area.inspection

    @admin.display(description="area", ordering="area__framework__name")
    def framework(self, obj: CriterionAssessment) -> str:
        return obj.area.framework.name

    @admin.display(description="criterion")
    def number(self, obj: CriterionAssessment) -> str:
        return obj.criterion.number

    @admin.display(description="statement")
    def short_statement(self, obj: CriterionAssessment) -> str:
        return _truncate(obj.statement) or "–"


@admin.register(EvidenceItem)
class EvidenceItemAdmin(CorrectionViews, ReadOnlyRecordAdmin, HistoryAdmin):
    """Read-only: evidence is written on the criterion page. Past drafting and before
    publication an administrator may correct an item's wording (`correct/`)."""

    correction_form = EvidenceCorrectionForm
    correction_url_name = "inspections_evidenceitem_correct"

    list_display = [
        "short_text",
        "kind",
        "source",
        "inspection",
        "framework",
        "criterion",
        "author",
        "updated_at",
    ]
    list_filter = [
        "kind",
        "source",
        "criterion_assessment__area__framework",
        "criterion_assessment__area__inspection__programme",
        "criterion_assessment__area__inspection__force",
    ]
    list_select_related = [*_CHANGELIST_RELATIONS, "author"]
    search_fields = ["text", "lead"]
    ordering = ["criterion_assessment", *_evidence_report_order()]
    date_hierarchy = "created_at"

    def correction_initial(self, obj: EvidenceItem) -> dict:
        return {"text": obj.text, "lead": obj.lead}

    def apply(self, obj: EvidenceItem, user, data: dict) -> None:
        evidence_apply(obj, user, data)

    def area_of(self, obj: EvidenceItem):
        return obj.criterion_assessment.area

    @admin.display(description="text", ordering="text")
    def short_text(self, obj: EvidenceItem) -> str:
        lead = f"{obj.lead} " if obj.lead else ""
        return _truncate(f"{lead}{obj.text}")

    @admin.display(description="inspection")
    def inspection(self, obj: EvidenceItem):
        return obj.criterion_assessment.area.inspection

    @admin.display(description="area")
    def framework(self, obj: EvidenceItem) -> str:
        return obj.criterion_assessment.area.framework.name

    @admin.display(description="criterion")
    def criterion(self, obj: EvidenceItem) -> str:
        return obj.criterion_assessment.criterion.number


@admin.register(EvidenceAttachment)
class EvidenceAttachmentAdmin(ReadOnlyRecordAdmin, HistoryAdmin):
    """Read-only: files are added and removed from the evidence pages, with access checks."""

    list_display = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["content_type"]
    list_select_related = ["uploaded_by"]
    search_fields = ["original_name", "item__text"]
    readonly_fields = [
        "item",
        "file",
        "original_name",
        "content_type",
        "size",
        "uploaded_by",
        "uploaded_at",
    ]


@admin.register(NoneIdentified)
class NoneIdentifiedAdmin(ReadOnlyRecordAdmin, HistoryAdmin):
    list_display = ["criterion_assessment", "kind", "marked_by", "marked_at"]
    list_select_related = [
        "marked_by",
        "criterion_assessment__area__inspection__force",
        "criterion_assessment__area__inspection__programme",
        "criterion_assessment__area__framework",
        "criterion_assessment__criterion__parent",
    ]
