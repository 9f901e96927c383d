"""Report pages: request a report, watch its runs, download the PDF, preview the HTML, read
the report as an accessible web page.

Every object is fetched through a selector that 404s on what the user may not see; the
services decide the kind of run and whether the user may have it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat, floatformat
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from inspections.models import Programme
from inspections.selectors.inspections import inspection_get_for_user
from inspections.selectors.outcomes import programme_get_by_year
from reports.models import ReportRun, RunStatus
from reports.permissions import (
    inspection_is_published,
    programme_is_published,
    sees_inspection_as_liaison_only,
    sees_national_drafts,
    sees_national_text,
)
from reports.rendering.force import force_report_document, force_report_page_data
from reports.rendering.national import national_report_document, national_report_page_data
from reports.selectors import inspection_runs_for_user, programme_runs_for_user, run_get_for_user
from reports.services.runs import ReportRunRefused, report_run_request

# The preview is the report's own HTML: it may load the report CSS and inline images, and
# nothing else (no script, no frames, no fetches, no form posts).
PREVIEW_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:"


def run_status_data(run: ReportRun) -> dict:
    """What the status endpoint returns and report_runs.js writes into the run's row."""
    return {
        "id": run.pk,
        "status": run.status,
        "status_label": run.get_status_display(),
        "status_class": run.status_badge_class,
        "done": run.is_done,
        "pages": "" if run.pages is None else str(run.pages),
        "size": "" if run.size is None else filesizeformat(run.size),
        # The same filters as the runs table, so a row reads the same before and after an update.
        "duration": "" if run.duration is None else f"{floatformat(run.duration, '1u')} s",
        "note": run.note,
        "attempt": run.attempts,
        "restarted": run.restarts > 0,
        "download_url": (
            reverse("reports:run_download", args=[run.pk]) if run.is_downloadable else None
        ),
    }


def _page(request, template: str, context: dict, runs):
    runs = list(runs)
    pending = any(not run.is_done for run in runs)
    return render(request, template, {**context, "runs": runs, "pending": pending})


def _requested(request, redirect_to: str, **target):
    try:
        run = report_run_request(user=request.user, **target)
    except ReportRunRefused as exc:
        messages.error(request, str(exc))
        return redirect(redirect_to)
    if run.queue_note:
        messages.warning(request, run.queue_note)
    elif run.status == RunStatus.SUCCEEDED:
        messages.info(request, "The published report is ready: download it below.")
    else:
        messages.success(request, "Report requested. Its status below updates by itself.")
    return redirect(redirect_to)


@login_required
@require_GET
def inspection_report(request, pk):
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    context = {"inspection": inspection, "published": inspection_is_published(inspection)}
    runs = inspection_runs_for_user(user=request.user, inspection=inspection)
    return _page(request, "reports/runs/inspection.html", context, runs)


@login_required
@require_POST
def inspection_report_request(request, pk):
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    target = reverse("reports:inspection_report", args=[inspection.pk])
    return _requested(request, target, inspection=inspection)


@login_required
@require_GET
def inspection_preview(request, pk):
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    released_only = sees_inspection_as_liaison_only(request.user, inspection)
    document = force_report_document(inspection_id=inspection.pk, released_only=released_only)
    return _preview(document.html)


@login_required
@require_GET
def inspection_report_html(request, pk):
    """The report as an accessible web page, from the same data as the PDF; who may see
    what is decided exactly as for the preview."""
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    released_only = sees_inspection_as_liaison_only(request.user, inspection)
    report = force_report_page_data(inspection_id=inspection.pk, released_only=released_only)
    context = {"inspection": inspection, "report": report, "released_only": released_only}
    return render(request, "reports/html/force_report.html", context)


def _preview(html: str) -> HttpResponse:
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = PREVIEW_CSP
    return response


@login_required
@require_GET
def programme_report(request, year):
    programme = programme_get_by_year(year=year)
    published = programme_is_published(programme)
    context = {
        "programme": programme,
        "published": published,
        "may_request": published or sees_national_drafts(request.user),
        "sees_text": sees_national_text(request.user, programme),
    }
    runs = programme_runs_for_user(user=request.user, programme=programme)
    return _page(request, "reports/runs/programme.html", context, runs)


def _national_report_for_user(user, year: int) -> Programme:
    """The programme of `year`, if `user` may read its national report: drafts carry grades
    not yet published, so only those who may request a draft see one. 404 otherwise."""
    programme = programme_get_by_year(year=year)
    if not (programme_is_published(programme) or sees_national_drafts(user)):
        raise Http404("No national report to show.")
    return programme


@login_required
@require_GET
def programme_preview(request, year):
    programme = _national_report_for_user(request.user, year)
    return _preview(national_report_document(programme_id=programme.pk).html)


@login_required
@require_GET
def programme_report_html(request, year):
    """The national report as an accessible web page, from the same data as the PDF; who may
    see it is decided exactly as for the preview."""
    programme = _national_report_for_user(request.user, year)
    report = national_report_page_data(programme_id=programme.pk)
    context = {"programme": programme, "report": report}
    return render(request, "reports/html/national_report.html", context)


@login_required
@require_POST
def programme_report_request(request, year):
    programme = programme_get_by_year(year=year)
    target = reverse("reports:programme_report", args=[programme.year])
    return _requested(request, target, programme=programme)


@login_required
@require_GET
def run_status(request, pk):
    run = run_get_for_user(user=request.user, pk=pk)
    return JsonResponse(run_status_data(run))


@login_required
@require_GET
def run_download(request, pk):
    run = run_get_for_user(user=request.user, pk=pk)
    if not run.is_downloadable:
        raise Http404("This report has no file yet.")
    try:
        handle = run.file.open("rb")
    except FileNotFoundError:
        raise Http404("The report's file is missing.") from None
    return FileResponse(
        handle, as_attachment=True, filename=run.download_name, content_type="application/pdf"
    )
