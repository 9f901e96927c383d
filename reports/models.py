"""Records of published reports imported into the product."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from forces.models import Force
from inspections.models import Inspection, Programme


class ImportKind(models.TextChoices):
    FORCE = "force", "Force report"
    THEMATIC = "thematic", "National (thematic) report"


class ReportImport(models.Model):
    """One successful import of a published report: what, from which file, by whom, and every
    warning the importer raised. Kept when a later import replaces the inspection."""

    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="+")
    force = models.ForeignKey(
        Force, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    inspection = models.ForeignKey(
        Inspection, on_delete=models.SET_NULL, null=True, blank=True, related_name="imports"
    )
    source_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    summary = models.JSONField(default=dict)
    warnings = models.JSONField(default=list)
    coverage = models.JSONField(
        default=dict,
        blank=True,
        help_text="How much of the file was used (reports.importer.coverage): lines used, "
        "reported as standard text, not understood, page furniture; lists and items per area.",
    )
    replaced = models.BooleanField(default=False, help_text="Replaced an earlier import.")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.source_name}"


class ReportTextKey(models.TextChoices):
    """The inspectorate's standard sections, printed in every report of a programme."""

    INTRODUCTION = "introduction", "Introduction to inspections"
    PROGRAMME = "programme", "The inspection programme"
    INDICATORS = "indicators", "Survey indicators"
    DEVELOPING_PRACTICE = "developing_practice", "Developing practice"
    GRADING_PROCESS = "grading_process", "The grading process"
    SIGNIFICANCE = "significance", "How indicator significance is assessed"
    NATIONAL_SUMMARY = "national_summary", "National report: summary"


class ReportText(models.Model):
    """Standard report text, edited in the admin. A row for a programme overrides the row
    without one (the default for every programme). Body: paragraphs separated by a blank
    line; lines starting with "- " are printed as a bulleted list."""

    key = models.CharField(max_length=40, choices=ReportTextKey.choices)
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_texts",
        help_text="Leave empty for the default used by every programme.",
    )
    title = models.CharField(max_length=200)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "programme__year"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "programme"], name="report_text_once_per_programme"
            ),
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(programme__isnull=True),
                name="report_text_one_default",
            ),
        ]

    def __str__(self) -> str:
        scope = self.programme.year if self.programme_id else "default"
        return f"{self.get_key_display()} ({scope})"


class RunKind(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final (published)"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"

    @property
    def badge_class(self) -> str:
        """The status tag's colour (a govuk-tag modifier; the tag's text names the status): the
        runs table and report_runs.js both take it from here."""
        return _RUN_BADGES[self]


_RUN_BADGES = {
    RunStatus.QUEUED: "govuk-tag--grey",
    RunStatus.RUNNING: "govuk-tag--blue",
    RunStatus.SUCCEEDED: "govuk-tag--green",
    RunStatus.FAILED: "govuk-tag--red",
}


def _run_file_path(run: "ReportRun", filename: str) -> str:
    # One name per run, so a render repeated after a lost worker replaces its own file.
    return f"report-runs/{run.pk}/{filename}"


class ReportRun(models.Model):
    """One request to render a report (a force report for an inspection, or a programme's
    national report) and what became of it. A succeeded final run is the published report:
    its file, SHA-256, template version and data hash never change."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, null=True, blank=True, related_name="report_runs"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="report_runs"
    )
    kind = models.CharField(max_length=10, choices=RunKind.choices, default=RunKind.DRAFT)
    released_only = models.BooleanField(
        default=False,
        help_text="Only the areas released to the force (a draft requested by its liaison).",
    )
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="report_runs"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration = models.FloatField(null=True, blank=True, help_text="Seconds spent rendering.")
    attempts = models.PositiveSmallIntegerField(default=0)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="The last sign of life from the worker rendering the run."
    )
    worker = models.CharField(
        max_length=200, blank=True, help_text="Host and process id of the latest attempt."
    )
    restarts = models.PositiveSmallIntegerField(
        default=0, help_text="Times the run was taken over after its worker stopped responding."
    )
    queue_note = models.CharField(
        max_length=300, blank=True, help_text="Why the run is waiting, e.g. the queue is down."
    )
    pages = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(upload_to=_run_file_path, max_length=200, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    data_hash = models.CharField(max_length=64, blank=True)
    template_version = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "heartbeat_at"], name="report_run_status_heartbeat")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(inspection__isnull=True, programme__isnull=False)
                | models.Q(inspection__isnull=False, programme__isnull=True),
                name="report_run_inspection_or_programme",
            ),
            # One published report per inspection and per programme.
            models.UniqueConstraint(
                fields=["inspection"],
                condition=models.Q(kind="final", status="succeeded", inspection__isnull=False),
                name="report_run_one_final_per_inspection",
            ),
            models.UniqueConstraint(
                fields=["programme"],
                condition=models.Q(kind="final", status="succeeded", programme__isnull=False),
                name="report_run_one_final_per_programme",
            ),
        ]

    def __str__(self) -> str:
        target = self.inspection or f"National report {self.programme}"
        return f"{self.get_kind_display()} – {target} – {self.get_status_display()}"

    @property
    def status_badge_class(self) -> str:
        return RunStatus(self.status).badge_class

    @property
    def is_done(self) -> bool:
        return self.status in (RunStatus.SUCCEEDED, RunStatus.FAILED)

    @property
    def is_downloadable(self) -> bool:
        return self.status == RunStatus.SUCCEEDED and bool(self.file)

    @property
    def note(self) -> str:
        """What the runs table says beside the status: the error of a failed run or why a
        queued one waits, and, once a run has been taken over, that it was restarted."""
        restarted = ""
        if self.restarts and self.status != RunStatus.QUEUED:
            restarted = f"Restarted after its worker stopped responding (attempt {self.attempts})."
        return " ".join(part for part in (self.error or self.queue_note, restarted) if part)

    @property
    def download_name(self) -> str:
        if self.inspection_id:
            name = f"{self.inspection.force.slug}-{self.inspection.programme.year}"
        else:
            name = f"national-{self.programme.year}"
        return f"{name}-{self.kind}.pdf"
