"""Moderation panels, their members, sessions and agenda items.

The tables keep the names they had when these models lived in `inspections`
(moderation 0001 moved them without moving a row).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from forces.models import Region
from grading.models import Framework
from inspections import roles
from inspections.models import AreaAssessment, AssessmentStatus, Programme

_USER = settings.AUTH_USER_MODEL


class PanelKind(models.TextChoices):
    REGIONAL = "regional", "Regional"
    NATIONAL = "national", "National"


class PanelQuerySet(models.QuerySet):
    def covering(self, area: AreaAssessment, kind: str) -> "PanelQuerySet":
        """The panels of `kind` whose business `area` is (one at most, by the constraints):
        the query form of `ModerationPanel.covers`."""
        inspection = area.inspection
        panels = self.filter(kind=kind, programme_id=inspection.programme_id)
        if kind == PanelKind.REGIONAL:
            return panels.filter(region_id=inspection.force.region_id)
        return panels.filter(framework_id=area.framework_id)


class ModerationPanel(models.Model):
    """A regional panel (one region of a programme) or a national one (one inspection area of
    a programme). Members record decisions and may dissent; the chair confirms them. A
    decision the chair records is confirmed by the deputy chair, because whoever confirms a
    decision is never the person who recorded it (see `workflow.confirmer_id`)."""

    kind = models.CharField(max_length=20, choices=PanelKind.choices)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="panels")
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="panels"
    )
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, null=True, blank=True, related_name="panels"
    )
    chair = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="chaired_panels")
    deputy_chair = models.ForeignKey(
        _USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputy_chaired_panels",
        help_text="Confirms the decisions the chair records; without one the chair records none.",
    )
    members = models.ManyToManyField(_USER, through="PanelMembership", related_name="panels")

    objects = PanelQuerySet.as_manager()

    class Meta:
        db_table = "inspections_moderationpanel"
        ordering = ["programme", "kind", "region__name", "framework__name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="regional", region__isnull=False, framework__isnull=True)
                    | Q(kind="national", framework__isnull=False, region__isnull=True)
                ),
                name="panel_scope_matches_kind",
            ),
            models.CheckConstraint(
                condition=~Q(deputy_chair=models.F("chair")),
                name="panel_deputy_is_not_chair",
            ),
            models.UniqueConstraint(
                fields=["programme", "region"],
                condition=Q(kind="regional"),
                name="one_regional_panel_per_region",
            ),
            models.UniqueConstraint(
                fields=["programme", "framework"],
                condition=Q(kind="national"),
                name="one_national_panel_per_area",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope_name} {self.get_kind_display().lower()} panel ({self.programme.year})"

    @property
    def scope_name(self) -> str:
        scope = self.region if self.kind == PanelKind.REGIONAL else self.framework
        return scope.name if scope else ""

    @property
    def input_status(self) -> str:
        """The status an area has when it is this panel's business."""
        if self.kind == PanelKind.REGIONAL:
            return AssessmentStatus.SUBMITTED
        return AssessmentStatus.REGIONALLY_MODERATED

    def covered_areas(self) -> models.QuerySet[AreaAssessment]:
        """The areas this panel moderates, whatever their status: those of its programme in
        its region (regional) or of its inspection area (national). `PanelQuerySet.covering`
        is the same rule seen from the area."""
        areas = AreaAssessment.objects.filter(inspection__programme_id=self.programme_id)
        if self.kind == PanelKind.REGIONAL:
            return areas.filter(inspection__force__region_id=self.region_id)
        return areas.filter(framework_id=self.framework_id)

    def covers(self, area: AreaAssessment) -> bool:
        return self.covered_areas().filter(pk=area.pk).exists()

    def awaiting_condition(self) -> Q:
        """The condition on areas of `awaiting`, to combine the conditions of several panels
        in one query."""
        scope = (
            Q(inspection__force__region_id=self.region_id)
            if self.kind == PanelKind.REGIONAL
            else Q(framework_id=self.framework_id)
        )
        return Q(inspection__programme_id=self.programme_id, status=self.input_status) & scope

    def awaiting(self) -> models.QuerySet[AreaAssessment]:
        """The areas that are this panel's business now: covered and in its input status."""
        return AreaAssessment.objects.filter(self.awaiting_condition())

    def clean(self) -> None:
        errors = {}
        if self.kind == PanelKind.REGIONAL and not self.region_id:
            errors["region"] = "A regional panel moderates one region."
        if self.kind == PanelKind.NATIONAL and not self.framework_id:
            errors["framework"] = "A national panel concludes one area."
        if self.chair_id and not self.chair.groups.filter(name=roles.LEAD_INSPECTOR).exists():
            errors["chair"] = "Panels are chaired by a lead inspector."
        if self.deputy_chair_id and self.deputy_chair_id == self.chair_id:
            errors["deputy_chair"] = "The deputy chair must be someone other than the chair."
        elif (
            self.deputy_chair_id
            and not self.deputy_chair.groups.filter(name=roles.LEAD_INSPECTOR).exists()
        ):
            errors["deputy_chair"] = "Deputy chairs are lead inspectors, as chairs are."
        if errors:
            raise ValidationError(errors)


class PanelMemberRole(models.TextChoices):
    MEMBER = "member", "Member"
    STAKEHOLDER = "stakeholder", "Stakeholder representative"


class PanelMembership(models.Model):
    panel = models.ForeignKey(ModerationPanel, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="panel_memberships")
    role = models.CharField(
        max_length=20, choices=PanelMemberRole.choices, default=PanelMemberRole.MEMBER
    )

    class Meta:
        db_table = "inspections_panelmembership"
        ordering = ["panel", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "user"], name="panel_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.panel}"


class PanelSession(models.Model):
    """A sitting of a panel with its agenda of area assessments."""

    panel = models.ForeignKey(ModerationPanel, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=150)
    held_on = models.DateField(null=True, blank=True)
    is_open = models.BooleanField(
        default=True, help_text="Closed sessions take no new agenda items or decisions."
    )
    agenda = models.ManyToManyField(
        AreaAssessment, through="AgendaItem", related_name="panel_sessions"
    )
    # The chair opens and closes sessions (moderation.services.sessions); an administrator may
    # set one up in the admin, but opening and closing go through the services there too.
    opened_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(table_name="inspections_historicalpanelsession")

    class Meta:
        db_table = "inspections_panelsession"
        ordering = ["panel", "-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.panel}: {self.title}"


class AgendaItem(models.Model):
    session = models.ForeignKey(PanelSession, on_delete=models.CASCADE, related_name="items")
    area = models.ForeignKey(AreaAssessment, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(default=0)
    added_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "inspections_agendaitem"
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "area"], name="agenda_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.session.title}: {self.area}"
