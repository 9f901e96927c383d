"""The report pages: who may request, see and download which runs; the status endpoint; the
HTML preview; the admin's re-queue action. The queue is replaced by a recorder."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from reports.models import ReportRun, RunKind, RunStatus
from reports.rendering.document import ReportDocument
from reports.services.runs import QUEUE_DOWN
from reports.views import runs as run_views
from tests.reports.runs_support import (  # noqa: F401 (fixtures)
    FAKE_PDF,
    media_fixture,
    publish,
    queue_fixture,
    release_to_force,
)

pytestmark = pytest.mark.django_db


def _run(target, user, *, status=RunStatus.QUEUED, **fields) -> ReportRun:
    key = "inspection" if hasattr(target, "force_id") else "programme"
    return ReportRun.objects.create(**{key: target}, requested_by=user, status=status, **fields)


def _succeeded(target, user, **fields) -> ReportRun:
    run = _run(target, user, status=RunStatus.SUCCEEDED, pages=2, size=len(FAKE_PDF), **fields)
    run.file.save(run.download_name, ContentFile(FAKE_PDF))
    return run


def _page(client, user, inspection):
    client.force_login(user)
    return client.get(reverse("reports:inspection_report", args=[inspection.pk]))


# The inspection's report page


def test_it_checks_access(client, bob, inspection_a, media):
    run = _succeeded(inspection_a, bob)
    client.force_login(bob)
    urls = [
        reverse("reports:inspection_report", args=[inspection_a.pk]),
        reverse("reports:inspection_preview", args=[inspection_a.pk]),
        reverse("reports:run_status", args=[run.pk]),
        reverse("reports:run_download", args=[run.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    request = reverse("reports:inspection_report_request", args=[inspection_a.pk])
    assert client.post(request).status_code == 404
    assert ReportRun.objects.count() == 1


def test_anonymous_users_are_sent_to_log_in(client, inspection_a):
    response = client.get(reverse("reports:inspection_report", args=[inspection_a.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_team_member_sees_the_draft_button_and_every_run(client, alice, hmi, inspection_a):
    _run(inspection_a, hmi)
    _run(inspection_a, alice, released_only=True)
    response = _page(client, alice, inspection_a)
    assert response.status_code == 200
    assert "Request draft report" in response.text
    assert len(response.context["runs"]) == 2


def test_published_inspection_offers_the_published_report(client, alice, inspection_a):
    publish(inspection_a)
    assert "Request published report" in _page(client, alice, inspection_a).text


def test_request_creates_a_run_and_redirects_back(
    client, alice, inspection_a, queue, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    url = reverse("reports:inspection_report_request", args=[inspection_a.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    run = ReportRun.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "reports:inspection_report", args=[inspection_a.pk]
    )
    assert "Report requested" in response.text
    assert (run.kind, run.requested_by, queue.run_ids) == (RunKind.DRAFT, alice, [run.pk])


@pytest.mark.django_db(transaction=True)
def test_request_with_the_queue_down_says_so_and_keeps_the_run(client, alice, inspection_a, queue):
    # Transactional, so the send runs at the request's own commit, as it does in production.
    queue.down = True
    client.force_login(alice)
    url = reverse("reports:inspection_report_request", args=[inspection_a.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert QUEUE_DOWN in response.text
    assert ReportRun.objects.get().status == RunStatus.QUEUED


def test_request_for_an_already_published_report_offers_the_file(
    client, alice, hmi, inspection_a, queue, media
):
    publish(inspection_a)
    final = _succeeded(inspection_a, hmi, kind=RunKind.FINAL)
    client.force_login(alice)
    url = reverse("reports:inspection_report_request", args=[inspection_a.pk])
    response = client.post(url, follow=True)
    assert "The published report is ready" in response.text
    assert list(ReportRun.objects.all()) == [final] and queue.sent == []


def test_request_needs_post(client, alice, inspection_a):
    client.force_login(alice)
    url = reverse("reports:inspection_report_request", args=[inspection_a.pk])
    assert client.get(url).status_code == 405
    assert not ReportRun.objects.exists()


def test_run_list_queries_do_not_grow_with_runs(
    client, alice, hmi, inspection_a, django_assert_max_num_queries
):
    client.force_login(alice)
    url = reverse("reports:inspection_report", args=[inspection_a.pk])
    _run(inspection_a, alice)
    with django_assert_max_num_queries(8) as few:
        client.get(url)
    for n in range(12):
        _run(inspection_a, hmi if n % 2 else alice, status=RunStatus.FAILED, error="Boom")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["runs"]) == 13


def test_inspection_page_links_to_its_report_page(client, alice, inspection_a):
    client.force_login(alice)
    response = client.get(reverse("inspections:inspection_detail", args=[inspection_a.pk]))
    assert reverse("reports:inspection_report", args=[inspection_a.pk]) in response.text


def test_pending_runs_make_the_page_reload_itself_without_javascript(client, alice, inspection_a):
    _run(inspection_a, alice)
    text = _page(client, alice, inspection_a).text
    assert '<meta http-equiv="refresh"' in text and "js/report_runs.js" in text


# Force liaison


def test_liaison_sees_released_drafts_and_the_final_only(
    client, liaison, alice, inspection_a, media
):
    release_to_force(inspection_a)
    full = _succeeded(inspection_a, alice)
    theirs = _succeeded(inspection_a, liaison, released_only=True)
    response = _page(client, liaison, inspection_a)
    assert response.context["runs"] == [theirs]
    for name in ("reports:run_status", "reports:run_download"):
        assert client.get(reverse(name, args=[full.pk])).status_code == 404
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 200


def test_liaison_cannot_see_the_page_before_release(client, liaison, inspection_a):
    assert _page(client, liaison, inspection_a).status_code == 404


def test_liaison_request_is_limited_to_released_areas(
    client, liaison, inspection_a, queue, django_capture_on_commit_callbacks
):
    release_to_force(inspection_a)
    client.force_login(liaison)
    url = reverse("reports:inspection_report_request", args=[inspection_a.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert ReportRun.objects.get().released_only is True


# Status, download, preview


def test_status_of_a_queued_run_has_no_download(client, alice, inspection_a):
    run = _run(inspection_a, alice, queue_note=QUEUE_DOWN)
    client.force_login(alice)
    data = client.get(reverse("reports:run_status", args=[run.pk])).json()
    assert data["status"] == "queued" and data["done"] is False
    assert data["download_url"] is None and data["note"] == QUEUE_DOWN


def test_a_run_restarted_after_its_worker_stopped_says_so_on_the_page_and_in_its_status(
    client, alice, inspection_a, media
):
    note = "Restarted after its worker stopped responding (attempt 2)."
    running = _run(inspection_a, alice, status=RunStatus.RUNNING, attempts=2, restarts=1)
    done = _succeeded(inspection_a, alice, attempts=2, restarts=1)
    first_try = _succeeded(inspection_a, alice, attempts=1)
    client.force_login(alice)
    for run in (running, done):
        data = client.get(reverse("reports:run_status", args=[run.pk])).json()
        assert (data["note"], data["attempt"], data["restarted"]) == (note, 2, True)
    assert client.get(reverse("reports:run_status", args=[first_try.pk])).json()["note"] == ""
    page = _page(client, alice, inspection_a).text
    assert page.count(note) == 2


def test_status_of_a_succeeded_run_links_its_file(client, alice, inspection_a, media):
    run = _succeeded(inspection_a, alice, duration=1.25)
    client.force_login(alice)
    data = client.get(reverse("reports:run_status", args=[run.pk])).json()
    assert data["status_label"] == "Succeeded" and data["done"] is True
    assert data["pages"] == "2" and data["duration"] == "1.3 s"
    row = _page(client, alice, inspection_a).text
    assert "1.3 s" in row and data["size"] in row
    assert data["download_url"] == reverse("reports:run_download", args=[run.pk])


def test_download_is_the_pdf_as_an_attachment(client, alice, inspection_a, media):
    run = _succeeded(inspection_a, alice)
    client.force_login(alice)
    response = client.get(reverse("reports:run_download", args=[run.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{run.download_name}"'
    assert b"".join(response.streaming_content) == FAKE_PDF


def test_download_of_an_unfinished_or_lost_file_is_not_found(client, alice, inspection_a, media):
    queued = _run(inspection_a, alice)
    lost = _succeeded(inspection_a, alice)
    lost.file.storage.delete(lost.file.name)
    client.force_login(alice)
    for run in (queued, lost):
        assert client.get(reverse("reports:run_download", args=[run.pk])).status_code == 404


def test_liaison_preview_holds_only_the_released_areas(
    client, liaison, alice, inspection_a, monkeypatch
):
    release_to_force(inspection_a)
    calls = []

    def builder(**kwargs):
        calls.append(kwargs)
        return ReportDocument(title="T", html="<p>Preview</p>", data_hash="", draft=True)

    monkeypatch.setattr(run_views, "force_report_document", builder)
    url = reverse("reports:inspection_preview", args=[inspection_a.pk])
    for user in (liaison, alice):
        client.force_login(user)
        assert client.get(url).text == "<p>Preview</p>"
    assert [call["released_only"] for call in calls] == [True, False]


def test_preview_is_the_report_html_under_a_strict_policy(client, alice, inspection_a):
    client.force_login(alice)
    response = client.get(reverse("reports:inspection_preview", args=[inspection_a.pk]))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == (
        "default-src 'none'; style-src 'self'; img-src 'self' data:"
    )
    assert "Force A" in response.text and "<script" not in response.text


# The national report page


def test_national_preview_shows_drafts_to_leads_only(
    client, alice, hmi, programme_2008, inspection_a
):
    url = reverse("reports:programme_preview", args=[programme_2008.year])
    client.force_login(alice)
    assert client.get(url).status_code == 404
    client.force_login(hmi)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == run_views.PREVIEW_CSP
    assert "Force A" in response.text and "DRAFT" in response.text


def test_national_page_offers_drafts_to_leads_only(
    client, alice, hmi, programme_2008, inspection_a
):
    url = reverse("reports:programme_report", args=[programme_2008.year])
    client.force_login(alice)
    assert "Request draft report" not in client.get(url).text
    client.force_login(hmi)
    assert "Request draft report" in client.get(url).text


def test_national_draft_request_by_an_inspector_is_refused_with_a_message(
    client, alice, programme_2008, inspection_a, queue
):
    client.force_login(alice)
    url = reverse("reports:programme_report_request", args=[programme_2008.year])
    response = client.post(url, follow=True)
    assert response.status_code == 200 and "not published yet" in response.text
    assert not ReportRun.objects.exists()


def test_national_drafts_are_hidden_from_inspectors_and_finals_shown(
    client, alice, hmi, programme_2008, media
):
    draft = _succeeded(programme_2008, hmi)
    final = _succeeded(programme_2008, hmi, kind=RunKind.FINAL)
    client.force_login(alice)
    response = client.get(reverse("reports:programme_report", args=[programme_2008.year]))
    assert response.context["runs"] == [final]
    assert client.get(reverse("reports:run_download", args=[draft.pk])).status_code == 404
    assert client.get(reverse("reports:run_download", args=[final.pk])).status_code == 200


def test_unknown_programme_is_not_found(client, alice):
    client.force_login(alice)
    assert client.get(reverse("reports:programme_report", args=[1999])).status_code == 404


def test_national_grades_page_links_to_the_national_report(client, alice, programme_2008):
    client.force_login(alice)
    response = client.get(reverse("inspections:national_grades", args=[programme_2008.year]))
    assert reverse("reports:programme_report", args=[programme_2008.year]) in response.text


# Admin


def test_admin_requeues_failed_runs(
    client, admin_user, alice, inspection_a, queue, django_capture_on_commit_callbacks
):
    failed = _run(inspection_a, alice, status=RunStatus.FAILED, error="Boom")
    client.force_login(admin_user)
    changelist = reverse("admin:reports_reportrun_changelist")
    assert client.get(changelist).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist, {"action": "requeue_failed", "_selected_action": [failed.pk]}, follow=True
        )
    assert "1 failed run(s) sent to the queue again." in response.text
    failed.refresh_from_db()
    assert failed.status == RunStatus.QUEUED and queue.run_ids == [failed.pk]


def test_the_status_tag_class_has_one_definition_for_the_table_and_the_script(
    client, alice, inspection_a, media
):
    runs = [
        _run(inspection_a, alice, status=status) for status in (RunStatus.QUEUED, RunStatus.RUNNING)
    ]
    runs.append(_succeeded(inspection_a, alice))
    client.force_login(alice)
    page = _page(client, alice, inspection_a).text
    classes = set()
    for run in runs:
        data = client.get(reverse("reports:run_status", args=[run.pk])).json()
        assert data["status_class"] == RunStatus(run.status).badge_class
        assert f'data-field="status" class="govuk-tag {data["status_class"]}"' in page
        classes.add(data["status_class"])
    assert len(classes) == 3
    script = (settings.BASE_DIR / "static" / "js" / "report_runs.js").read_text()
    assert "data.status_class" in script and "govuk-tag--" not in script
