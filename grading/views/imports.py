"""Import indicator results for many forces from one CSV file, previewed before saving.

The upload is checked and shown row by row; nothing is saved until the user confirms. The
confirm form carries the file's text signed, so what is saved is exactly what was previewed,
and it is checked again because forces, indicators or stored results may have changed since.
A row whose figure a published report prints is refused with its reason, and with it the
whole file.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core import signing
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_POST

from forces.models import Force
from grading.forms import IndicatorCsvUploadForm
from grading.indicator_csv import (
    COLUMN_NAMES,
    ParseResult,
    RowError,
    parse_indicator_csv,
    read_indicator_csv,
)
from grading.models import Indicator
from grading.result_locks import ResultKey, ResultsLocked, result_refusals
from grading.selectors import indicator_results_replaced
from grading.services import indicator_results_import

IMPORT_PERMISSION = "grading.import_indicator_results"
REPLACE_PERMISSION = "grading.change_indicatorresult"
SIGNING_SALT = "grading.indicator_import"
CONFIRM_WITHIN = 60 * 60  # seconds a preview may be confirmed for
_NOT_CONFIRMED = (
    "This import could not be confirmed: the preview is over an hour old or its content was "
    "altered. Nothing was saved; upload the file again."
)
_SAVED_MEANWHILE = (
    "Some of these results were saved by someone else at the same moment, so nothing was "
    "saved. Upload the file again to preview it against the latest figures."
)


def _lookups() -> dict:
    return {"forces": Force.objects.all(), "indicators": Indicator.objects.all()}


def _add_refusals(result: ParseResult, refusals: dict[ResultKey, str]) -> None:
    for row in result.rows:
        if row.key in refusals:
            message = (
                f"{row.force.name} {row.indicator.code} {row.year} cannot be imported: "
                f"{refusals[row.key]}, and the figures of a published report never change"
            )
            result.errors.append(RowError(row.line, "", message))


def _check_rows(user, result: ParseResult) -> dict:
    """Add the problems only the database shows; return the stored values rows replace."""
    _add_refusals(result, result_refusals(keys=[row.key for row in result.rows]))
    replaced = indicator_results_replaced(rows=result.rows)
    if replaced and not user.has_perm(REPLACE_PERMISSION):
        message = (
            f"{len(replaced)} rows would replace stored results, and your role may only add "
            "new ones; remove those rows or ask an administrator"
        )
        result.errors.append(RowError(None, "", message))
    return replaced


def _preview(request, result: ParseResult, replaced: dict):
    payload = ""
    if result.is_valid:
        content = {"user": request.user.pk, "csv": result.text}
        payload = signing.dumps(content, salt=SIGNING_SALT, compress=True)
    context = {
        "result": result,
        "rows": [(row, replaced.get(row.key)) for row in result.rows],
        "replace_count": len(replaced),
        "new_count": len(result.rows) - len(replaced),
        "payload": payload,
        "form": IndicatorCsvUploadForm(),
    }
    status = 200 if result.is_valid else 400
    return render(request, "grading/indicator_import_preview.html", context, status=status)


def _signed_csv(request) -> str:
    """The CSV text the preview signed for this user; BadSignature if absent, old or altered."""
    content = signing.loads(
        request.POST.get("payload", ""), salt=SIGNING_SALT, max_age=CONFIRM_WITHIN
    )
    if not isinstance(content, dict) or content.get("user") != request.user.pk:
        raise signing.BadSignature("Signed for another user.")
    if not isinstance(content.get("csv"), str):
        raise signing.BadSignature("No CSV in the payload.")
    return content["csv"]


@login_required
@permission_required(IMPORT_PERMISSION, raise_exception=True)
def indicator_import(request):
    form = IndicatorCsvUploadForm()
    if request.method == "POST":
        form = IndicatorCsvUploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = read_indicator_csv(form.cleaned_data["file"], **_lookups())
            return _preview(request, result, _check_rows(request.user, result))
    status = 400 if form.is_bound else 200
    return render(request, "grading/indicator_import.html", {"form": form}, status=status)


@login_required
@permission_required(IMPORT_PERMISSION, raise_exception=True)
@require_POST
def indicator_import_confirm(request):
    try:
        text = _signed_csv(request)
    except signing.BadSignature:
        messages.error(request, _NOT_CONFIRMED)
        return redirect("grading:indicator_import")
    result = parse_indicator_csv(text, **_lookups())
    replaced = _check_rows(request.user, result)
    if not result.is_valid:
        return _preview(request, result, replaced)
    try:
        counts = indicator_results_import(rows=result.rows, user=request.user)
    except ResultsLocked as locked:
        # Published after the check above: the import refused it under lock.
        _add_refusals(result, locked.refusals)
        return _preview(request, result, replaced)
    except IntegrityError:
        # Another import created one of these results between our check and our insert.
        messages.error(request, _SAVED_MEANWHILE)
        return redirect("grading:indicator_import")
    messages.success(
        request,
        f"Imported {len(result.rows)} result{pluralize(len(result.rows))}: "
        f"{counts['created']} new, {counts['updated']} replaced.",
    )
    return redirect("grading:indicator_import")


@login_required
@permission_required(IMPORT_PERMISSION, raise_exception=True)
def indicator_import_template(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="indicator-results-template.csv"'
    csv.writer(response).writerow(COLUMN_NAMES)
    return response
