"""The force's factual-accuracy comments on its released draft, and the team's answers.

The tables keep the names they had when these models lived in `inspections`
(moderation 0001 moved them without moving a row).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from inspections.models import AreaAssessment, CriterionAssessment

_USER = settings.AUTH_USER_MODEL


class CommentResponse(models.TextChoices):
    ACCEPTED = "accepted", "Accepted with change"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class CommentQuerySet(models.QuerySet):
    def unanswered(self) -> "CommentQuerySet":
        """Comments the team has not answered yet (they hold up publication)."""
        return self.filter(response="")


class FactualAccuracyComment(models.Model):
    """A force's comment on one section of its draft report, and the team's answer.

    A section is a criterion, or the area's summary of judgement when no criterion is set.
    """

    area = models.ForeignKey(
        AreaAssessment, on_delete=models.CASCADE, related_name="factual_comments"
    )
    criterion_assessment = models.ForeignKey(
        CriterionAssessment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="factual_comments",
    )
    comment = models.TextField()
    proposed_correction = models.TextField()
    author = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    response = models.CharField(max_length=20, choices=CommentResponse.choices, blank=True)
    response_text = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    objects = CommentQuerySet.as_manager()
    history = HistoricalRecords(table_name="inspections_historicalfactualaccuracycomment")

    class Meta:
        db_table = "inspections_factualaccuracycomment"
        ordering = ["area", "created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment on {self.section_name}"

    @property
    def is_open(self) -> bool:
        return not self.response

    @property
    def section_name(self) -> str:
        if self.criterion_assessment_id is None:
            return f"{self.area.framework.name}: summary of judgement"
        criterion = self.criterion_assessment.criterion
        return f"{self.area.framework.name} {criterion.number}"
