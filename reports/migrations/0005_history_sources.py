"""Name the import on the history rows earlier imports wrote, as imports now do themselves
(importer.service.history_source): "import of <file> (import #<number>)".

Only an imported inspection's own rows are labelled, and only those written up to the end of
its import (the import created the inspection, so every earlier row is the import's); later
rows, written by people, are left as they are. Rows that already name a source are kept.
"""

from django.db import migrations
from django.db.models import Q

# django-simple-history's reason field; the wording must fit it with the import's number.
REASON_LIMIT = 100


def _source(name: str, number: int) -> str:
    suffix = f" (import #{number})"
    room = REASON_LIMIT - len("import of ") - len(suffix)
    return f"import of {name if len(name) <= room else name[: room - 1] + '…'}{suffix}"


def _ids(rows) -> list[int]:
    return list(rows.values_list("id", flat=True).distinct())


def _inspection_rows(apps, inspection_id: int) -> list:
    def history(name):
        return apps.get_model("inspections", f"Historical{name}").objects

    areas = _ids(history("AreaAssessment").filter(inspection_id=inspection_id))
    criteria = _ids(history("CriterionAssessment").filter(area_id__in=areas))
    items = _ids(history("EvidenceItem").filter(criterion_assessment_id__in=criteria))
    return [
        history("Inspection").filter(id=inspection_id),
        history("AreaAssessment").filter(id__in=areas),
        history("CriterionAssessment").filter(id__in=criteria),
        history("EvidenceItem").filter(id__in=items),
        history("EvidenceAttachment").filter(item_id__in=items),
        history("NoneIdentified").filter(criterion_assessment_id__in=criteria),
        history("FactualAccuracyComment").filter(area_id__in=areas),
        history("PublishedIndicatorCall").filter(area_id__in=areas),
        history("DevelopingPractice").filter(inspection_id=inspection_id),
    ]


def label_imported_rows(apps, schema_editor):
    ReportImport = apps.get_model("reports", "ReportImport")
    unlabelled = Q(history_change_reason__isnull=True) | Q(history_change_reason="")
    imports = ReportImport.objects.filter(inspection__isnull=False).order_by("imported_at")
    for record in imports:
        source = _source(record.source_name, record.pk)
        for rows in _inspection_rows(apps, record.inspection_id):
            rows.filter(unlabelled, history_date__lte=record.imported_at).update(
                history_change_reason=source
            )


class Migration(migrations.Migration):
    # It reads the moderation models' history where they lived then, in `inspections`.
    run_before = [("inspections", "0008_moderation_models_move_out")]
    dependencies = [
        ("reports", "0004_report_run_heartbeat"),
        ("inspections", "0005_moderation"),
    ]

    operations = [
        migrations.RunPython(label_imported_rows, migrations.RunPython.noop),
    ]
