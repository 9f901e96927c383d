"""Who a national recommendation asks to act, and each addressee's response.

A recommendation to all forces is answered once per territorial force, by that force's
liaison; one to a national body (chief officers' association, the Home Office, ...) by the
people the administrators name as that body's responders. A response that has not been
recorded has no row: "awaiting" is the absence of one, so nothing is generated per force.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from forces.models import Force


class AddresseeBody(models.Model):
    """A national body recommendations are addressed to (reference data, kept in the admin),
    with the users who answer for it."""

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    responders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="addressee_bodies",
        help_text="The people who record this body's responses.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "addressee bodies"

    def __str__(self) -> str:
        return self.name


class ResponseStatus(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly", "Partly accepted"
    NOT_ACCEPTED = "not_accepted", "Not accepted"
    IMPLEMENTED = "implemented", "Implemented"


class RecommendationResponse(models.Model):
    """One addressee's response to a recommendation: a force's or a national body's."""

    recommendation = models.ForeignKey(
        "inspections.Recommendation", on_delete=models.CASCADE, related_name="responses"
    )
    force = models.ForeignKey(
        Force, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.ForeignKey(
        AddresseeBody, on_delete=models.PROTECT, null=True, blank=True, related_name="responses"
    )
    status = models.CharField(max_length=20, choices=ResponseStatus.choices)
    account = models.TextField(help_text="What the addressee has done or will do, and why.")
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    first_responded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "force__name", "body__name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(force__isnull=False) & Q(body__isnull=True))
                | (Q(force__isnull=True) & Q(body__isnull=False)),
                name="response_from_force_or_body",
            ),
            models.UniqueConstraint(
                fields=["recommendation", "force"],
                condition=Q(force__isnull=False),
                name="response_once_per_force",
            ),
            models.UniqueConstraint(
                fields=["recommendation", "body"],
                condition=Q(body__isnull=False),
                name="response_once_per_body",
            ),
            models.CheckConstraint(condition=~Q(account=""), name="response_has_account"),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation}: {self.addressee} – {self.get_status_display()}"

    @property
    def addressee(self):
        return self.force if self.force_id else self.body
