"""The default standard report texts (programme empty), from reports/texts.py."""

from django.db import migrations

from reports.texts import DEFAULT_TEXTS


def create_defaults(apps, schema_editor):
    ReportText = apps.get_model("reports", "ReportText")
    for key, (title, body) in DEFAULT_TEXTS.items():
        # An administrator's default row, if one exists already, is kept as it is.
        if not ReportText.objects.filter(key=key, programme__isnull=True).exists():
            ReportText.objects.create(key=key, programme=None, title=title, body=body)


def remove_defaults(apps, schema_editor):
    ReportText = apps.get_model("reports", "ReportText")
    ReportText.objects.filter(programme__isnull=True, key__in=list(DEFAULT_TEXTS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_report_runs_and_texts"),
    ]

    operations = [
        migrations.RunPython(create_defaults, remove_defaults),
    ]
