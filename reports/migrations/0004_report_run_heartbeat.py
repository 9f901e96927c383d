from django.db import migrations, models
from django.db.models import F


def running_runs_beat_at_their_start(apps, schema_editor):
    # A run a worker of the previous version is rendering has no heartbeat; counting from its
    # start gives it one stale period before another worker may take it over.
    ReportRun = apps.get_model("reports", "ReportRun")
    ReportRun.objects.filter(status="running").update(heartbeat_at=F("started_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_default_report_texts"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="reportrun",
            name="report_run_status",
        ),
        migrations.AddField(
            model_name="reportrun",
            name="heartbeat_at",
            field=models.DateTimeField(
                blank=True,
                help_text="The last sign of life from the worker rendering the run.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="reportrun",
            name="restarts",
            field=models.PositiveSmallIntegerField(
                default=0,
                help_text="Times the run was taken over after its worker stopped responding.",
            ),
        ),
        migrations.AddField(
            model_name="reportrun",
            name="worker",
            field=models.CharField(
                blank=True, help_text="Host and process id of the latest attempt.", max_length=200
            ),
        ),
        migrations.AddIndex(
            model_name="reportrun",
            index=models.Index(
                fields=["status", "heartbeat_at"], name="report_run_status_heartbeat"
            ),
        ),
        migrations.RunPython(running_runs_beat_at_their_start, migrations.RunPython.noop),
    ]
