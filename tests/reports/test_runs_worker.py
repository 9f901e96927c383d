"""Report runs through a real Celery worker and broker (Redis in CI, the filesystem transport
on a laptop): request, render, download; a message delivered twice; a render that fails; the
queue down at request time; a worker killed in the middle of a render."""

import datetime
import shutil
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
from reports.services.runs import QUEUE_DOWN, report_run_sweep, stale_after
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


def _kill_while_running(worker, alice, inspection) -> ReportRun:
    """Send runs until one is caught RUNNING, then SIGKILL the worker mid-render."""
    for _ in range(3):
        run = ReportRun.objects.create(inspection=inspection, requested_by=alice)
        _run_folder(run)
        _send(run)
        run = _wait_for(run.pk, {RunStatus.RUNNING, *DONE}, every=0.01)
        if run.status == RunStatus.RUNNING:
            stop_worker(worker.process, kill=True)
            return run
    pytest.fail("no render lasted long enough to be interrupted")


def test_a_run_whose_worker_was_killed_completes_once_a_worker_is_back(worker, alice, inspection_a):
    run = _kill_while_running(worker, alice, inspection_a)
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING
    replacement = start_worker(worker.queue)
    try:
        # Once the run has been RUNNING for longer than a render may last, the sweep sends it
        # again (the killed worker's message is gone or held by the broker until it expires).
        later = timezone.now() + stale_after() + datetime.timedelta(seconds=1)
        assert report_run_sweep(now=later) == 1
        run = _wait_for(run.pk, DONE)
    finally:
        stop_worker(replacement)
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert run.attempts == 2
    folder = Path(settings.MEDIA_ROOT) / "report-runs" / str(run.pk)
    assert [path.name for path in folder.iterdir()] == [run.download_name]
