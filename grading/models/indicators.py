"""Survey indicators and the results forces report for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from forces.models import Force


class SurveySource(models.TextChoices):
    BRITISH_CRIME_SURVEY = "bcs", "British Crime Survey"
    USER_SATISFACTION = "user_satisfaction", "User satisfaction survey"


class Indicator(models.Model):
    """A survey indicator such as SPI 2a, compared with most similar forces and over time."""

    code = models.CharField(max_length=20, unique=True, help_text="e.g. 'SPI 2a' or 'KDI'.")
    name = models.CharField(max_length=300)
    survey_source = models.CharField(max_length=30, choices=SurveySource.choices)
    higher_is_better = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"


class IndicatorResult(models.Model):
    """A force's survey result for one indicator in one data year.

    `year` is the year the data period ends (2008 for the year ending March 2008). Sample
    sizes left empty come from the programme's survey settings. The published figures
    (difference from the MSF, change over two years, SPI 3b gap) are kept as printed, because
    they were computed before rounding and decide the calls.
    """

    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="indicator_results")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="results")
    year = models.PositiveSmallIntegerField(help_text="Year the data period ends, e.g. 2008.")
    value = models.DecimalField(max_digits=5, decimal_places=2, help_text="Percentage, 0-100.")
    sample_size = models.PositiveIntegerField(null=True, blank=True)
    msf_value = models.DecimalField(
        "published MSF average", max_digits=5, decimal_places=2, null=True, blank=True
    )
    msf_sample_size = models.PositiveIntegerField("MSF sample size", null=True, blank=True)
    msf_difference = models.DecimalField(
        "published difference from MSF (pp)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    change = models.DecimalField(
        "published change over two years (pp)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    gap = models.DecimalField(
        "gap to white users (pp)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="SPI 3b only: how many points less satisfied minority ethnic users are.",
    )
    source = models.CharField(max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["force__name", "indicator__order", "-year"]
        # Importing replaces many forces' figures at once, so it is granted on its own (to
        # administrators), apart from adding or changing one result in the admin.
        permissions = [
            ("import_indicator_results", "Can import indicator results for many forces"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["force", "indicator", "year"], name="indicator_result_once_per_year"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0, value__lte=100), name="indicator_value_percentage"
            ),
            models.CheckConstraint(
                condition=Q(msf_value__isnull=True) | Q(msf_value__gte=0, msf_value__lte=100),
                name="indicator_msf_value_percentage",
            ),
            models.CheckConstraint(
                condition=Q(sample_size__isnull=True) | Q(sample_size__gt=0),
                name="indicator_sample_positive",
            ),
            models.CheckConstraint(
                condition=Q(msf_sample_size__isnull=True) | Q(msf_sample_size__gt=0),
                name="indicator_msf_sample_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.force} {self.indicator.code} {self.year}: {self.value}%"
