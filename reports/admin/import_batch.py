"""The admin's import of several reports at once: one preview page, one confirmation.

Each file is dry-run on upload and waits under its own token (reports.admin.imports), so the
confirmation imports exactly the bytes previewed, each in its own transaction: a file
refused at either step is listed with its reason and the others are imported all the same.
"""

from reports.admin.import_summary import summary_view, warning_label
from reports.importer.batch import BatchOutcome
from reports.importer.errors import ImportRefused
from reports.importer.service import report_import


def _row(outcome: BatchOutcome, token: str = "") -> dict:
    summary = summary_view(outcome.result.summary) if outcome.result else None
    return {
        "outcome": outcome,
        "token": token,
        "summary": summary,
        "warning_labels": [warning_label(warning) for warning in outcome.warnings],
    }


def preview_many(model_admin, request, *, uploads, options: dict, save_pending):
    """Dry-run every upload; those the importer accepts wait for the confirmation."""
    rows = []
    for name, data in uploads:
        file_options = {**options, "source_name": name}
        try:
            result = report_import(data=data, user=request.user, dry_run=True, **file_options)
        except ImportRefused as exc:
            rows.append(_row(BatchOutcome(source_name=name, error=exc.message)))
            continue
        token = save_pending(request, data=data, options=file_options)
        outcome = BatchOutcome(source_name=name, result=result, warnings=result.warnings)
        rows.append(_row(outcome, token))
    context = {"rows": rows, "options": options, "tokens": [r["token"] for r in rows if r["token"]]}
    return model_admin._render(request, "import_preview_many.html", context)


def confirm_many(model_admin, request, *, tokens: list[str], take_pending, not_confirmed: str):
    """Import each previewed file in its own transaction; list what each became."""
    rows = []
    for token in tokens:
        taken = take_pending(request, token)
        if taken is None:
            rows.append(_row(BatchOutcome(source_name="(unknown)", error=not_confirmed)))
            continue
        data, entry = taken
        options = {key: entry[key] for key in ("source_name", "programme_year", "replace")}
        try:
            result = report_import(data=data, user=request.user, dry_run=False, **options)
        except ImportRefused as exc:
            rows.append(_row(BatchOutcome(source_name=options["source_name"], error=exc.message)))
            continue
        outcome = BatchOutcome(
            source_name=options["source_name"], result=result, warnings=result.warnings
        )
        rows.append(_row(outcome))
    status = 200 if all(row["outcome"].ok for row in rows) else 400
    context = {"rows": rows, "imported": sum(1 for row in rows if row["outcome"].ok)}
    return model_admin._render(request, "import_done_many.html", context, status)
