"""Imported reports, read-only, and the two-step page that imports reports.

Upload runs a dry run and shows what would be saved; "Confirm import" imports exactly the
bytes that were previewed. Between the two steps the bytes wait in a file under the var
folder, named by a random token kept in the uploader's session with the file's sha256, so a
confirm can neither name another file nor import anything altered since the preview.
Several files share one preview page and one confirmation, each file under its own token
(reports/admin/import_batch.py).
"""

import hashlib
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path

from config.admin_base import ReadOnlyRecordAdmin
from reports.admin.import_batch import confirm_many, preview_many
from reports.admin.import_summary import summary_view, warning_label
from reports.forms.imports import MAX_REPORT_FILES, ReportUploadForm
from reports.importer.errors import ImportRefused
from reports.importer.service import report_import
from reports.models import ReportImport

IMPORT_PERMISSION = "reports.add_reportimport"
PENDING_SESSION_KEY = "reports.pending_imports"
PENDING_MAX_AGE = 60 * 60  # seconds a preview may be confirmed for
NOT_CONFIRMED = (
    "This import could not be confirmed: the preview is unknown, over an hour old or its file "
    "changed. Nothing was imported; upload the file again."
)
TEMPLATES = "admin/reports/reportimport/"


def _pending_dir() -> Path:
    return Path(settings.VAR_DIR) / "report-imports"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _pending_sweep(folder: Path) -> None:
    """Forget uploads nobody confirmed: their sessions may be long gone."""
    cutoff = time.time() - PENDING_MAX_AGE
    for stale in folder.glob("*.upload"):
        if stale.stat().st_mtime < cutoff:
            stale.unlink(missing_ok=True)


def pending_save(request, *, data: bytes, options: dict) -> str:
    folder = _pending_dir()
    folder.mkdir(parents=True, exist_ok=True)
    _pending_sweep(folder)
    token = secrets.token_urlsafe(32)
    (folder / f"{token}.upload").write_bytes(data)
    pending = request.session.get(PENDING_SESSION_KEY, {})
    pending[token] = {**options, "sha256": _sha256(data), "saved_at": time.time()}
    request.session[PENDING_SESSION_KEY] = pending
    return token


def pending_take(request, token: str) -> tuple[bytes, dict] | None:
    """The bytes previewed under `token` and their options, removed so they import once;
    None when the token is unknown to this session, too old, or the file changed."""
    pending = request.session.get(PENDING_SESSION_KEY, {})
    entry = pending.pop(token, None)
    request.session[PENDING_SESSION_KEY] = pending
    if entry is None:
        return None
    # The token came out of the session, never straight from the request, so it names
    # only a file this session saved.
    stored = _pending_dir() / f"{token}.upload"
    try:
        data = stored.read_bytes()
    except FileNotFoundError:
        return None
    finally:
        stored.unlink(missing_ok=True)
    if time.time() - entry["saved_at"] > PENDING_MAX_AGE or _sha256(data) != entry["sha256"]:
        return None
    return data, entry


def _outcome_context(*, summary: dict, warnings: list) -> dict:
    return {
        "summary": summary_view(summary),
        "warning_labels": [warning_label(warning) for warning in warnings or []],
    }


@admin.register(ReportImport)
class ReportImportAdmin(ReadOnlyRecordAdmin):
    """Read-only: rows are written by the importer alone, so each one says who imported what."""

    change_list_template = TEMPLATES + "change_list.html"

    class Media:
        # The summary's tables scroll inside the record's page (see _outcome.html).
        css = {"all": ["css/app-reports.css"]}

    list_display = [
        "kind",
        "source_name",
        "force",
        "programme",
        "imported_by",
        "imported_at",
        "warning_count",
    ]
    list_filter = ["kind", "programme"]
    list_select_related = ["force", "programme", "imported_by"]
    search_fields = ["source_name", "force__name", "sha256"]
    date_hierarchy = "imported_at"
    fields = [
        "kind",
        "source_name",
        "programme",
        "force",
        "inspection",
        "replaced",
        "imported_by",
        "imported_at",
        "size",
        "sha256",
        "outcome",
    ]
    readonly_fields = fields

    @admin.display(description="warnings")
    def warning_count(self, obj: ReportImport) -> int:
        return len(obj.warnings or [])

    @admin.display(description="summary and warnings")
    def outcome(self, obj: ReportImport) -> str:
        context = _outcome_context(summary=obj.summary, warnings=obj.warnings)
        # Rendered by the template engine, so already escaped and marked safe.
        return render_to_string(TEMPLATES + "_outcome.html", context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="reports_reportimport_import"),
            path(
                "import/confirm/",
                view(self.import_confirm_view),
                name="reports_reportimport_import_confirm",
            ),
            *super().get_urls(),
        ]

    def _render(self, request, template: str, context: dict, status: int = 200):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import a report",
            **context,
        }
        return TemplateResponse(request, TEMPLATES + template, context, status=status)

    def _upload_page(self, request, form, refusal: str = ""):
        status = 400 if refusal or form.errors else 200
        context = {"form": form, "refusal": refusal}
        return self._render(request, "import_upload.html", context, status)

    def import_view(self, request):
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        form = ReportUploadForm(request.POST or None, request.FILES or None)
        if request.method != "POST" or not form.is_valid():
            return self._upload_page(request, form)
        uploads = form.cleaned_data["file"]
        options = {
            "programme_year": form.cleaned_data["programme_year"],
            "replace": form.cleaned_data["replace"],
        }
        if len(uploads) > 1:
            return preview_many(
                self, request, uploads=uploads, options=options, save_pending=pending_save
            )
        return self._preview_one(request, form, *uploads[0], options=options)

    def _preview_one(self, request, form, name: str, data: bytes, *, options: dict):
        options = {"source_name": name, **options}
        try:
            result = report_import(data=data, user=request.user, dry_run=True, **options)
        except ImportRefused as exc:
            return self._upload_page(request, form, refusal=exc.message)
        token = pending_save(request, data=data, options=options)
        context = {
            "result": result,
            "token": token,
            "options": options,
            "size": len(data),
            "sha256": _sha256(data),
            **_outcome_context(summary=result.summary, warnings=result.warnings),
        }
        return self._render(request, "import_preview.html", context)

    def import_confirm_view(self, request):
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        if request.method != "POST":
            return redirect("admin:reports_reportimport_import")
        tokens = request.POST.getlist("token")
        if len(tokens) > 1:
            return confirm_many(
                self,
                request,
                tokens=tokens[:MAX_REPORT_FILES],
                take_pending=pending_take,
                not_confirmed=NOT_CONFIRMED,
            )
        taken = pending_take(request, request.POST.get("token", ""))
        if taken is None:
            messages.error(request, NOT_CONFIRMED)
            return redirect("admin:reports_reportimport_import")
        data, entry = taken
        options = {key: entry[key] for key in ("source_name", "programme_year", "replace")}
        try:
            result = report_import(data=data, user=request.user, dry_run=False, **options)
        except ImportRefused as exc:
            return self._upload_page(request, ReportUploadForm(), refusal=exc.message)
        messages.success(request, f"Imported {options['source_name']}.")
        return redirect("admin:reports_reportimport_change", result.report_import_id)
