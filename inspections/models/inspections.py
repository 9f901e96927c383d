"""Inspections of a force under a programme, and their teams."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from forces.models import Force
from inspections.models.programmes import Programme


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    FIELDWORK = "fieldwork", "Fieldwork"
    MODERATION = "moderation", "In moderation"
    FACTUAL_ACCURACY = "factual_accuracy", "Factual-accuracy check"
    PUBLISHED = "published", "Published"


# The statuses in which the force sees its draft (factual-accuracy check) or its report.
RELEASED_TO_FORCE = (InspectionStatus.FACTUAL_ACCURACY, InspectionStatus.PUBLISHED)


class Inspection(models.Model):
    """One force inspected under one programme."""

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="inspections")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="inspections")
    status = models.CharField(
        max_length=20, choices=InspectionStatus.choices, default=InspectionStatus.PLANNED
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="TeamMembership", related_name="inspections"
    )
    fieldwork_start = models.DateField(null=True, blank=True)
    fieldwork_end = models.DateField(null=True, blank=True)
    publication_date = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=40, blank=True, help_text="e.g. the report's ISBN.")
    # Force overview and context, printed before the findings.
    overview = models.TextField(blank=True)
    geography = models.TextField(blank=True)
    demographics = models.TextField(blank=True)
    strategic_priorities = models.TextField(blank=True)
    performance_overview = models.TextField(blank=True)
    developments = models.TextField("developments since the last inspection", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-programme__year", "force__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["force", "programme"], name="one_inspection_per_force_and_programme"
            ),
            models.CheckConstraint(
                condition=Q(fieldwork_end__isnull=True)
                | Q(fieldwork_start__isnull=True)
                | Q(fieldwork_end__gte=F("fieldwork_start")),
                name="inspection_fieldwork_ordered",
            ),
        ]
        permissions = [
            ("view_all_inspections", "Can see every inspection, not only their team's"),
            ("open_inspection", "Can open a force's next inspection"),
        ]

    def __str__(self) -> str:
        return f"{self.force} – {self.programme.year}"

    @property
    def is_released_to_force(self) -> bool:
        """The force sees its draft (or, once published, its report)."""
        return self.status in RELEASED_TO_FORCE

    @property
    def is_published(self) -> bool:
        return self.status == InspectionStatus.PUBLISHED


class TeamRole(models.TextChoices):
    LEAD = "lead", "Lead inspector"
    INSPECTOR = "inspector", "Inspector"
    STAFF_OFFICER = "staff_officer", "Staff officer"


class TeamMembership(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=TeamRole.choices, default=TeamRole.INSPECTOR)

    class Meta:
        ordering = ["inspection", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "user"], name="team_member_once"),
            models.UniqueConstraint(
                fields=["inspection"], condition=Q(role="lead"), name="one_lead_per_inspection"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.inspection}"
