"""Requesting and executing report runs, against the database, with the queue and
(mostly) the renderer replaced; the last tests render real reports. Sweeping: test_runs_sweep.py."""

import hashlib

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError

from reports.models import ReportRun, RunKind, RunStatus
from reports.services.runs import (
    QUEUE_DOWN,
    ReportRunRefused,
    report_run_enqueue,
    report_run_request,
)
from reports.services.runs_execute import RETRYING, report_run_execute
from reports.tasks import ReportRenderTask, render_report
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


# Requesting


def test_request_records_a_queued_draft_and_sends_it_after_commit(
    inspection_a, alice, queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        run = report_run_request(user=alice, inspection=inspection_a)
        assert queue.sent == []  # nothing leaves before the row is committed
    for callback in callbacks:
        callback()
    assert queue.run_ids == [run.pk]
    run.refresh_from_db()
    assert (run.kind, run.status, run.released_only) == (RunKind.DRAFT, RunStatus.QUEUED, False)
    assert run.requested_by == alice and run.queue_note == ""


def test_request_for_a_published_inspection_is_final(
    inspection_a, alice, queue, django_capture_on_commit_callbacks
):
    publish(inspection_a)
    run = request_run(django_capture_on_commit_callbacks, user=alice, inspection=inspection_a)
    assert run.kind == RunKind.FINAL


def test_published_report_is_returned_not_rendered_again(
    inspection_a, alice, hmi, queue, django_capture_on_commit_callbacks
):
    publish(inspection_a)
    first = request_run(django_capture_on_commit_callbacks, user=alice, inspection=inspection_a)
    ReportRun.objects.filter(pk=first.pk).update(status=RunStatus.SUCCEEDED)
    again = request_run(django_capture_on_commit_callbacks, user=hmi, inspection=inspection_a)
    assert again.pk == first.pk
    assert ReportRun.objects.count() == 1
    assert queue.run_ids == [first.pk]


def test_a_failed_final_does_not_stop_a_newrequest_run(
    inspection_a, alice, queue, django_capture_on_commit_callbacks
):
    publish(inspection_a)
    first = request_run(django_capture_on_commit_callbacks, user=alice, inspection=inspection_a)
    ReportRun.objects.filter(pk=first.pk).update(status=RunStatus.FAILED)
    again = request_run(django_capture_on_commit_callbacks, user=alice, inspection=inspection_a)
    assert again.pk != first.pk and again.kind == RunKind.FINAL


def test_liaison_draft_holds_only_the_released_areas(
    inspection_a, liaison, alice, queue, django_capture_on_commit_callbacks
):
    release_to_force(inspection_a)
    theirs = request_run(django_capture_on_commit_callbacks, user=liaison, inspection=inspection_a)
    team = request_run(django_capture_on_commit_callbacks, user=alice, inspection=inspection_a)
    assert theirs.released_only is True and theirs.kind == RunKind.DRAFT
    assert team.released_only is False


def test_request_for_an_inspection_the_user_cannot_see_is_refused(inspection_a, bob, queue):
    with pytest.raises(ReportRunRefused):
        report_run_request(user=bob, inspection=inspection_a)
    assert not ReportRun.objects.exists()


def test_national_draft_is_refused_to_an_inspector_and_given_to_a_lead(
    programme_2008, inspection_a, alice, hmi, queue, django_capture_on_commit_callbacks
):
    with pytest.raises(ReportRunRefused, match="not published yet"):
        report_run_request(user=alice, programme=programme_2008)
    run = request_run(django_capture_on_commit_callbacks, user=hmi, programme=programme_2008)
    assert (run.kind, run.programme, run.inspection) == (RunKind.DRAFT, programme_2008, None)


def test_national_report_is_final_for_anyone_once_every_inspection_is_published(
    programme_2008, inspection_a, inspection_b, alice, queue, django_capture_on_commit_callbacks
):
    publish(inspection_a)
    publish(inspection_b)
    run = request_run(django_capture_on_commit_callbacks, user=alice, programme=programme_2008)
    assert run.kind == RunKind.FINAL


def test_request_needs_exactly_one_target(inspection_a, programme_2008, alice, queue):
    with pytest.raises(ValueError):
        report_run_request(user=alice, inspection=inspection_a, programme=programme_2008)


def test_unreachable_queue_keeps_the_run_queued_with_a_note(
    inspection_a, alice, queue, django_capture_on_commit_callbacks
):
    queue.down = True
    run = request_run(django_capture_on_commit_callbacks, user=alice, inspection=inspection_a)
    assert run.queue_note == QUEUE_DOWN
    run.refresh_from_db()
    assert (run.status, run.queue_note) == (RunStatus.QUEUED, QUEUE_DOWN)


def test_a_successful_send_clears_the_queue_note(inspection_a, alice, queue):
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice, queue_note="x")
    assert report_run_enqueue(run_id=run.pk) is True
    run.refresh_from_db()
    assert run.queue_note == ""


# Executing


def test_execute_renders_stores_and_records_the_run(inspection_a, alice, fake_rendering, media):
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    done = report_run_execute(run_id=run.pk)
    assert done.status == RunStatus.SUCCEEDED
    assert (done.pages, done.size, done.attempts) == (3, len(FAKE_PDF), 1)
    assert done.sha256 == hashlib.sha256(FAKE_PDF).hexdigest()
    assert done.data_hash == "d" * 64 and done.template_version
    assert done.started_at and done.finished_at and done.duration is not None
    assert done.file.read() == FAKE_PDF
    assert run_files(media) == [media / done.file.name]
    assert fake_rendering.builds == [("force", inspection_a.pk, False)]


def test_execute_passes_released_only_to_the_builder(inspection_a, liaison, fake_rendering):
    run = ReportRun.objects.create(
        inspection=inspection_a, requested_by=liaison, released_only=True
    )
    report_run_execute(run_id=run.pk)
    assert fake_rendering.builds == [("force", inspection_a.pk, True)]


def test_national_run_uses_the_national_builder(programme_2008, hmi, fake_rendering):
    run = ReportRun.objects.create(programme=programme_2008, requested_by=hmi)
    assert report_run_execute(run_id=run.pk).status == RunStatus.SUCCEEDED
    assert fake_rendering.builds == [("national", programme_2008.pk)]


def test_a_second_delivery_does_nothing(inspection_a, alice, fake_rendering, media):
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    first = report_run_execute(run_id=run.pk)
    second = report_run_execute(run_id=run.pk)
    assert fake_rendering.renders == 1
    assert second.status == RunStatus.SUCCEEDED and second.attempts == 1
    assert second.finished_at == first.finished_at
    assert len(run_files(media)) == 1


def test_a_run_being_rendered_is_not_claimed_again(inspection_a, alice, fake_rendering):
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    # Running for ten minutes, but its worker beat five seconds ago: it is alive.
    mark_running(run, quiet_for=5)
    assert report_run_execute(run_id=run.pk).status == RunStatus.RUNNING
    assert fake_rendering.renders == 0


def test_a_deleted_run_gives_none(fake_rendering):
    assert report_run_execute(run_id=987654) is None


def test_builder_error_marks_the_run_failed_with_a_readable_message(
    inspection_a, alice, fake_rendering
):
    fake_rendering.error = ValueError("criterion 1.3 has no heading")
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    failed = report_run_execute(run_id=run.pk)
    assert failed.status == RunStatus.FAILED
    assert failed.error == "ValueError: criterion 1.3 has no heading"
    assert "Traceback" not in failed.error and not failed.file


def test_soft_time_limit_is_recorded_in_words(inspection_a, alice, fake_rendering, settings):
    fake_rendering.error = SoftTimeLimitExceeded()
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    failed = report_run_execute(run_id=run.pk)
    assert failed.status == RunStatus.FAILED
    assert (
        failed.error == f"Rendering took longer than {settings.REPORT_RENDER_SOFT_LIMIT} seconds."
    )


def test_final_run_of_a_target_no_longer_published_fails(inspection_a, alice, fake_rendering):
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice, kind="final")
    failed = report_run_execute(run_id=run.pk)
    assert failed.status == RunStatus.FAILED
    assert "no longer published" in failed.error


def test_database_error_hands_the_run_back_and_propagates(inspection_a, alice, fake_rendering):
    fake_rendering.error = OperationalError("server closed the connection unexpectedly")
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    with pytest.raises(OperationalError):
        report_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.queue_note, run.attempts) == (RunStatus.QUEUED, RETRYING, 1)


def test_storage_error_hands_the_run_back_and_propagates(
    inspection_a, alice, fake_rendering, monkeypatch
):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("django.core.files.storage.FileSystemStorage._save", disk_full)
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    with pytest.raises(OSError):
        report_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED


def test_rerun_after_a_killed_worker_leaves_one_file(inspection_a, alice, fake_rendering, media):
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    # The killed worker wrote its file but never recorded it.
    leftover = media / "report-runs" / str(run.pk) / run.download_name
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"%PDF half written")
    mark_running(run, quiet_for=60)
    done = report_run_execute(run_id=run.pk)
    assert done.status == RunStatus.SUCCEEDED and done.attempts == 2
    assert run_files(media) == [leftover]
    assert leftover.read_bytes() == FAKE_PDF


def test_task_calls_the_service(inspection_a, alice, fake_rendering):
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    render_report(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED


def test_task_marks_the_run_failed_when_retries_are_exhausted(inspection_a, alice):
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    error = OperationalError("database is restarting")
    ReportRenderTask().on_failure(error, "task-id", [run.pk], {}, None)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.error == "Gave up after 3 retries: OperationalError: database is restarting"


def test_render_task_retries_only_named_transient_errors():
    assert set(render_report.autoretry_for) >= {OperationalError, OSError}
    assert Exception not in render_report.autoretry_for
    assert render_report.max_retries == 3 and render_report.acks_late


# Real renders


def test_real_force_report_run_stores_a_pdf(inspection_a, alice, media):
    run = ReportRun.objects.create(inspection=inspection_a, requested_by=alice)
    done = report_run_execute(run_id=run.pk)
    assert done.status == RunStatus.SUCCEEDED, done.error
    assert done.file.read().startswith(b"%PDF")
    assert done.pages >= 1 and done.size > 1000 and len(done.data_hash) == 64


def test_real_national_report_run_stores_a_pdf(programme_2008, hmi, media):
    run = ReportRun.objects.create(programme=programme_2008, requested_by=hmi)
    done = report_run_execute(run_id=run.pk)
    assert done.status == RunStatus.SUCCEEDED, done.error
    assert done.file.read().startswith(b"%PDF") and done.pages >= 1


def test_published_report_keeps_its_hashes_and_rendering_again_gives_the_same_data_hash(
    inspection_a, alice, media, queue
):
    from reports.rendering import engine
    from reports.rendering.force import force_report_document

    publish(inspection_a)
    run = report_run_request(user=alice, inspection=inspection_a)
    done = report_run_execute(run_id=run.pk)
    assert (done.kind, done.status) == (RunKind.FINAL, RunStatus.SUCCEEDED), done.error
    assert done.sha256 == hashlib.sha256(done.file.read()).hexdigest()
    assert done.template_version == engine.template_version()
    again = force_report_document(inspection_id=inspection_a.pk)
    assert not again.draft and again.data_hash == done.data_hash
    assert report_run_request(user=alice, inspection=inspection_a).pk == done.pk
