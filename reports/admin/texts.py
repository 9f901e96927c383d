"""Standard report texts: the defaults and each programme's own wording, with history."""

from django.contrib import admin

from config.admin_base import HistoryAdmin
from reports.models import ReportText


@admin.register(ReportText)
class ReportTextAdmin(HistoryAdmin):
    list_display = ["key", "scope", "title", "updated_at"]
    list_filter = ["key", "programme"]
    list_select_related = ["programme"]
    search_fields = ["title", "body"]
    fields = ["key", "programme", "title", "body", "updated_at"]
    readonly_fields = ["updated_at"]

    @admin.display(description="used for", ordering="programme__year")
    def scope(self, obj: ReportText) -> str:
        return str(obj.programme.year) if obj.programme_id else "every programme (default)"
