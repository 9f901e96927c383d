"""Requesting report runs, sending them to the render queue, and the sweep that keeps them
moving. Executing a run is in `runs_execute`.

A run is a row first and a queue message second: the row is committed, then the message is
sent (after commit, so a worker never looks for a row that is not there yet). When the queue
cannot be reached the run simply waits, QUEUED with a note the user sees, and the sweep sends
it once the queue is back. Sending a run twice is harmless: a worker claims a run before it
renders it, and only one claim succeeds.

While a worker renders a run it writes a heartbeat on it. A running run whose heartbeat is
older than REPORT_RUN_STALE_AFTER has lost its worker (killed, out of memory, its machine
gone): the next delivery of its message takes it over, and the sweep, which every worker runs
once per stale period, sends one. So such a run starts again within two stale periods.
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from config.celery import QUEUE_ERRORS, SEND_RETRY_POLICY
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
RESTARTED = (
    "The worker rendering this report stopped responding; the report starts again on the next "
    "free worker."
)
# A run whose enqueue failed is sent again by the sweep once it is this old.
QUEUE_DOWN_WAIT = timedelta(minutes=1)
# A run that keeps losing its worker (a render that kills it) is given up after this many.
MAX_ATTEMPTS = 3
# A second look at a run another worker holds comes this long after that worker's heartbeat
# would be stale, so the look does not arrive a moment too early.
RECHECK_MARGIN = timedelta(seconds=1)


class ReportRunRefused(Exception):
    """A request the rules do not allow; the message says why, for the user."""


def stale_after() -> timedelta:
    """How long a running run may go without a heartbeat before its worker counts as gone."""
    return timedelta(seconds=settings.REPORT_RUN_STALE_AFTER)


def heartbeat_every() -> float:
    """Seconds between two heartbeats: three fit in a stale period, so two may be late."""
    return settings.REPORT_RUN_STALE_AFTER / 3


def abandoned(now) -> Q:
    """Running runs no worker has given a sign of life for a stale period. A running run
    without any heartbeat was claimed by no worker of this version, so it is abandoned too."""
    quiet = Q(heartbeat_at__lt=now - stale_after()) | Q(heartbeat_at__isnull=True)
    return Q(status=RunStatus.RUNNING) & quiet


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


def report_run_recheck(*, run: ReportRun | None) -> bool:
    """Look once more, after its worker's heartbeat would be stale, at a run another worker
    holds; True when the look was sent.

    A delivery that finds the run running under another worker cannot tell a live worker from
    one that has just died (its message put back in the queue). Rather than dropping the
    message, it sends it again for when the heartbeat would be stale: if the worker died, that
    delivery takes the run over; if not, it does nothing. The look is marked as the last one.
    """
    if run is None or run.status != RunStatus.RUNNING:
        return False
    stale_at = (run.heartbeat_at or timezone.now()) + stale_after() + RECHECK_MARGIN
    countdown = max((stale_at - timezone.now()).total_seconds(), RECHECK_MARGIN.total_seconds())
    try:
        celery_app.send_task(
            RENDER_TASK,
            args=[run.pk],
            kwargs={"recheck": False},
            countdown=countdown,
            ignore_result=True,
            retry_policy=SEND_RETRY_POLICY,
        )
    except QUEUE_ERRORS:
        # The sweep sends the run if its worker turns out to be gone.
        logger.warning("Report run %s: the queue is not reachable", run.pk, exc_info=True)
        return False
    return True


def _give_up_lost(now) -> None:
    lost = ReportRun.objects.filter(abandoned(now), attempts__gte=MAX_ATTEMPTS)
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

    An abandoned run (running, no heartbeat for a stale period) is sent again, with RESTARTED
    as its note, and stays RUNNING: only the worker that claims it takes it over, so a sweep
    that stops half-way loses nothing. One that has already had MAX_ATTEMPTS is marked
    FAILED instead. A QUEUED run whose send failed (QUEUE_DOWN) and is over a minute old is
    sent again. Runs whose worker is alive are never touched, however long they have run.
    Every worker runs the sweep; several at once only send a run more than once, which the
    claim makes harmless.
    """
    now = now or timezone.now()
    _give_up_lost(now)
    lost = ReportRun.objects.filter(abandoned(now))
    lost.exclude(queue_note=RESTARTED).update(queue_note=RESTARTED)
    waiting = ReportRun.objects.filter(
        status=RunStatus.QUEUED, queue_note=QUEUE_DOWN, requested_at__lt=now - QUEUE_DOWN_WAIT
    )
    run_ids = list(lost.values_list("pk", flat=True)) + list(waiting.values_list("pk", flat=True))
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
        restarts=0,
        heartbeat_at=None,
        worker="",
    )
    for run_id in requeued:
        transaction.on_commit(functools.partial(report_run_enqueue, run_id=run_id))
    return len(requeued)
