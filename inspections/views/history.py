"""Shows django-simple-history records as who changed what, before and after."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from inspections.selectors import evidence_item_get_for_user

# Bookkeeping fields that change on every save and say nothing to a reader.
_SILENT = {"version", "updated_at", "created_at"}


def history_rows(records) -> list[dict]:
    """Oldest first: each record with the fields it changed against the one before."""
    rows, previous = [], None
    for record in records.order_by("history_date", "history_id"):
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=_SILENT)
            for change in delta.changes:
                field = record.instance_type._meta.get_field(change.field)
                changes.append({"field": field.verbose_name, "old": change.old, "new": change.new})
        summary = getattr(record, "text", None) or getattr(record, "statement", "")
        rows.append({"record": record, "changes": changes, "summary": summary})
        previous = record
    return list(reversed(rows))


@login_required
def evidence_history(request, pk):
    item = evidence_item_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "inspections/history.html",
        {
            "title": "History of an evidence item",
            "back_url": item.criterion_assessment.get_absolute_url() + f"#item-{item.pk}",
            "rows": history_rows(item.history.select_related("history_user")),
            "inspection": item.criterion_assessment.area.inspection,
        },
    )
