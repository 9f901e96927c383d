"""Inspections, their teams and their area assessments."""

from django import forms
from django.contrib import admin
from django.db import models

from config.admin_base import HistoryAdmin, ReadOnlyInline, ReadOnlyRecordAdmin, TabularInline
from grading.models import criteria_tree_order
from inspections.admin.base import PlainTextAdminForm
from inspections.models import (
    AreaAssessment,
    CriterionAssessment,
    Inspection,
    InspectionStatus,
    TeamMembership,
)
from inspections.services.opening import inspection_open


class TeamMembershipInline(TabularInline):
    model = TeamMembership
    fields = ["user", "role"]
    autocomplete_fields = ["user"]
    extra = 0

    def get_queryset(self, request):
        # Each row prints TeamMembership.__str__: the user and the inspection.
        queryset = super().get_queryset(request)
        return queryset.select_related("user", "inspection__force", "inspection__programme")


class AreaAssessmentInline(ReadOnlyInline, TabularInline):
    """The areas of an inspection, created with it from the programme. Their status and grades
    move only through the workflow, so nothing is edited here; each row links to its page."""

    model = AreaAssessment
    fields = ["framework", "order", "status", "proposed_grade", "final_grade"]
    readonly_fields = fields
    ordering = ["order"]
    show_change_link = True

    def get_queryset(self, request):
        # Each row prints AreaAssessment.__str__: the inspection and the framework.
        queryset = super().get_queryset(request)
        return queryset.select_related(
            "inspection__force",
            "inspection__programme",
            "framework",
            "proposed_grade",
            "final_grade",
        )


# Fields the opening service sets and the add form never overrides.
_OPENED_BY_SERVICE = ("force", "programme", "status")


@admin.register(Inspection)
class InspectionAdmin(HistoryAdmin):
    list_display = [
        "force",
        "programme",
        "status",
        "fieldwork_start",
        "fieldwork_end",
        "publication_date",
        "reference",
    ]
    list_filter = ["status", "programme", "force__region", "force__is_fictional"]
    list_select_related = ["force", "programme"]
    search_fields = ["force__name", "force__formal_name", "programme__name", "reference"]
    ordering = ["-programme__year", "force__name"]
    autocomplete_fields = ["force", "programme"]
    form = PlainTextAdminForm
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}

    def get_queryset(self, request):
        # Inspection.__str__ prints the force and the programme's year.
        return super().get_queryset(request).select_related("force", "programme")

    def get_readonly_fields(self, request, obj=None):
        # The status follows the areas' workflow. Areas and criteria were created for this
        # force and programme; changing either would leave them describing another inspection.
        return ["status", "force", "programme"] if obj is not None else ["status"]

    def has_change_permission(self, request, obj=None):
        # A published inspection's report, overview included, never changes.
        if obj is not None and obj.status == InspectionStatus.PUBLISHED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Once evidence has gone before a panel, deleting would lose judgements and their
        # records; an inspection still in fieldwork may go.
        if obj is not None and obj.status != InspectionStatus.FIELDWORK:
            return False
        return super().has_delete_permission(request, obj)

    def get_inlines(self, request, obj):
        # On the add page there are no areas yet: inspection_open makes them on save.
        if obj is None:
            return [TeamMembershipInline]
        return [TeamMembershipInline, AreaAssessmentInline]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # A new inspection is opened by the same service as the command and the programme
        # page: its areas and criteria, the follow-ups and the carried overview. The fields
        # typed here are then written over it where they were filled in.
        created = inspection_open(force=obj.force, programme=obj.programme, user=request.user)
        inspection = created.inspection
        typed = [
            field.name
            for field in Inspection._meta.concrete_fields
            if not field.primary_key
            and field.name not in _OPENED_BY_SERVICE
            and getattr(obj, field.name) not in ("", None)
        ]
        for name in typed:
            setattr(inspection, name, getattr(obj, name))
        if typed:
            inspection._history_user = request.user
            inspection.save(update_fields=typed)
        # The admin goes on to save the inlines against `obj` and to log it: make it that row.
        obj.pk = inspection.pk
        obj._state.adding = False
        obj._state.db = inspection._state.db


@admin.register(TeamMembership)
class TeamMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "inspection"]
    list_filter = ["role", "inspection__programme", "inspection__force__region"]
    list_select_related = ["user", "inspection__force", "inspection__programme"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "inspection__force__name",
    ]
    ordering = ["-inspection__programme__year", "inspection__force__name", "role"]
    autocomplete_fields = ["inspection", "user"]


class CriterionAssessmentInline(ReadOnlyInline, TabularInline):
    """An area's criteria, created with the inspection; statements and evidence are written on
    the criterion's page, where the team's rules apply."""

    model = CriterionAssessment
    fields = ["criterion_label", "statement", "statement_overridden"]
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request):
        # Each row prints CriterionAssessment.__str__: the area and the criterion's number.
        queryset = (
            super()
            .get_queryset(request)
            .select_related(
                "area__inspection__force",
                "area__inspection__programme",
                "area__framework",
                "criterion__parent__parent",
            )
        )
        return queryset.order_by(*criteria_tree_order("criterion__"))

    @admin.display(description="criterion")
    def criterion_label(self, obj: CriterionAssessment) -> str:
        return f"{obj.criterion.number} {obj.criterion.heading}"


@admin.register(AreaAssessment)
class AreaAssessmentAdmin(ReadOnlyRecordAdmin, HistoryAdmin):
    """Read-only: areas are created with their inspection, and their status, grades and
    rationale change only through the workflow service, which checks roles and records an
    event."""

    list_display = ["inspection", "framework", "order", "status", "proposed_grade", "final_grade"]
    list_filter = [
        "status",
        "framework",
        "inspection__programme",
        "inspection__force__region",
        "inspection__force",
    ]
    list_select_related = [
        "inspection__force",
        "inspection__programme",
        "framework",
        "proposed_grade",
        "final_grade",
    ]
    search_fields = ["inspection__force__name", "framework__name", "framework__code"]
    ordering = ["-inspection__programme__year", "inspection__force__name", "order"]
    inlines = [CriterionAssessmentInline]

    def get_queryset(self, request):
        # AreaAssessment.__str__ prints the inspection and the framework's name.
        queryset = super().get_queryset(request)
        return queryset.select_related("inspection__force", "inspection__programme", "framework")
