"""Report runs through a real Celery worker and broker (Redis in CI, the filesystem transport
on a laptop): request, render, download; a message delivered twice; a render that fails; the
queue down at request time; a worker, and a worker's render process, killed in the middle of
a render."""

import datetime
import os
import shutil
import signal
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from config.celery import app as celery_app
from config.celery import ping
from reports.models import ReportRun, RunKind, RunStatus
from reports.services.runs import QUEUE_DOWN, report_run_sweep
from tests.worker_support import (
    broker_at,
    default_queue,
    new_queue,
    require_broker,
    running_worker,
    start_worker,
    stop_worker,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"
DONE = {RunStatus.SUCCEEDED, RunStatus.FAILED}


@pytest.fixture
def worker(transactional_db):
    require_broker()
    queue = new_queue()
    with default_queue(queue), running_worker(queue) as process:
        yield SimpleNamespace(queue=queue, process=process)


def _wait_for(run_id: int, statuses: set, timeout: float = 120, every: float = 0.2) -> ReportRun:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = ReportRun.objects.get(pk=run_id)
        if run.status in statuses:
            return run
        time.sleep(every)
    pytest.fail(f"run {run_id} did not reach {statuses} in {timeout} s (it is {run.status})")


def _drain(queue: str) -> None:
    """Wait until the worker has handled every message sent before this one (one solo
    worker handles its queue in order)."""
    ping.apply_async(queue=queue).get(timeout=120)


def _run_folder(run: ReportRun) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "report-runs" / str(run.pk)
    # Test databases reuse ids; a folder from an earlier test run is not this run's.
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def _send(run: ReportRun) -> None:
    celery_app.send_task("reports.render", args=[run.pk], ignore_result=True)


def test_requested_report_is_rendered_by_a_worker_and_downloaded(
    client, worker, alice, inspection_a
):
    client.force_login(alice)
    client.post(reverse("reports:inspection_report_request", args=[inspection_a.pk]))
    run = _wait_for(ReportRun.objects.get().pk, DONE)
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert run.kind == RunKind.DRAFT and run.pages >= 1 and run.attempts == 1
    status = client.get(reverse("reports:run_status", args=[run.pk])).json()
    assert status["done"] is True and status["download_url"]
    response = client.get(status["download_url"])
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF") and len(pdf) == run.size


def test_a_message_delivered_twice_renders_once(worker, alice, inspection_a):
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    folder = _run_folder(run)
    _send(run)
    _send(run)
    # The filesystem transport orders messages sent in the same millisecond at random, so the
    # drain is sent only once the render is done; it then comes after both deliveries.
    _wait_for(run.pk, DONE)
    _drain(worker.queue)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert run.attempts == 1
    assert [path.name for path in folder.iterdir()] == [run.download_name]


def test_a_failing_render_records_its_error(worker, alice, inspection_a):
    # A final run of an inspection that is not published (as if it was taken back after the
    # request): the worker refuses to print it as the published report.
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice, kind="final")
    _send(run)
    run = _wait_for(run.pk, DONE)
    assert run.status == RunStatus.FAILED
    assert run.error.startswith("The report is no longer published")
    assert not run.file and run.finished_at is not None


def test_queue_down_at_request_time_then_the_sweep_sends_it(client, worker, alice, inspection_a):
    client.force_login(alice)
    url = reverse("reports:inspection_report_request", args=[inspection_a.pk])
    with broker_at(CLOSED_PORT_BROKER):
        response = client.post(url, follow=True)
    assert response.status_code == 200
    assert QUEUE_DOWN in response.text
    run = ReportRun.objects.get()
    assert (run.status, run.queue_note) == (RunStatus.QUEUED, QUEUE_DOWN)

    # The queue is back; a minute later the sweep sends the run.
    assert report_run_sweep(now=timezone.now() + datetime.timedelta(minutes=2)) == 1
    run = _wait_for(run.pk, DONE)
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert run.queue_note == ""


# The workers of the next tests take a worker silent for three seconds for dead, so a test
# takes seconds, not the minute and a half the default (45 s) allows.
STALE_AFTER = {"REPORT_RUN_STALE_AFTER": "3"}
SLOW_RENDERS = ("tests.reports.slow_render",)
RESTARTED_NOTE = "Restarted after its worker stopped responding (attempt 2)."


def _rendering(run: ReportRun) -> ReportRun:
    run = _wait_for(run.pk, {RunStatus.RUNNING, *DONE}, timeout=120, every=0.05)
    assert run.status == RunStatus.RUNNING, "the slowed render finished before it was killed"
    return run


def _rendered_once_more(run: ReportRun, folder: Path, killed_at: float) -> ReportRun:
    run = _wait_for(run.pk, DONE, timeout=90)
    took = time.monotonic() - killed_at
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert (run.attempts, run.restarts) == (2, 1)
    assert run.note == RESTARTED_NOTE
    assert [path.name for path in folder.iterdir()] == [run.download_name]
    assert took < 60, f"rendered again {took:.1f} s after its worker was killed"
    return run


def test_a_run_whose_worker_is_killed_is_rendered_once_by_another_worker(
    transactional_db, alice, inspection_a
):
    """No beat, no redelivery (the killed worker's message stays with Redis until its
    visibility timeout): the live worker's own sweep finds the silent run and takes it."""
    require_broker()
    queue = new_queue()
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    folder = _run_folder(run)
    slow = start_worker(queue, include=SLOW_RENDERS, env=STALE_AFTER)
    live = None
    try:
        with default_queue(queue):
            _send(run)
        assert _rendering(run).worker.endswith(f":{slow.pid}")
        stop_worker(slow, kill=True)
        killed_at = time.monotonic()
        live = start_worker(queue, env=STALE_AFTER)
        run = _rendered_once_more(run, folder, killed_at)
    finally:
        stop_worker(slow, kill=True)
        if live is not None:
            stop_worker(live)
    assert run.worker.endswith(f":{live.pid}")


def test_a_render_process_killed_under_its_worker_is_delivered_again_and_rendered_once(
    transactional_db, alice, inspection_a
):
    """The production pool: the worker's child process rendering the run is killed (as the
    kernel does when memory runs out). Its message goes back to the queue, the worker's next
    child finds the run still beating, looks again once it is silent and takes it over."""
    require_broker()
    queue = new_queue()
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    folder = _run_folder(run)
    slow = {**STALE_AFTER, "WORKBENCH_TEST_RENDER_DELAY": "5"}
    worker = start_worker(queue, pool="prefork", include=SLOW_RENDERS, env=slow)
    try:
        with default_queue(queue):
            _send(run)
        child = int(_rendering(run).worker.rsplit(":", 1)[1])
        assert child != worker.pid
        os.kill(child, signal.SIGKILL)
        run = _rendered_once_more(run, folder, time.monotonic())
    finally:
        stop_worker(worker)
    assert int(run.worker.rsplit(":", 1)[1]) not in (child, worker.pid)
