"""Programme-level records of a national (thematic) report: recommendations, every force's
published grade per area, and the national distribution of grades."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from forces.models import Force
from grading.models import Framework, GradeLevel
from inspections.models.programmes import Programme


class Recommendation(models.Model):
    """A numbered recommendation of a programme's national report."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    addressed_to = models.CharField(
        max_length=300, blank=True, help_text="Who is asked to act, e.g. 'chief officers'."
    )
    # Whose response is tracked: every territorial force (each answered by its liaison)
    # and/or named national bodies. `addressed_to` stays the words the report prints.
    to_all_forces = models.BooleanField(
        default=False, help_text="Every territorial force is asked to respond."
    )
    bodies = models.ManyToManyField(
        "inspections.AddresseeBody", blank=True, related_name="recommendations"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="recommendation_number_once"
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="recommendation_has_text"),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number} ({self.programme.year})"


class PublishedGrade(models.Model):
    """A force's grade in an area as a national report printed it."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="published_grades"
    )
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="published_grades")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    grade = models.ForeignKey(GradeLevel, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "force__name", "framework"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "force", "framework"], name="published_grade_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.force} – {self.framework.name}: {self.grade.label}"

    def clean(self) -> None:
        if self.framework_id and self.grade_id and self.grade.scheme_id != self.framework.scheme_id:
            raise ValidationError({"grade": "Choose a grade from this area's grading scheme."})


class GradeDistribution(models.Model):
    """How many forces a national report printed at each grade of an area."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="grade_distributions"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    grade = models.ForeignKey(GradeLevel, on_delete=models.PROTECT, related_name="+")
    forces = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "framework", "grade__rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "framework", "grade"], name="grade_distribution_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework.name}: {self.grade.label} {self.forces}"
