"""Developing practice submitted by forces."""

from django import forms
from django.contrib import admin
from django.db import models

from config.admin_base import HistoryAdmin
from inspections.admin.base import PlainTextAdminForm
from inspections.models import DevelopingPractice, InspectionStatus


@admin.register(DevelopingPractice)
class DevelopingPracticeAdmin(HistoryAdmin):
    """Entries are submitted and selected on the practice pages; here an administrator may
    tidy an entry of an unpublished inspection. Selection for publication is the team's
    decision, and a published inspection's entries never change."""

    list_display = [
        "title",
        "inspection",
        "framework",
        "selected_for_publication",
        "submitted_by",
        "created_at",
    ]
    list_filter = [
        "selected_for_publication",
        "framework",
        "inspection__programme",
        "inspection__force__region",
    ]
    list_select_related = [
        "inspection__force",
        "inspection__programme",
        "framework",
        "submitted_by",
    ]
    search_fields = ["title", "problem", "solution", "outcomes", "inspection__force__name"]
    ordering = ["-inspection__programme__year", "inspection__force__name", "title"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["inspection", "framework", "submitted_by"]
    readonly_fields = ["selected_for_publication", "created_at", "updated_at"]
    form = PlainTextAdminForm
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.inspection.status == InspectionStatus.PUBLISHED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.inspection.status == InspectionStatus.PUBLISHED:
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "submitted_by":
            kwargs.setdefault("initial", request.user.pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
