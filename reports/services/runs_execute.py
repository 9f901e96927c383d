"""Executing a report run: claim it, build and render the report, store the PDF, record the
outcome. Called by the `reports.render` task; safe to call twice for the same run."""

import hashlib
import logging
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone

from reports.models import ReportRun, RunKind, RunStatus
from reports.rendering import engine
from reports.rendering.document import ReportDocument
from reports.rendering.force import force_report_document
from reports.rendering.national import national_report_document
from reports.services.runs import ReportRunRefused, stale_after

logger = logging.getLogger(__name__)

# Errors that say nothing about the report itself: the database went away for a moment.
# They propagate (the run goes back to QUEUED first) so the task retries them.
DATABASE_ERRORS = (OperationalError, InterfaceError)
# Storing the PDF may also fail for a moment (a full or unmounted disk); retried the same way.
STORAGE_ERRORS = (*DATABASE_ERRORS, OSError)
RETRYING = "A temporary error interrupted the render; it will be tried again shortly."
ERROR_LENGTH = 1000


def _claim(run_id: int) -> bool:
    """Take the run for this worker: one conditional UPDATE, so of two deliveries of the same
    message only one renders. A RUNNING run whose worker is gone (started longer ago than the
    hard time limit allows) may be taken again."""
    now = timezone.now()
    claimable = Q(status=RunStatus.QUEUED) | Q(
        status=RunStatus.RUNNING, started_at__lt=now - stale_after()
    )
    claimed = ReportRun.objects.filter(claimable, pk=run_id).update(
        status=RunStatus.RUNNING, started_at=now, attempts=F("attempts") + 1, queue_note=""
    )
    return claimed == 1


def _release(run_id: int) -> None:
    """Hand the run back to the queue before a transient error propagates for a retry."""
    try:
        ReportRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
            status=RunStatus.QUEUED, queue_note=RETRYING
        )
    except DATABASE_ERRORS:
        # The database is the problem; the sweep picks the run up once it is back.
        logger.warning("Report run %s could not be handed back", run_id, exc_info=True)


def readable_error(exc: BaseException) -> str:
    """What users see of a failure: the error's class and message, never a traceback."""
    if isinstance(exc, SoftTimeLimitExceeded):
        return f"Rendering took longer than {settings.REPORT_RENDER_SOFT_LIMIT} seconds."
    if isinstance(exc, ReportRunRefused):
        return str(exc)
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}"[:ERROR_LENGTH] if text else type(exc).__name__


def report_run_fail(*, run_id: int, error: str) -> None:
    """Record a run as FAILED with `error`, unless it has succeeded meanwhile."""
    ReportRun.objects.filter(pk=run_id).exclude(status=RunStatus.SUCCEEDED).update(
        status=RunStatus.FAILED, error=error[:ERROR_LENGTH], finished_at=timezone.now()
    )


def _fail(run: ReportRun, exc: Exception) -> ReportRun:
    logger.exception("Report run %s failed", run.pk)
    report_run_fail(run_id=run.pk, error=readable_error(exc))
    run.refresh_from_db()
    return run


def _document(run: ReportRun) -> ReportDocument:
    if run.inspection_id:
        document = force_report_document(
            inspection_id=run.inspection_id, released_only=run.released_only
        )
    else:
        document = national_report_document(programme_id=run.programme_id)
    if run.kind == RunKind.FINAL and document.draft:
        raise ReportRunRefused(
            "The report is no longer published, so it cannot be printed as the published "
            "report. Request a draft instead."
        )
    return document


def _store(run: ReportRun, pdf: bytes) -> None:
    """Save the PDF under the run's own name, removing what an earlier attempt of the same
    run left (a worker killed after writing), so a run never owns two files."""
    storage = run.file.storage
    name = run.file.field.generate_filename(run, run.download_name)
    for earlier in {run.file.name, name} - {"", None}:
        storage.delete(earlier)
    run.file.save(run.download_name, ContentFile(pdf), save=False)


def _succeed(run: ReportRun, document: ReportDocument, pdf: bytes, pages: int, started: float):
    run.status = RunStatus.SUCCEEDED
    run.pages = pages
    run.size = len(pdf)
    run.sha256 = hashlib.sha256(pdf).hexdigest()
    run.data_hash = document.data_hash
    run.template_version = engine.template_version()
    run.finished_at = timezone.now()
    run.duration = round(time.monotonic() - started, 3)
    run.error = ""
    fields = ["status", "pages", "size", "sha256", "data_hash", "template_version", "file"]
    try:
        with transaction.atomic():
            run.save(update_fields=[*fields, "finished_at", "duration", "error"])
    except IntegrityError:
        # Another final of the same target succeeded first; this file is not the published one.
        run.file.storage.delete(run.file.name)
        raise ReportRunRefused("This report is already published by an earlier run.") from None
    return run


def report_run_execute(*, run_id: int) -> ReportRun | None:
    """Render a queued run to PDF and record the outcome on it.

    Claims the run first; a run another delivery already claimed (or finished) is left alone
    and returned unchanged, and a run deleted with its target gives None. Any error in the
    report itself marks the run FAILED with a readable message (the traceback goes to the
    log). Database errors, and storage errors while saving the file, hand the run back to
    QUEUED and propagate, for the task to retry.
    """
    if not _claim(run_id):
        logger.info("Report run %s is not waiting for a worker; nothing to do", run_id)
        return ReportRun.objects.filter(pk=run_id).first()
    run = ReportRun.objects.select_related(
        "inspection__force", "inspection__programme", "programme"
    ).get(pk=run_id)
    started = time.monotonic()
    try:
        document = _document(run)
        rendered = engine.html_to_pdf(document.html)
    except DATABASE_ERRORS:
        _release(run_id)
        raise
    except Exception as exc:
        return _fail(run, exc)
    try:
        _store(run, rendered.pdf)
        return _succeed(run, document, rendered.pdf, rendered.pages, started)
    except STORAGE_ERRORS:
        _release(run_id)
        raise
    except Exception as exc:
        return _fail(run, exc)
