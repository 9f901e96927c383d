"""Celery tasks of the reports app: thin wrappers that take ids and call a service, and the
sweep every worker runs on its own.

reports.render retries only errors that say nothing about the report: the database going
away (OperationalError, InterfaceError) and the disk failing while the PDF is stored (OSError;
the service raises it only from that step, so an OSError inside a builder is a report failure,
recorded at once). Everything else is recorded on the run by the service, never retried: a
report that fails once fails the same way again. Results are kept in the run row, not in the
result backend.
"""

import contextlib
import logging
import threading

from celery import Task, shared_task
from celery.signals import worker_ready, worker_shutdown
from django.conf import settings
from django.db import connections

from reports.services.runs import report_run_recheck, report_run_sweep
from reports.services.runs_execute import STORAGE_ERRORS, report_run_execute, report_run_fail

logger = logging.getLogger(__name__)

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
def render_report(run_id: int, recheck: bool = True) -> None:
    """Render one report run (see report_run_execute). A delivery that finds the run held by
    another worker looks once more when that worker's heartbeat would be stale (see
    report_run_recheck), so a message put back after its worker died is not lost."""
    run = report_run_execute(run_id=run_id)
    if recheck:
        report_run_recheck(run=run)


@shared_task(name="reports.sweep_runs", ignore_result=True)
def sweep_runs() -> int:
    """Send again runs that lost their worker or their queue message (see report_run_sweep);
    for beat, where it runs. Every worker sweeps on its own as well."""
    return report_run_sweep()


# Every worker sweeps once per stale period, in a thread of its main process, from the moment
# it is ready: recovering a run whose worker died then needs no beat, only a live worker.
_stop_sweeping = threading.Event()


def _sweep_until_stopped() -> None:
    while True:
        try:
            report_run_sweep()
        except Exception:
            # Whatever went wrong (the database away, the queue down), the thread lives on and
            # sweeps again at the next tick; a dead sweeper would leave runs waiting for ever.
            logger.exception("Report sweep failed")
        finally:
            connections.close_all()  # this thread's own connection, not kept between sweeps
        if _stop_sweeping.wait(settings.REPORT_RUN_STALE_AFTER):
            return


@worker_ready.connect
def _start_sweeping(**kwargs) -> None:
    _stop_sweeping.clear()
    threading.Thread(target=_sweep_until_stopped, name="report-runs-sweep", daemon=True).start()


@worker_shutdown.connect
def _end_sweeping(**kwargs) -> None:
    _stop_sweeping.set()
