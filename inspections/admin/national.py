"""National report records and the parts of published reports kept as printed."""

from django.contrib import admin

from config.admin_base import HistoryAdmin, ReadOnlyRecordAdmin
from inspections.models import (
    AddresseeBody,
    GradeDistribution,
    InspectionGlossaryEntry,
    OverviewTable,
    PublishedGrade,
    PublishedIndicatorCall,
    Recommendation,
    RecommendationResponse,
)


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyRecordAdmin, HistoryAdmin):
    """Read-only: recommendations are written on the national report's pages, which keep
    their numbering, refuse stale saves and record who changed what."""

    list_display = [
        "programme",
        "number",
        "addressed_to",
        "to_all_forces",
        "updated_by",
        "updated_at",
    ]
    list_filter = ["programme", "to_all_forces", "bodies"]
    list_select_related = ["programme", "updated_by"]
    search_fields = ["text", "addressed_to"]


@admin.register(AddresseeBody)
class AddresseeBodyAdmin(HistoryAdmin):
    """Reference data: the national bodies recommendations are addressed to and the people
    who record each body's responses."""

    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["responders"]


@admin.register(RecommendationResponse)
class RecommendationResponseAdmin(ReadOnlyRecordAdmin, HistoryAdmin):
    """Read-only: a response is recorded on its page (Recommendations to respond to), by the
    force's liaison, the body's responders or an administrator giving a reason, through
    inspections.services.responses, which checks the addressee and keeps the history."""

    list_display = ["recommendation", "force", "body", "status", "responded_by", "updated_at"]
    list_filter = ["recommendation__programme", "status", "body"]
    list_select_related = ["recommendation__programme", "force", "body", "responded_by"]
    search_fields = ["force__name", "body__name", "account"]


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
