"""Follow-ups: the earlier inspection's areas for improvement, assessed in the next one."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from inspections.models.assessments import CriterionAssessment
from inspections.models.evidence import EvidenceItem
from inspections.models.inspections import Inspection


class InspectionOpening(models.Model):
    """How an inspection was opened (inspections/services/opening.py): by whom, when, and
    from which of the force's earlier published inspections, if any.

    Opening copies the earlier force overview as a draft the team must review:
    `overview_needs_review` stays set until the team saves the overview.
    """

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="opening")
    previous = models.ForeignKey(
        Inspection, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    overview_needs_review = models.BooleanField(default=False)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.inspection} opened" + (f" from {self.previous}" if self.previous else "")


class FollowUpOutcome(models.TextChoices):
    ADDRESSED = "addressed", "Addressed"
    PARTLY_ADDRESSED = "partly_addressed", "Partly addressed"
    NOT_ADDRESSED = "not_addressed", "Not addressed"
    NO_LONGER_RELEVANT = "no_longer_relevant", "No longer relevant"


class FollowUp(models.Model):
    """One area for improvement of the force's previous published inspection, carried into
    its next one to be assessed.

    It sits under the criterion of the new framework that succeeds the one it was recorded
    against (`grading.CriterionMapping`), or under the inspection as a whole
    (`criterion_assessment` empty) when its area has no successor. The earlier item's words,
    area and criterion are copied, so the follow-up reads the same whatever happens later.
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="follow_ups")
    criterion_assessment = models.ForeignKey(
        CriterionAssessment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    order = models.PositiveIntegerField()
    source_inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="followed_up_in"
    )
    source_item = models.ForeignKey(
        EvidenceItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_area = models.CharField("earlier area", max_length=150)
    source_criterion = models.CharField("earlier criterion", max_length=400, blank=True)
    lead = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    sub_points = models.JSONField(default=list, blank=True)
    outcome = models.CharField(max_length=30, choices=FollowUpOutcome.choices, blank=True)
    evidence = models.TextField(blank=True, help_text="What the team saw.")
    account = models.TextField(blank=True, help_text="A short account of the progress made.")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assessed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "order"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "order"], name="follow_up_order"),
        ]

    def __str__(self) -> str:
        return f"{self.inspection}: follow-up of “{self.text[:60]}”"

    def get_absolute_url(self) -> str:
        if self.criterion_assessment_id:
            return self.criterion_assessment.get_absolute_url() + f"#follow-up-{self.pk}"
        return reverse("inspections:inspection_follow_ups", args=[self.inspection_id])

    @property
    def is_assessed(self) -> bool:
        return bool(self.outcome)
