"""Requesting report runs, sending them to the render queue, and the sweep that keeps them
moving. Executing a run is in `runs_execute`.

A run is a row first and a queue message second: the row is committed, then the message is
sent (after commit, so a worker never looks for a row that is not there yet). When the queue
cannot be reached the run simply waits, QUEUED with a note the user sees, and the sweep sends
it once the queue is back. Sending a run twice is harmless: a worker claims a run before it
renders it, and only one claim succeeds.
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError as QueueOperationalError
from redis.exceptions import RedisError

from config.celery import app as celery_app
from inspections.models import Inspection, Programme
from inspections.permissions import visible_inspections_q
from reports.models import ReportRun, RunKind, RunStatus
from reports.permissions import (
    inspection_is_published,
    programme_is_published,
    sees_inspection_as_liaison_only,
    sees_national_drafts,
)

logger = logging.getLogger(__name__)

RENDER_TASK = "reports.render"
QUEUE_DOWN = "The report queue is not reachable; the report will start when it is back."
RESTARTED = "The worker rendering this report stopped; the report will start again."
# The queue clients' errors when the broker cannot be reached (kombu wraps most of them).
QUEUE_ERRORS = (QueueOperationalError, RedisError, OSError)
# How hard a web request tries to reach the queue before leaving the run to the sweep.
SEND_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
# A run whose enqueue failed is sent again by the sweep once it is this old.
QUEUE_DOWN_WAIT = timedelta(minutes=1)
# After the hard time limit plus this margin, a RUNNING run has no worker any more.
STALE_MARGIN = timedelta(seconds=60)
# A run that keeps losing its worker (a render that kills it) is given up after this many.
MAX_ATTEMPTS = 3


class ReportRunRefused(Exception):
    """A request the rules do not allow; the message says why, for the user."""


def stale_after() -> timedelta:
    return timedelta(seconds=settings.REPORT_RENDER_TIME_LIMIT) + STALE_MARGIN


def _locked_target(inspection: Inspection | None, programme: Programme | None):
    # Locking the target row serialises requests for it, so two people asking for the
    # published report at once get the same run, not two renders racing to be "the" final.
    if (inspection is None) == (programme is None):
        raise ValueError("A report run needs an inspection or a programme, not both.")
    if inspection is not None:
        return Inspection.objects.select_for_update().get(pk=inspection.pk), None
    return None, Programme.objects.select_for_update().get(pk=programme.pk)


def _kind(user, inspection: Inspection | None, programme: Programme | None) -> str:
    if inspection is not None:
        if not Inspection.objects.filter(visible_inspections_q(user), pk=inspection.pk).exists():
            raise ReportRunRefused("You may not request a report of this inspection.")
        return RunKind.FINAL if inspection_is_published(inspection) else RunKind.DRAFT
    if programme_is_published(programme):
        return RunKind.FINAL
    if not sees_national_drafts(user):
        raise ReportRunRefused(
            "The national report is not published yet; drafts are for moderators and lead "
            "inspectors."
        )
    return RunKind.DRAFT


@transaction.atomic
def report_run_request(
    *,
    user: AbstractBaseUser,
    inspection: Inspection | None = None,
    programme: Programme | None = None,
) -> ReportRun:
    """Record a request for a report of an inspection or a programme and queue its render.

    The kind follows the target: FINAL once it is published, DRAFT before. A published
    report is rendered once: while a final run exists that has not failed, it is returned
    instead of a new one. A liaison who sees the inspection only as liaison gets a draft of
    the areas released to the force. The render is queued after commit; if the queue is
    down the run stays QUEUED with QUEUE_DOWN as its note (on the returned object too).
    Raises ReportRunRefused when the user may not request this report.
    """
    inspection, programme = _locked_target(inspection, programme)
    kind = _kind(user, inspection, programme)
    if kind == RunKind.FINAL:
        target = Q(inspection=inspection) if inspection else Q(programme=programme)
        existing = ReportRun.objects.filter(target, kind=RunKind.FINAL)
        existing = existing.exclude(status=RunStatus.FAILED).order_by("pk").first()
        if existing is not None:
            return existing
    # A published report holds every area, all of them published, so it is the same document
    # for the force as for the team; only drafts are cut down to the released areas.
    released_only = (
        kind == RunKind.DRAFT
        and inspection is not None
        and sees_inspection_as_liaison_only(user, inspection)
    )
    run = ReportRun.objects.create(
        inspection=inspection,
        programme=programme,
        kind=kind,
        released_only=released_only,
        requested_by=user,
    )
    transaction.on_commit(functools.partial(_enqueue_new, run))
    return run


def _enqueue_new(run: ReportRun) -> None:
    if not report_run_enqueue(run_id=run.pk):
        run.queue_note = QUEUE_DOWN


def report_run_enqueue(*, run_id: int) -> bool:
    """Send a run to the render queue; True when sent.

    Never raises for an unreachable queue: the run keeps QUEUED with QUEUE_DOWN as its note,
    which the sweep looks for. A successful send clears any note.
    """
    waiting = ReportRun.objects.filter(pk=run_id, status=RunStatus.QUEUED)
    try:
        celery_app.send_task(
            RENDER_TASK,
            args=[run_id],
            ignore_result=True,
            retry_policy=SEND_RETRY_POLICY,
        )
    except QUEUE_ERRORS:
        logger.warning("Report run %s: the queue is not reachable", run_id, exc_info=True)
        waiting.update(queue_note=QUEUE_DOWN)
        return False
    waiting.exclude(queue_note="").update(queue_note="")
    return True


def _give_up_lost(cutoff) -> None:
    lost = ReportRun.objects.filter(
        status=RunStatus.RUNNING, started_at__lt=cutoff, attempts__gte=MAX_ATTEMPTS
    )
    for run_id, attempts in lost.values_list("pk", "attempts"):
        logger.error("Report run %s lost its worker %s times; marked failed", run_id, attempts)
    lost.update(
        status=RunStatus.FAILED,
        finished_at=timezone.now(),
        error=(
            f"The render stopped {MAX_ATTEMPTS} times without finishing (it ran past "
            f"{settings.REPORT_RENDER_TIME_LIMIT} seconds or its worker was lost)."
        ),
    )


def report_run_sweep(*, now=None) -> int:
    """Send again the runs that would otherwise wait for ever; returns how many were sent.

    A RUNNING run started longer ago than the hard time limit plus a margin has lost its
    worker (a render past the hard limit is killed): it goes back to QUEUED and is sent again,
    unless it has already had MAX_ATTEMPTS, when it is marked FAILED. A QUEUED run whose
    send failed (QUEUE_DOWN) and is over a minute old is sent again. Runs a worker is still
    rendering within the limit are never touched.
    """
    now = now or timezone.now()
    cutoff = now - stale_after()
    _give_up_lost(cutoff)
    stale = ReportRun.objects.filter(status=RunStatus.RUNNING, started_at__lt=cutoff)
    restarted = list(stale.values_list("pk", flat=True))
    stale.filter(pk__in=restarted).update(status=RunStatus.QUEUED, queue_note=RESTARTED)
    waiting = ReportRun.objects.filter(
        status=RunStatus.QUEUED, queue_note=QUEUE_DOWN, requested_at__lt=now - QUEUE_DOWN_WAIT
    )
    run_ids = restarted + list(waiting.values_list("pk", flat=True))
    for run_id in run_ids:
        report_run_enqueue(run_id=run_id)
    if run_ids:
        logger.info("Report sweep sent %s run(s) again: %s", len(run_ids), run_ids)
    return len(run_ids)


@transaction.atomic
def report_run_requeue_failed(*, run_ids: list[int]) -> int:
    """Put failed runs back in the queue (an administrator's action); returns how many.

    Only FAILED runs change: their error and timings are cleared, and each is sent after
    commit. Succeeded, queued and running runs are left as they are.
    """
    failed = ReportRun.objects.select_for_update().filter(pk__in=run_ids, status=RunStatus.FAILED)
    requeued = list(failed.values_list("pk", flat=True))
    ReportRun.objects.filter(pk__in=requeued).update(
        status=RunStatus.QUEUED,
        error="",
        queue_note="",
        started_at=None,
        finished_at=None,
        duration=None,
        attempts=0,
    )
    for run_id in requeued:
        transaction.on_commit(functools.partial(report_run_enqueue, run_id=run_id))
    return len(requeued)
