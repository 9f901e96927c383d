"""Programmes, the areas they inspect, and the glossary."""

from django.contrib import admin
from django.db.models import Count

from config.admin_base import TabularInline
from grading.admin import limit_choices
from grading.models import Framework
from inspections.models import GlossaryTerm, Programme, ProgrammeFramework


class ProgrammeFrameworkInline(TabularInline):
    model = ProgrammeFramework
    fields = ["order", "framework"]
    ordering = ["order"]
    extra = 0

    def get_queryset(self, request):
        # Each row prints ProgrammeFramework.__str__.
        return super().get_queryset(request).select_related("programme", "framework")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            # Only areas graded on the programme's scheme can join it (ProgrammeFramework.clean).
            limit_choices(formset.form, "framework", Framework.objects.filter(scheme=obj.scheme_id))
        return formset


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["year", "name", "scheme", "period_start", "period_end", "area_count"]
    list_filter = ["scheme"]
    list_select_related = ["scheme"]
    search_fields = ["name", "year", "data_period_label"]
    ordering = ["-year"]
    inlines = [ProgrammeFrameworkInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(area_count=Count("areas"))

    @admin.display(description="areas", ordering="area_count")
    def area_count(self, obj: Programme) -> int:
        return obj.area_count


@admin.register(ProgrammeFramework)
class ProgrammeFrameworkAdmin(admin.ModelAdmin):
    list_display = ["programme", "order", "framework"]
    list_display_links = ["programme", "framework"]
    list_filter = ["programme", "framework__scheme"]
    list_select_related = ["programme", "framework"]
    search_fields = ["programme__name", "framework__name", "framework__code"]
    ordering = ["-programme__year", "order"]
    autocomplete_fields = ["programme", "framework"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["abbreviation", "meaning"]
    search_fields = ["abbreviation", "meaning"]
    ordering = ["abbreviation"]
