"""How a programme's survey indicators are sampled and assessed, and how calls are worded."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from forces.models import Force
from inspections.models.programmes import Programme

# Defaults of the 2007/08 surveys: the British Crime Survey interviews about 1,000 people per
# force a year; forces' user satisfaction surveys 600 per command unit; the minority ethnic
# sample of SPI 3b is about 100 a year; the MSF sample is taken as seven forces' worth.
DEFAULTS = {
    "bcs_sample_per_force": 1000,
    "user_sample_per_unit": 600,
    "minority_sample_per_year": 100,
    "msf_multiplier": Decimal("7"),
    "deft_bcs": Decimal("1.30"),
    "deft_user": Decimal("1.00"),
    "confidence": Decimal("0.95"),
}


class SurveySettingsFields(models.Model):
    bcs_sample_per_force = models.PositiveIntegerField(
        "BCS interviews per force a year", null=True, blank=True
    )
    user_sample_per_unit = models.PositiveIntegerField(
        "user survey interviews per command unit a year", null=True, blank=True
    )
    minority_sample_per_year = models.PositiveIntegerField(
        "SPI 3b minority ethnic sample a year", null=True, blank=True
    )
    msf_multiplier = models.DecimalField(
        "MSF sample as a multiple of the force's",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    deft_bcs = models.DecimalField(
        "design factor, BCS",
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(5)],
    )
    deft_user = models.DecimalField(
        "design factor, user surveys",
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(5)],
    )

    class Meta:
        abstract = True


class SurveySettings(SurveySettingsFields):
    """A programme's survey assumptions; empty fields take the product's defaults."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="survey_settings"
    )
    confidence = models.DecimalField(
        "confidence level",
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.80")), MaxValueValidator(Decimal("0.99"))],
        help_text="Two-sided; 0.95 gives the 1.96 threshold.",
    )

    class Meta:
        verbose_name_plural = "survey settings"

    def __str__(self) -> str:
        return f"Survey settings for {self.programme}"


class ForceSurveyOverride(SurveySettingsFields):
    """Where one force's surveys differ from the programme's settings."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="survey_overrides"
    )
    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="survey_overrides")
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["programme", "force__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "force"], name="one_survey_override_per_force"
            )
        ]

    def __str__(self) -> str:
        return f"Survey override for {self.force} in {self.programme}"


class OutcomeWording(models.Model):
    """A programme's house phrasing for indicator calls; empty fields use the defaults.

    Placeholders in braces are filled from the calls and figures; the admin lists them.
    """

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="outcome_wording"
    )
    headline_msf = models.TextField(blank=True)
    headline_previous = models.TextField(blank=True)
    indicator_msf = models.TextField(blank=True)
    indicator_previous = models.TextField(blank=True)
    minority_previous = models.TextField(blank=True)
    gap = models.TextField(blank=True)
    no_gap = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Outcome wording for {self.programme}"
