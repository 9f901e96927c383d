"""Grading schemes and their grade levels."""

from django.db import models
from django.db.models import Q


class GradingScheme(models.Model):
    """A set of grades a programme judges against, e.g. the 2007 four-point scale."""

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GradeLevel(models.Model):
    """One grade of a scheme. `rank` 1 is the best grade."""

    scheme = models.ForeignKey(GradingScheme, on_delete=models.CASCADE, related_name="levels")
    rank = models.PositiveSmallIntegerField(help_text="1 is the best grade.")
    label = models.CharField(max_length=60)
    short_label = models.CharField(
        max_length=30, blank=True, help_text="For national tables, e.g. 'Meets'."
    )
    descriptor = models.TextField(help_text="What a force must show to be given this grade.")

    class Meta:
        ordering = ["scheme", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "rank"], name="grade_level_unique_rank"),
            models.UniqueConstraint(fields=["scheme", "label"], name="grade_level_unique_label"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="grade_level_rank_positive"),
        ]

    def __str__(self) -> str:
        return self.label
