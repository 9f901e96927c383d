"""National report records and the parts of published reports kept as printed."""

from django.contrib import admin

from config.admin_base import HistoryAdmin, ReadOnlyRecordAdmin
from inspections.models import (
    GradeDistribution,
    InspectionGlossaryEntry,
    OverviewTable,
    PublishedGrade,
    PublishedIndicatorCall,
    Recommendation,
)


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyRecordAdmin, HistoryAdmin):
    """Read-only: recommendations are written on the national report's pages, which keep
    their numbering, refuse stale saves and record who changed what."""

    list_display = ["programme", "number", "addressed_to", "updated_by", "updated_at"]
    list_filter = ["programme"]
    list_select_related = ["programme", "updated_by"]
    search_fields = ["text", "addressed_to"]


# Grades, distributions and calls as a published report printed them: they come from the
# report importer and change only by importing the report again.


@admin.register(PublishedGrade)
class PublishedGradeAdmin(ReadOnlyRecordAdmin, HistoryAdmin):
    list_display = ["programme", "force", "framework", "grade", "source"]
    list_filter = ["programme", "framework", "grade"]
    list_select_related = ["programme", "force", "framework", "grade"]
    search_fields = ["force__name"]


@admin.register(GradeDistribution)
class GradeDistributionAdmin(ReadOnlyRecordAdmin, HistoryAdmin):
    list_display = ["programme", "framework", "grade", "forces", "source"]
    list_filter = ["programme", "framework"]
    list_select_related = ["programme", "framework", "grade"]


@admin.register(OverviewTable)
class OverviewTableAdmin(ReadOnlyRecordAdmin):
    list_display = ["inspection", "order", "section", "__str__"]
    list_select_related = ["inspection__force", "inspection__programme"]
    search_fields = ["inspection__force__name", "section"]


@admin.register(PublishedIndicatorCall)
class PublishedIndicatorCallAdmin(ReadOnlyRecordAdmin, HistoryAdmin):
    list_display = ["area", "indicator", "vs_msf", "vs_previous"]
    list_select_related = [
        "area__inspection__force",
        "area__inspection__programme",
        "area__framework",
        "indicator",
    ]
    search_fields = ["area__inspection__force__name"]


@admin.register(InspectionGlossaryEntry)
class InspectionGlossaryEntryAdmin(ReadOnlyRecordAdmin):
    list_display = ["inspection", "order", "abbreviation", "meaning"]
    list_select_related = ["inspection__force", "inspection__programme"]
    search_fields = ["abbreviation", "meaning", "inspection__force__name"]
