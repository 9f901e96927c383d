"""Developing practice submitted by forces."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from grading.models import Framework
from inspections.models.inspections import Inspection


class DevelopingPractice(models.Model):
    """A force's example of good practice, submitted for possible publication."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="developing_practice"
    )
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="developing_practice",
        verbose_name="inspection area",
    )
    title = models.CharField(max_length=250)
    problem = models.TextField()
    solution = models.TextField()
    evaluation = models.TextField(blank=True)
    external_validation = models.TextField(blank=True)
    outcomes = models.TextField(blank=True)
    contact = models.TextField(help_text="Name, address, telephone or e-mail of the force contact.")
    selected_for_publication = models.BooleanField(default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="developing_practice"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "framework", "title"]
        verbose_name_plural = "developing practice"

    def __str__(self) -> str:
        return self.title
