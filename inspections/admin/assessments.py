"""Inspections, their teams and their area assessments."""

from django import forms
from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from grading.admin import limit_choices
from grading.models import GradeLevel, criteria_tree_order
from inspections.models import (
    AreaAssessment,
    CriterionAssessment,
    Inspection,
    TeamMembership,
)
from inspections.services import inspection_create

_GRADES = ["proposed_grade", "final_grade"]


def _limit_grades(form_class: type[forms.BaseForm], scheme_id: int | None) -> None:
    """Offer the grades of the area's scheme; without an area yet, every grade by scheme."""
    for name in _GRADES:
        if scheme_id is None:
            grades = GradeLevel.objects.select_related("scheme").order_by("scheme__name", "rank")
            limit_choices(form_class, name, grades, label=lambda grade: f"{grade.scheme}: {grade}")
        else:
            limit_choices(form_class, name, GradeLevel.objects.filter(scheme_id=scheme_id))


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    fields = ["user", "role"]
    autocomplete_fields = ["user"]
    extra = 0

    def get_queryset(self, request):
        # Each row prints TeamMembership.__str__: the user and the inspection.
        queryset = super().get_queryset(request)
        return queryset.select_related("user", "inspection__force", "inspection__programme")


class AreaAssessmentInline(admin.TabularInline):
    """The areas of an inspection. They are created with it from the programme, so rows are
    neither added nor deleted here; the area's own page edits its criteria."""

    model = AreaAssessment
    fields = ["framework", "order", "status", "proposed_grade", "final_grade"]
    readonly_fields = ["framework"]
    ordering = ["order"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # Each row prints AreaAssessment.__str__: the inspection and the framework.
        queryset = super().get_queryset(request)
        return queryset.select_related("inspection__force", "inspection__programme", "framework")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            _limit_grades(formset.form, obj.programme.scheme_id)
        return formset


@admin.register(Inspection)
class InspectionAdmin(SimpleHistoryAdmin):
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
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}

    def get_queryset(self, request):
        # Inspection.__str__ prints the force and the programme's year.
        return super().get_queryset(request).select_related("force", "programme")

    def get_readonly_fields(self, request, obj=None):
        # Areas and criteria were created for this force and programme; changing either would
        # leave them describing another inspection.
        return ["force", "programme"] if obj is not None else []

    def get_inlines(self, request, obj):
        # On the add page there are no areas yet: inspection_create makes them on save.
        if obj is None:
            return [TeamMembershipInline]
        return [TeamMembershipInline, AreaAssessmentInline]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # A new inspection needs its area and criterion assessments; the service creates them.
        # The history row's user comes from HistoryRequestMiddleware.
        fields = {
            field.name: getattr(obj, field.name)
            for field in Inspection._meta.concrete_fields
            if not field.primary_key and field.name not in ("force", "programme")
        }
        created = inspection_create(force=obj.force, programme=obj.programme, **fields)
        # The admin goes on to save the inlines against `obj` and to log it: make it that row.
        obj.pk = created.pk
        obj._state.adding = False
        obj._state.db = created._state.db


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


class CriterionAssessmentInline(admin.TabularInline):
    """An area's criteria, created with the inspection; the criterion's page edits evidence."""

    model = CriterionAssessment
    fields = ["criterion_label", "statement", "statement_overridden"]
    readonly_fields = ["criterion_label"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

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
class AreaAssessmentAdmin(SimpleHistoryAdmin):
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
    autocomplete_fields = ["inspection", "framework"]
    inlines = [CriterionAssessmentInline]
    # Status and grades move only through the workflow service, which checks roles and
    # records an event; the admin shows them but cannot change them.
    readonly_fields = ["status", "proposed_grade", "grade_rationale", "final_grade"]

    def get_queryset(self, request):
        # AreaAssessment.__str__ prints the inspection and the framework's name.
        queryset = super().get_queryset(request)
        return queryset.select_related("inspection__force", "inspection__programme", "framework")

    def get_readonly_fields(self, request, obj=None):
        return ["inspection", "framework"] if obj is not None else []

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        _limit_grades(form, obj.framework.scheme_id if obj is not None else None)
        return form
