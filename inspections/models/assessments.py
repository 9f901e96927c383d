"""Judgements per inspection area and per criterion."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from grading import statements
from grading.models import Criterion, Framework, GradeLevel
from inspections.models.inspections import Inspection


class AssessmentStatus(models.TextChoices):
    DRAFTING = "drafting", "Drafting"
    SUBMITTED = "submitted", "Submitted for regional moderation"
    REGIONALLY_MODERATED = "regionally_moderated", "Regionally moderated"
    NATIONALLY_MODERATED = "nationally_moderated", "Nationally moderated"
    RELEASED = "released", "Released for factual-accuracy check"
    PUBLISHED = "published", "Published"


# The statuses in which an area is the force's to read: its draft, then its published report.
RELEASED_AREAS = (AssessmentStatus.RELEASED, AssessmentStatus.PUBLISHED)


class AreaAssessment(models.Model):
    """One inspection area of one inspection: its criteria, evidence and grade."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="areas")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    order = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        max_length=30, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFTING
    )
    proposed_grade = models.ForeignKey(
        GradeLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    grade_rationale = models.TextField(blank=True)
    final_grade = models.ForeignKey(
        GradeLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    contextual_factors = models.TextField(
        blank=True, help_text="The force's own context for this area, printed before the evidence."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "framework"], name="area_once_per_inspection"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection} – {self.framework.name}"

    @property
    def is_editable(self) -> bool:
        """Evidence, statements and proposals change only while the area is being drafted."""
        return self.status == AssessmentStatus.DRAFTING

    @property
    def is_released_to_force(self) -> bool:
        return self.status in RELEASED_AREAS

    @property
    def is_with_force(self) -> bool:
        """Released for the force's factual-accuracy check: it comments, the team answers."""
        return self.status == AssessmentStatus.RELEASED

    def clean(self) -> None:
        if not self.framework_id:
            return
        scheme_id = self.framework.scheme_id
        for field in ("proposed_grade", "final_grade"):
            grade = getattr(self, field)
            if grade is not None and grade.scheme_id != scheme_id:
                raise ValidationError({field: "Choose a grade from this area's grading scheme."})


class CriterionAssessment(models.Model):
    """The team's judgement on one criterion: its summary statement and evidence lists."""

    area = models.ForeignKey(AreaAssessment, on_delete=models.CASCADE, related_name="criteria")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="assessments")
    chosen_levels = models.JSONField(
        default=dict, blank=True, help_text="Chosen option per slot of the statement template."
    )
    statement = models.TextField(
        blank=True, help_text="The statement as printed: composed from the choices or overridden."
    )
    statement_overridden = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "criterion__parent__order", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["area", "criterion"], name="criterion_once_per_area"),
        ]

    def __str__(self) -> str:
        return f"{self.area} – {self.criterion.number}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:criterion_detail", args=[self.pk])

    def composed_statement(self) -> str:
        return statements.compose(self.criterion.statement_template, self.chosen_levels)

    def clean(self) -> None:
        if not (self.criterion_id and self.area_id):
            return
        if not isinstance(self.chosen_levels, dict):
            raise ValidationError({"chosen_levels": "Choices must map slot names to options."})
        problems = statements.invalid_choices(self.criterion.statement_template, self.chosen_levels)
        if problems:
            raise ValidationError({"chosen_levels": problems})
        if self.criterion.framework_id != self.area.framework_id:
            raise ValidationError(
                {"criterion": "The criterion belongs to another inspection area."}
            )
