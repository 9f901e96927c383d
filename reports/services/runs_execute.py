"""Executing a report run: claim it, build and render the report, store the PDF, record the
outcome. Called by the `reports.render` task; safe to call twice for the same run.

Each claim is an attempt with its own number. While it renders, a thread writes a heartbeat on
the run; everything the attempt writes afterwards (the file, the outcome, a hand-back) is
conditional on the run still being RUNNING under that number. So a worker that was only slow
and finds its run taken over by another (see `abandoned`) changes nothing.
"""

import hashlib
import logging
import os
import socket
import threading
import time
from contextlib import contextmanager

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, InterfaceError, OperationalError, connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from reports.models import ReportRun, RunKind, RunStatus
from reports.rendering import engine
from reports.rendering.document import ReportDocument
from reports.rendering.force import force_report_document
from reports.rendering.national import national_report_document
from reports.services.runs import MAX_ATTEMPTS, ReportRunRefused, abandoned, heartbeat_every

logger = logging.getLogger(__name__)

# Errors that say nothing about the report itself: the database went away for a moment.
# They propagate (the run goes back to QUEUED first) so the task retries them.
DATABASE_ERRORS = (OperationalError, InterfaceError)
# Storing the PDF may also fail for a moment (a full or unmounted disk); retried the same way.
STORAGE_ERRORS = (*DATABASE_ERRORS, OSError)
RETRYING = "A temporary error interrupted the render; it will be tried again shortly."
ERROR_LENGTH = 1000


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _claim(run_id: int) -> int | None:
    """Take the run for this worker; returns the attempt's number, or None when the run is not
    this delivery's to render.

    A queued run is taken; so is an abandoned one (its worker stopped responding), as a
    restart, until it has had MAX_ATTEMPTS. The update is a compare-and-set on the attempt
    number read just before: of two deliveries racing for the same run, only the first to
    change the row has it.
    """
    seen = ReportRun.objects.filter(pk=run_id).values_list("status", "attempts").first()
    if seen is None:
        return None
    status, attempts = seen
    now = timezone.now()
    runs = ReportRun.objects.filter(pk=run_id, attempts=attempts)
    claim = {
        "status": RunStatus.RUNNING,
        "attempts": attempts + 1,
        "started_at": now,
        "heartbeat_at": now,
        "worker": _worker_name(),
        "queue_note": "",
    }
    if status == RunStatus.QUEUED:
        claimed = runs.filter(status=RunStatus.QUEUED).update(**claim)
    elif attempts < MAX_ATTEMPTS:
        claimed = runs.filter(abandoned(now)).update(**claim, restarts=F("restarts") + 1)
    else:
        claimed = 0
    return attempts + 1 if claimed else None


def _held(run_id: int, attempt: int):
    """The run, while this attempt still holds it."""
    return ReportRun.objects.filter(pk=run_id, status=RunStatus.RUNNING, attempts=attempt)


def _beat(run_id: int, attempt: int, stop: threading.Event) -> None:
    try:
        while not stop.wait(heartbeat_every()):
            try:
                if not _held(run_id, attempt).update(heartbeat_at=timezone.now()):
                    logger.warning("Report run %s attempt %s is no longer held", run_id, attempt)
                    return
            except DATABASE_ERRORS:
                # One missed beat is allowed for; the next may get through.
                logger.warning("Report run %s: heartbeat not written", run_id, exc_info=True)
    finally:
        connections.close_all()  # this thread's own connection


@contextmanager
def _heartbeat(run_id: int, attempt: int):
    """While the body runs, a thread writes a heartbeat on the run every third of the stale
    period, so a render that takes long is never taken for abandoned while its worker lives.
    The thread has its own database connection and ends with the body (it is not waited for
    long: its update is conditional, so a late one changes nothing)."""
    stop = threading.Event()
    beating = threading.Thread(
        target=_beat, args=(run_id, attempt, stop), name=f"report-run-{run_id}", daemon=True
    )
    beating.start()
    try:
        yield
    finally:
        stop.set()
        beating.join(timeout=heartbeat_every())


def _release(run_id: int, attempt: int) -> None:
    """Hand the run back to the queue before a transient error propagates for a retry."""
    try:
        _held(run_id, attempt).update(status=RunStatus.QUEUED, queue_note=RETRYING)
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


def report_run_fail(*, run_id: int, error: str, attempt: int | None = None) -> None:
    """Record a run as FAILED with `error`.

    With `attempt`, only while that attempt still holds the run. Without (the task giving up
    after its retries), only while no worker holds it: queued, or abandoned. A run that has
    succeeded, or that another worker is rendering, is left alone.
    """
    if attempt is not None:
        runs = _held(run_id, attempt)
    else:
        runs = ReportRun.objects.filter(
            Q(status=RunStatus.QUEUED) | abandoned(timezone.now()), pk=run_id
        )
    runs.update(status=RunStatus.FAILED, error=error[:ERROR_LENGTH], finished_at=timezone.now())


def _fail(run: ReportRun, attempt: int, exc: Exception) -> ReportRun | None:
    logger.exception("Report run %s attempt %s failed", run.pk, attempt)
    report_run_fail(run_id=run.pk, error=readable_error(exc), attempt=attempt)
    return ReportRun.objects.filter(pk=run.pk).first()


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
    run.queue_note = ""
    fields = ["status", "pages", "size", "sha256", "data_hash", "template_version", "file"]
    try:
        with transaction.atomic():
            run.save(update_fields=[*fields, "finished_at", "duration", "error", "queue_note"])
    except IntegrityError:
        # Another final of the same target succeeded first; this file is not the published one.
        run.file.storage.delete(run.file.name)
        raise ReportRunRefused("This report is already published by an earlier run.") from None
    return run


def _finish(run: ReportRun, attempt: int, document: ReportDocument, rendered, started: float):
    """Store the PDF and record success, if this attempt still holds the run. The first
    update locks the row until commit, so no other worker takes the run over while its file
    is written, and a worker that has lost it never touches the file."""
    with transaction.atomic():
        if not _held(run.pk, attempt).update(heartbeat_at=timezone.now()):
            logger.warning(
                "Report run %s attempt %s was taken over; its result is dropped", run.pk, attempt
            )
            return ReportRun.objects.filter(pk=run.pk).first()
        _store(run, rendered.pdf)
        return _succeed(run, document, rendered.pdf, rendered.pages, started)


def report_run_execute(*, run_id: int) -> ReportRun | None:
    """Render a queued (or abandoned) run to PDF and record the outcome on it.

    Claims the run first; a run another worker holds or has finished is left alone and
    returned unchanged, and a run deleted with its target gives None. Any error in the report
    itself marks the run FAILED with a readable message (the traceback goes to the log).
    Database errors, and storage errors while saving the file, hand the run back to QUEUED
    and propagate, for the task to retry. An attempt that has been taken over records nothing.
    """
    attempt = _claim(run_id)
    if attempt is None:
        logger.info("Report run %s is not this delivery's to render", run_id)
        return ReportRun.objects.filter(pk=run_id).first()
    run = ReportRun.objects.select_related(
        "inspection__force", "inspection__programme", "programme"
    ).get(pk=run_id)
    started = time.monotonic()
    try:
        with _heartbeat(run_id, attempt):
            document = _document(run)
            rendered = engine.html_to_pdf(document.html)
    except DATABASE_ERRORS:
        _release(run_id, attempt)
        raise
    except Exception as exc:
        return _fail(run, attempt, exc)
    try:
        return _finish(run, attempt, document, rendered, started)
    except STORAGE_ERRORS:
        _release(run_id, attempt)
        raise
    except Exception as exc:
        return _fail(run, attempt, exc)
