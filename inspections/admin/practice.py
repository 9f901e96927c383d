"""Developing practice submitted by forces."""

from django import forms
from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from inspections.models import DevelopingPractice


@admin.register(DevelopingPractice)
class DevelopingPracticeAdmin(SimpleHistoryAdmin):
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
    readonly_fields = ["created_at", "updated_at"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "submitted_by":
            kwargs.setdefault("initial", request.user.pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
