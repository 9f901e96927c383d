"""Follow-ups and openings, read-only: inspections are opened through the opening service
(the programme's admin page, the programme page, `open_inspection`) and follow-ups are
assessed on the criterion page."""

from django.contrib import admin

from config.admin_base import HistoryAdmin, ReadOnlyRecordAdmin
from inspections.models import FollowUp, InspectionOpening


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyRecordAdmin, HistoryAdmin):
    list_display = ["inspection", "order", "source_area", "short_text", "outcome", "assessed_by"]
    list_filter = ["outcome", "inspection__programme", "inspection__force"]
    list_select_related = ["inspection__force", "inspection__programme", "assessed_by"]
    search_fields = ["text", "account", "evidence"]
    ordering = ["inspection", "order"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "inspection__force",
                "inspection__programme",
                "source_inspection__force",
                "source_inspection__programme",
                "criterion_assessment__area__inspection__force",
                "criterion_assessment__area__inspection__programme",
                "criterion_assessment__area__framework",
                "criterion_assessment__criterion__parent",
                "assessed_by",
            )
        )

    @admin.display(description="text")
    def short_text(self, obj: FollowUp) -> str:
        return obj.text if len(obj.text) <= 80 else f"{obj.text[:79]}…"


@admin.register(InspectionOpening)
class InspectionOpeningAdmin(ReadOnlyRecordAdmin, HistoryAdmin):
    list_display = ["inspection", "previous", "opened_by", "opened_at", "overview_needs_review"]
    list_filter = ["overview_needs_review", "inspection__programme"]
    list_select_related = [
        "inspection__force",
        "inspection__programme",
        "previous__force",
        "previous__programme",
        "opened_by",
    ]
    ordering = ["-opened_at"]
