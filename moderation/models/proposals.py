"""The lead inspector's grade proposals, kept as records.

The tables keep the names they had when these models lived in `inspections`
(moderation 0001 moved them without moving a row).
"""

from django.conf import settings
from django.db import models

from grading.models import GradeLevel
from inspections.models import AreaAssessment

_USER = settings.AUTH_USER_MODEL


class GradeProposal(models.Model):
    """One proposal of the lead inspector; the latest is mirrored on the area assessment."""

    area = models.ForeignKey(AreaAssessment, on_delete=models.CASCADE, related_name="proposals")
    grade = models.ForeignKey(GradeLevel, on_delete=models.PROTECT, related_name="+")
    rationale = models.TextField()
    guidance_code = models.CharField(max_length=40, blank=True)
    guidance_text = models.TextField(blank=True, help_text="The indicator guidance when proposed.")
    departure_reason = models.TextField(
        blank=True, help_text="Why the grade differs from the indicator guidance."
    )
    proposed_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "inspections_gradeproposal"
        ordering = ["area", "-proposed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.area}: {self.grade} proposed"
