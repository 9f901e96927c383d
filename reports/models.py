"""Records of published reports imported into the product."""

from django.conf import settings
from django.db import models

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
    replaced = models.BooleanField(default=False, help_text="Replaced an earlier import.")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.source_name}"
