"""An administrator's correction of evidence or a statement the team can no longer change."""

from django.conf import settings
from django.db import models

from inspections.models.assessments import AreaAssessment, CriterionAssessment
from inspections.models.evidence import EvidenceItem


class CorrectionField(models.TextChoices):
    EVIDENCE_TEXT = "evidence_text", "Evidence item text"
    EVIDENCE_LEAD = "evidence_lead", "Evidence item lead phrase"
    STATEMENT = "statement", "Summary statement"


class Correction(models.Model):
    """Who corrected what, when and why, with the text before and after. Written only by
    `inspections.services.corrections`; never edited."""

    area = models.ForeignKey(AreaAssessment, on_delete=models.PROTECT, related_name="corrections")
    criterion_assessment = models.ForeignKey(
        CriterionAssessment, on_delete=models.PROTECT, related_name="corrections"
    )
    # The item may later be deleted after a referral back; the record stays.
    evidence_item = models.ForeignKey(
        EvidenceItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
    )
    field = models.CharField(max_length=30, choices=CorrectionField.choices)
    area_status = models.CharField(max_length=30, help_text="The area's status when corrected.")
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)
    reason = models.TextField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-made_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_field_display()} corrected on {self.criterion_assessment}"
