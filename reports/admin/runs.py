"""Report runs in the admin: read-only, with one action that puts failed runs back in the
queue through the service (so the row and the queue stay consistent)."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from config.admin_base import ReadOnlyRecordAdmin
from reports.models import ReportRun, RunStatus
from reports.services.runs import report_run_requeue_failed


@admin.register(ReportRun)
class ReportRunAdmin(ReadOnlyRecordAdmin):
    """Rows are written by the request and render services alone."""

    list_display = [
        "pk",
        "target",
        "kind",
        "released_only",
        "status",
        "requested_by",
        "requested_at",
        "attempts",
        "pages",
        "duration",
    ]
    list_filter = ["status", "kind", "released_only"]
    list_select_related = [
        "inspection__force",
        "inspection__programme",
        "programme",
        "requested_by",
    ]
    search_fields = ["inspection__force__name", "programme__name", "requested_by__username"]
    date_hierarchy = "requested_at"
    actions = ["requeue_failed"]
    fields = [
        "inspection",
        "programme",
        "kind",
        "released_only",
        "status",
        "queue_note",
        "error",
        "requested_by",
        "requested_at",
        "started_at",
        "finished_at",
        "duration",
        "attempts",
        "restarts",
        "worker",
        "heartbeat_at",
        "pages",
        "size",
        "sha256",
        "data_hash",
        "template_version",
        "download",
    ]
    readonly_fields = fields

    @admin.display(description="report of")
    def target(self, obj: ReportRun) -> str:
        return str(obj.inspection) if obj.inspection_id else f"National, {obj.programme}"

    def has_requeue_permission(self, request) -> bool:
        return request.user.has_perm("reports.change_reportrun")

    @admin.display(description="file")
    def download(self, obj: ReportRun) -> str:
        # Through the access-checked view: run files are private and never served directly.
        if obj.status != RunStatus.SUCCEEDED or not obj.file:
            return "–"
        url = reverse("reports:run_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.download_name)

    @admin.action(description="Re-queue the selected failed runs", permissions=["requeue"])
    def requeue_failed(self, request, queryset):
        count = report_run_requeue_failed(run_ids=list(queryset.values_list("pk", flat=True)))
        if count:
            self.message_user(request, f"{count} failed run(s) sent to the queue again.")
        else:
            self.message_user(
                request, "None of the selected runs had failed; nothing changed.", messages.WARNING
            )
