"""Programmes: which inspection areas a year's inspections cover, and the glossary."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from grading.models import Framework, GradingScheme


class Programme(models.Model):
    """A year's inspection programme: which areas every inspected force is graded on."""

    year = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=150)
    scheme = models.ForeignKey(GradingScheme, on_delete=models.PROTECT, related_name="programmes")
    frameworks = models.ManyToManyField(
        Framework, through="ProgrammeFramework", related_name="programmes"
    )
    period_start = models.DateField(help_text="First day of the assessment period.")
    period_end = models.DateField(help_text="Last day of the assessment period.")
    data_period_label = models.CharField(
        max_length=80,
        blank=True,
        help_text="How reports name the data year, e.g. 'year ending March 2008'.",
    )
    description = models.TextField(blank=True)
    national_published_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the national report was published, if not the day its last force "
        "report was (a report known only from an import has no force reports).",
    )
    response_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Days after publication that responses to its recommendations are due; "
        "empty: the RECOMMENDATION_RESPONSE_DAYS setting (56 by default).",
    )

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="programme_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProgrammeFramework(models.Model):
    """An area in a programme, in the order the report prints it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="areas")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["programme", "order"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "framework"], name="programme_area_once"),
            models.UniqueConstraint(fields=["programme", "order"], name="programme_area_order"),
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.framework}"

    def clean(self) -> None:
        if not (self.framework_id and self.programme_id):
            return  # the missing field reports its own error
        if self.framework.scheme_id != self.programme.scheme_id:
            raise ValidationError(
                {"framework": "This area is graded on a different scheme from the programme's."}
            )


class GlossaryTerm(models.Model):
    """An abbreviation a report may use; a report's glossary prints only those it uses."""

    abbreviation = models.CharField(max_length=30, unique=True)
    meaning = models.CharField(max_length=250)

    class Meta:
        ordering = ["abbreviation"]

    def __str__(self) -> str:
        return f"{self.abbreviation} – {self.meaning}"
