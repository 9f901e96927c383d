"""Programmes, the areas they inspect, and the glossary."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from config.admin_base import TabularInline
from grading.admin import limit_choices
from grading.models import Framework
from inspections.exceptions import OpenRefused
from inspections.forms.opening import OpenInspectionForm
from inspections.models import GlossaryTerm, Programme, ProgrammeFramework
from inspections.permissions import may_open_inspections
from inspections.services.opening import inspection_open


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
    change_form_template = "admin/inspections/programme_change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(area_count=Count("areas"))

    def get_urls(self):
        view = self.admin_site.admin_view(self.open_inspection_view)
        own = [path("<int:pk>/open-inspection/", view, name="inspections_programme_open")]
        return own + super().get_urls()

    def open_inspection_view(self, request, pk):
        """The same service as the command and the programme page: never a bare save."""
        if not may_open_inspections(request.user):
            raise PermissionDenied
        programme = get_object_or_404(Programme, pk=pk)
        form = OpenInspectionForm(request.POST or None, programme=programme)
        if request.method == "POST" and form.is_valid():
            try:
                opened = inspection_open(
                    force=form.cleaned_data["force"], programme=programme, user=request.user
                )
            except OpenRefused as exc:
                form.add_error("force", str(exc))
            else:
                messages.success(request, f"Opened with {opened.follow_ups} follow-ups.")
                return redirect(
                    reverse("admin:inspections_inspection_change", args=[opened.inspection.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": programme,
            "form": form,
            "title": f"Open a force's inspection: {programme}",
        }
        return TemplateResponse(request, "admin/inspections/open_inspection.html", context)

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
