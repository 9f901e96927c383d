"""Follow-ups, read-only: the team assesses them on the criterion page."""

from django.contrib import admin

from config.admin_base import HistoryAdmin, ReadOnlyRecordAdmin
from inspections.models import FollowUp


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
