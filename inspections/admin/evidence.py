"""Criterion assessments and the evidence under them."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Case, F, OrderBy, Value, When
from django.db.models.functions import Coalesce
from simple_history.admin import SimpleHistoryAdmin

from grading.admin import limit_choices
from inspections.models import (
    CriterionAssessment,
    EvidenceAttachment,
    EvidenceItem,
    EvidenceKind,
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


class EvidenceItemInline(admin.TabularInline):
    model = EvidenceItem
    fields = ["kind", "order", "lead", "text", "source", "author", "parent"]
    autocomplete_fields = ["author"]
    formfield_overrides = _SHORT_TEXT
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).order_by(*_evidence_report_order())

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Sub-points hang under a top-level item of the same criterion (EvidenceItem.clean).
        parents = EvidenceItem.objects.filter(criterion_assessment=obj, parent__isnull=True)
        if obj is None:
            parents = parents.none()
        limit_choices(formset.form, "parent", parents.order_by(*_evidence_report_order()))
        return formset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            kwargs.setdefault("initial", request.user.pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(CriterionAssessment)
class CriterionAssessmentAdmin(SimpleHistoryAdmin):
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
    autocomplete_fields = ["area", "criterion"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}
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

    def get_readonly_fields(self, request, obj=None):
        # The version counts edits made through the product's own forms.
        if obj is None:
            return ["version", "updated_at"]
        return ["area", "criterion", "version", "updated_at"]

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
class EvidenceItemAdmin(SimpleHistoryAdmin):
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
    autocomplete_fields = ["criterion_assessment", "author"]
    raw_id_fields = ["parent"]
    readonly_fields = ["version", "created_at", "updated_at"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            kwargs.setdefault("initial", request.user.pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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
class EvidenceAttachmentAdmin(SimpleHistoryAdmin):
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

    def has_add_permission(self, request):
        return False
