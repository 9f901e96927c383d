"""Celery tasks of the reports app: thin wrappers that take ids and call a service.

reports.render retries only errors that say nothing about the report: the database going
away (OperationalError, InterfaceError) and the disk failing while the PDF is stored (OSError;
the service raises it only from that step, so an OSError inside a builder is a report failure,
recorded at once). Everything else is recorded on the run by the service, never retried: a
report that fails once fails the same way again. Results are kept in the run row, not in the
result backend.
"""

import contextlib

from celery import Task, shared_task
from django.conf import settings

from reports.services.runs import report_run_sweep
from reports.services.runs_execute import STORAGE_ERRORS, report_run_execute, report_run_fail

MAX_RETRIES = 3


class ReportRenderTask(Task):
    """Marks the run FAILED when its retries are exhausted, so no run waits for ever."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        run_id = args[0] if args else kwargs.get("run_id")
        error = f"Gave up after {MAX_RETRIES} retries: {type(exc).__name__}: {exc}"
        # Without a database the run stays as it is; the sweep finds it once the database is back.
        with contextlib.suppress(STORAGE_ERRORS):
            report_run_fail(run_id=run_id, error=error)


@shared_task(
    name="reports.render",
    base=ReportRenderTask,
    ignore_result=True,
    acks_late=True,
    soft_time_limit=settings.REPORT_RENDER_SOFT_LIMIT,
    time_limit=settings.REPORT_RENDER_TIME_LIMIT,
    autoretry_for=STORAGE_ERRORS,
    max_retries=MAX_RETRIES,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
)
def render_report(run_id: int) -> None:
    """Render one report run (see report_run_execute); a second delivery does nothing."""
    report_run_execute(run_id=run_id)


@shared_task(name="reports.sweep_runs", ignore_result=True)
def sweep_runs() -> int:
    """Send again runs that lost their worker or their queue message (see report_run_sweep);
    run by beat every minute."""
    return report_run_sweep()
