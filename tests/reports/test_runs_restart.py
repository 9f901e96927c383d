"""A run whose worker stopped responding: the heartbeat that keeps a live render its own, the
takeover by the next delivery (once, however many race for it), the sweep that sends such
runs, the second look a delivery takes at a run another worker holds, and the old worker's
late result, which must change nothing. Against the database, with the queue and (mostly)
the renderer replaced."""

import datetime
import hashlib
import os
import threading
import time

import pytest
from django.db import connections
from django.utils import timezone

from reports.models import ReportRun, RunStatus
from reports.rendering.engine import RenderedPdf
from reports.services import runs_execute
from reports.services.runs import RESTARTED, report_run_sweep
from reports.services.runs_execute import report_run_execute
from reports.tasks import ReportRenderTask, render_report
from tests.reports.runs_support import (  # noqa: F401 (fixtures)
    FAKE_PDF,
    fake_rendering_fixture,
    mark_running,
    media_fixture,
    queue_fixture,
    run_files,
)

pytestmark = pytest.mark.django_db

RESTARTED_NOTE = "Restarted after its worker stopped responding (attempt 2)."


def _running(run: ReportRun, *, quiet_for: float, attempts: int = 1) -> None:
    mark_running(run, quiet_for=quiet_for, attempts=attempts, worker="gone.example:4242")


@pytest.fixture
def run(inspection_a, alice) -> ReportRun:
    return ReportRun.objects.create(inspection=inspection_a, requested_by=alice)


# Taking over


def test_a_run_quiet_for_longer_than_the_stale_period_is_rendered_again_as_attempt_two(
    run, fake_rendering, media
):
    _running(run, quiet_for=46)
    done = report_run_execute(run_id=run.pk)
    assert done.status == RunStatus.SUCCEEDED
    assert (done.attempts, done.restarts) == (2, 1)
    assert done.worker != "gone.example:4242" and done.worker.endswith(f":{os.getpid()}")
    assert done.note == RESTARTED_NOTE
    assert fake_rendering.renders == 1 and len(run_files(media)) == 1


def test_a_run_whose_worker_beat_within_the_stale_period_is_left_to_it(run, fake_rendering):
    _running(run, quiet_for=40)
    left = report_run_execute(run_id=run.pk)
    assert (left.status, left.attempts, left.restarts) == (RunStatus.RUNNING, 1, 0)
    assert left.worker == "gone.example:4242" and fake_rendering.renders == 0


def test_the_stale_period_is_the_setting(run, fake_rendering, settings):
    settings.REPORT_RUN_STALE_AFTER = 10
    _running(run, quiet_for=12)
    assert report_run_execute(run_id=run.pk).attempts == 2


def test_a_run_that_lost_its_worker_max_attempts_times_is_not_taken_again(
    run, fake_rendering, queue
):
    _running(run, quiet_for=60, attempts=3)
    assert report_run_execute(run_id=run.pk).status == RunStatus.RUNNING
    assert fake_rendering.renders == 0
    # The sweep gives it up instead.
    report_run_sweep()
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "stopped 3 times" in run.error


@pytest.mark.django_db(transaction=True)
def test_two_deliveries_racing_for_an_abandoned_run_render_it_once(
    run, fake_rendering, media, monkeypatch
):
    _running(run, quiet_for=60)
    # Both deliveries read the run before either changes it: the claim reads the run, then
    # asks the time, so each delivery waits there for the other on its first call.
    both_read = threading.Barrier(2, timeout=10)
    waited = threading.local()
    real_now = timezone.now

    def now_after_both_read():
        if not getattr(waited, "done", False):
            waited.done = True
            both_read.wait()
        return real_now()

    monkeypatch.setattr(runs_execute.timezone, "now", now_after_both_read)
    results = []

    def deliver():
        try:
            results.append(report_run_execute(run_id=run.pk))
        finally:
            connections.close_all()

    deliveries = [threading.Thread(target=deliver) for _ in range(2)]
    for delivery in deliveries:
        delivery.start()
    for delivery in deliveries:
        delivery.join(timeout=30)
    assert len(results) == 2
    run.refresh_from_db()
    assert fake_rendering.renders == 1
    assert (run.status, run.attempts, run.restarts) == (RunStatus.SUCCEEDED, 2, 1)
    assert len(run_files(media)) == 1


# The old worker comes back


OLD_PDF = b"%PDF-1.7\nfrom the worker that was taken over\n%%EOF\n"
NEW_PDF = b"%PDF-1.7\nfrom the worker that took over\n%%EOF\n"


def _taken_over_during_the_render(monkeypatch, run, *, takeover, old_result=None):
    """The first render (the old worker's) is overtaken: its heartbeat goes quiet, `takeover`
    runs (another worker), then the old render returns OLD_PDF or raises `old_result`."""
    renders = []

    def html_to_pdf(html):
        renders.append(html)
        if len(renders) > 1:
            return RenderedPdf(pdf=NEW_PDF, pages=4)
        ReportRun.objects.filter(pk=run.pk).update(
            heartbeat_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        takeover()
        if old_result is not None:
            raise old_result
        return RenderedPdf(pdf=OLD_PDF, pages=3)

    monkeypatch.setattr(runs_execute.engine, "html_to_pdf", html_to_pdf)
    return renders


def test_the_old_workers_late_result_leaves_the_new_attempts_file_and_record(
    run, fake_rendering, media, monkeypatch
):
    renders = _taken_over_during_the_render(
        monkeypatch, run, takeover=lambda: report_run_execute(run_id=run.pk)
    )
    old = report_run_execute(run_id=run.pk)
    assert len(renders) == 2
    run.refresh_from_db()
    assert (run.status, run.attempts, run.pages) == (RunStatus.SUCCEEDED, 2, 4)
    assert run.sha256 == hashlib.sha256(NEW_PDF).hexdigest()
    assert run_files(media) == [media / run.file.name]
    assert run.file.read() == NEW_PDF
    assert old.pk == run.pk and old.attempts == 2 and old.sha256 == run.sha256


def _claimed_by_another_worker(run):
    """What another worker's claim leaves: attempt 2 under way, beating."""

    def takeover():
        ReportRun.objects.filter(pk=run.pk).update(
            attempts=2, restarts=1, heartbeat_at=timezone.now(), worker="new.example:7"
        )

    return takeover


def test_the_old_worker_finishing_first_writes_no_file_while_the_new_attempt_renders(
    run, fake_rendering, media, monkeypatch
):
    _taken_over_during_the_render(monkeypatch, run, takeover=_claimed_by_another_worker(run))
    report_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.attempts, run.worker) == (RunStatus.RUNNING, 2, "new.example:7")
    assert not run.file and run.sha256 == "" and run_files(media) == []


def test_the_old_workers_late_failure_is_not_recorded(run, fake_rendering, monkeypatch):
    _taken_over_during_the_render(
        monkeypatch,
        run,
        takeover=_claimed_by_another_worker(run),
        old_result=ValueError("the old worker's data was out of date"),
    )
    report_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.error, run.attempts) == (RunStatus.RUNNING, "", 2)


def test_giving_up_after_retries_leaves_a_run_another_worker_is_rendering(run):
    _running(run, quiet_for=1, attempts=2)
    ReportRenderTask().on_failure(OSError("disk gone"), "task-id", [run.pk], {}, None)
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING and run.error == ""


# The heartbeat


@pytest.mark.django_db(transaction=True)
def test_a_long_render_keeps_its_heartbeat_fresh_so_the_sweep_leaves_it(
    run, fake_rendering, media, queue, settings, monkeypatch
):
    settings.REPORT_RUN_STALE_AFTER = 1.5  # a heartbeat every half second
    seen = {}

    def slow_html_to_pdf(html):
        claimed = ReportRun.objects.get(pk=run.pk)
        time.sleep(2.0)  # longer than a stale period
        seen["during"] = ReportRun.objects.get(pk=run.pk)
        seen["swept"] = report_run_sweep()
        seen["claimed_at"] = claimed.heartbeat_at
        return RenderedPdf(pdf=FAKE_PDF, pages=1)

    monkeypatch.setattr(runs_execute.engine, "html_to_pdf", slow_html_to_pdf)
    done = report_run_execute(run_id=run.pk)
    during = seen["during"]
    assert during.status == RunStatus.RUNNING
    assert during.heartbeat_at - seen["claimed_at"] >= datetime.timedelta(seconds=1)
    assert seen["swept"] == 0 and queue.sent == []
    assert (done.status, done.attempts, done.restarts) == (RunStatus.SUCCEEDED, 1, 0)


# The sweep and the deliveries it sends


def test_a_swept_run_is_taken_over_by_the_delivery_the_sweep_sent(run, fake_rendering, queue):
    _running(run, quiet_for=50)
    assert report_run_sweep() == 1
    run.refresh_from_db()
    assert run.note == RESTARTED
    assert queue.sent == [("reports.render", [run.pk])]
    render_report(run.pk, **queue.options[0].get("kwargs", {}))
    run.refresh_from_db()
    assert (run.status, run.attempts, run.queue_note) == (RunStatus.SUCCEEDED, 2, "")
    assert run.note == RESTARTED_NOTE


def test_a_delivery_finding_a_live_worker_looks_again_when_its_heartbeat_would_be_stale(
    run, fake_rendering, queue
):
    _running(run, quiet_for=10)
    render_report(run.pk)
    run.refresh_from_db()
    assert (run.status, run.attempts) == (RunStatus.RUNNING, 1)
    assert queue.run_ids == [run.pk]
    options = queue.options[0]
    assert options["kwargs"] == {"recheck": False}
    # 45 s of stale period, 10 s of it gone, and a second so as not to come too early.
    assert 34 <= options["countdown"] <= 36


def test_the_second_look_takes_over_a_run_whose_worker_died(run, fake_rendering, queue):
    _running(run, quiet_for=46)
    render_report(run.pk, recheck=False)
    run.refresh_from_db()
    assert (run.status, run.attempts, run.restarts) == (RunStatus.SUCCEEDED, 2, 1)
    assert queue.sent == []


def test_the_second_look_at_a_live_worker_is_the_last(run, fake_rendering, queue):
    _running(run, quiet_for=5)
    render_report(run.pk, recheck=False)
    run.refresh_from_db()
    assert (run.status, run.attempts) == (RunStatus.RUNNING, 1)
    assert queue.sent == [] and fake_rendering.renders == 0


def test_a_delivery_of_a_finished_run_sends_nothing(run, fake_rendering, queue):
    render_report(run.pk)
    render_report(run.pk)
    assert fake_rendering.renders == 1 and queue.sent == []
