"""Sweeping report runs: runs whose worker is gone or whose message the queue missed are sent
again, runs that keep losing their worker are given up, failed ones re-queued on request."""

import datetime

import pytest
from django.utils import timezone

from reports.models import ReportRun, RunStatus
from reports.services.runs import (
    QUEUE_DOWN,
    RESTARTED,
    report_run_requeue_failed,
    report_run_sweep,
)
from reports.tasks import sweep_runs
from tests.reports.runs_support import (  # noqa: F401 (fixtures)
    FAKE_PDF,
    fake_rendering_fixture,
    mark_running,
    media_fixture,
    publish,
    queue_fixture,
    release_to_force,
    request_run,
    run_files,
)

pytestmark = pytest.mark.django_db


# Sweeping


def test_sweep_sends_again_a_run_whose_worker_is_gone_and_leaves_live_ones(
    inspection_a, alice, queue
):
    lost = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    busy = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    mark_running(lost, quiet_for=46)
    mark_running(busy, quiet_for=40)  # as long running, but its worker is still beating
    assert report_run_sweep() == 1
    assert queue.run_ids == [lost.pk]
    lost.refresh_from_db()
    busy.refresh_from_db()
    # The run stays RUNNING until a worker takes it over; its note says what happened.
    assert (lost.status, lost.queue_note, lost.attempts) == (RunStatus.RUNNING, RESTARTED, 1)
    assert (busy.status, busy.queue_note) == (RunStatus.RUNNING, "")


def test_sweep_sends_again_runs_the_queue_missed_after_a_minute(inspection_a, alice, queue):
    old = ReportRun.objects.create(
        inspection=inspection_a, requested_by=alice, queue_note=QUEUE_DOWN
    )
    new = ReportRun.objects.create(
        inspection=inspection_a, requested_by=alice, queue_note=QUEUE_DOWN
    )
    ReportRun.objects.filter(pk=old.pk).update(
        requested_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    assert report_run_sweep() == 1
    assert queue.run_ids == [old.pk]
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.queue_note == "" and new.queue_note == QUEUE_DOWN


def test_sweep_sends_an_abandoned_run_again_once_the_queue_is_back(inspection_a, alice, queue):
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    mark_running(run, quiet_for=60)
    queue.down = True
    assert report_run_sweep() == 1
    assert queue.run_ids == []
    run.refresh_from_db()
    assert (run.status, run.queue_note) == (RunStatus.RUNNING, RESTARTED)
    queue.down = False
    assert report_run_sweep() == 1
    assert queue.run_ids == [run.pk]


def test_sweep_gives_up_on_a_run_that_keeps_losing_its_worker(inspection_a, alice, queue):
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    mark_running(run, quiet_for=60, attempts=3)
    assert report_run_sweep() == 0
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "stopped 3 times" in run.error


def test_sweep_task_runs_the_sweep(inspection_a, alice, queue):
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    mark_running(run, quiet_for=60)
    assert sweep_runs() == 1


def test_requeue_failed_changes_only_failed_runs(
    inspection_a, alice, queue, django_capture_on_commit_callbacks
):
    failed = ReportRun.objects.create(
        inspection=inspection_a, requested_by=alice, status=RunStatus.FAILED, error="Boom"
    )
    done = ReportRun.objects.create(
        inspection=inspection_a, requested_by=alice, status=RunStatus.SUCCEEDED
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert report_run_requeue_failed(run_ids=[failed.pk, done.pk]) == 1
    failed.refresh_from_db()
    done.refresh_from_db()
    assert (failed.status, failed.error) == (RunStatus.QUEUED, "")
    assert done.status == RunStatus.SUCCEEDED
    assert queue.run_ids == [failed.pk]
