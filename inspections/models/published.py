"""Parts of a published report kept as printed: overview tables, indicator calls, glossary."""

from django.db import models
from simple_history.models import HistoricalRecords

from grading.models import Indicator
from inspections.models.assessments import AreaAssessment
from inspections.models.inspections import Inspection


class OverviewTable(models.Model):
    """A table of the force overview (population, ethnicity...), rows of plain-text cells."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="overview_tables"
    )
    section = models.CharField(max_length=150, blank=True)
    order = models.PositiveSmallIntegerField()
    header = models.JSONField(default=list, help_text="The header row's cells.")
    rows = models.JSONField(default=list, help_text="Each row a list of cells.")

    class Meta:
        ordering = ["inspection", "order"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "order"], name="overview_table_order"),
        ]

    def __str__(self) -> str:
        return f"{self.inspection}: {' / '.join(self.header)[:60]}"


class PublishedIndicatorCall(models.Model):
    """The calls a published report printed for an indicator, kept beside the engine's own."""

    area = models.ForeignKey(
        AreaAssessment, on_delete=models.CASCADE, related_name="published_calls"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    vs_msf = models.CharField(max_length=60, blank=True)
    vs_previous = models.CharField(max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "indicator__order"]
        constraints = [
            models.UniqueConstraint(fields=["area", "indicator"], name="published_call_once"),
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.indicator.code}"


class InspectionGlossaryEntry(models.Model):
    """An abbreviation as one inspection's report printed it in its glossary."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="glossary")
    order = models.PositiveSmallIntegerField()
    abbreviation = models.CharField(max_length=30)
    meaning = models.CharField(max_length=250)

    class Meta:
        ordering = ["inspection", "order"]
        verbose_name_plural = "inspection glossary entries"
        constraints = [
            models.UniqueConstraint(fields=["inspection", "order"], name="glossary_entry_order"),
        ]

    def __str__(self) -> str:
        return f"{self.abbreviation} – {self.meaning}"
