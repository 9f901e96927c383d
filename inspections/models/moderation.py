"""Grades and moderation: proposals, panels, sessions, decisions, the workflow's events,
explicit "none identified" marks and the force's factual-accuracy comments.

Decisions, dissents, proposals and events are records: services create them and only ever
settle a decision's state (confirmed, declined, void) once; nothing edits their content.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from forces.models import Region
from grading.models import Framework, GradeLevel
from inspections import roles
from inspections.models.assessments import AreaAssessment, AssessmentStatus, CriterionAssessment
from inspections.models.evidence import EvidenceKind
from inspections.models.programmes import Programme

_USER = settings.AUTH_USER_MODEL


class NoneIdentified(models.Model):
    """The team's explicit statement that a criterion's list is empty on purpose.

    Removed by the evidence services as soon as an item is added to that list.
    """

    criterion_assessment = models.ForeignKey(
        CriterionAssessment, on_delete=models.CASCADE, related_name="none_identified"
    )
    kind = models.CharField(max_length=30, choices=EvidenceKind.choices)
    marked_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "“none identified” mark"
        constraints = [
            models.UniqueConstraint(
                fields=["criterion_assessment", "kind"], name="none_identified_once_per_list"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_assessment}: no {self.get_kind_display().lower()}"


class GradeProposal(models.Model):
    """One proposal of the lead inspector; the latest is mirrored on the area assessment."""

    area = models.ForeignKey(AreaAssessment, on_delete=models.CASCADE, related_name="proposals")
    grade = models.ForeignKey(GradeLevel, on_delete=models.PROTECT, related_name="+")
    rationale = models.TextField()
    guidance_code = models.CharField(max_length=40, blank=True)
    guidance_text = models.TextField(blank=True, help_text="The indicator guidance when proposed.")
    departure_reason = models.TextField(
        blank=True, help_text="Why the grade differs from the indicator guidance."
    )
    proposed_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area", "-proposed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.area}: {self.grade} proposed"


class PanelKind(models.TextChoices):
    REGIONAL = "regional", "Regional"
    NATIONAL = "national", "National"


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

    class Meta:
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

    def covers(self, area: AreaAssessment) -> bool:
        inspection = area.inspection
        if inspection.programme_id != self.programme_id:
            return False
        if self.kind == PanelKind.REGIONAL:
            return inspection.force.region_id == self.region_id
        return area.framework_id == self.framework_id

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

    class Meta:
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
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "area"], name="agenda_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.session.title}: {self.area}"


class DecisionOutcome(models.TextChoices):
    CONFIRM = "confirm", "Confirm the grade"
    CHANGE = "change", "Change the grade"
    REFER_BACK = "refer_back", "Refer back to the team"


class DecisionState(models.TextChoices):
    PENDING = "pending", "Awaiting the chair's confirmation"
    CONFIRMED = "confirmed", "Confirmed by the chair"
    DECLINED = "declined", "Not confirmed by the chair"
    VOID = "void", "Void: the assessment was referred back"


class PanelDecision(models.Model):
    """A panel's decision on one area assessment, recorded by a member for the chair to
    confirm. Its outcome, grade and reason never change after it is recorded."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    area = models.ForeignKey(AreaAssessment, on_delete=models.CASCADE, related_name="decisions")
    stage = models.CharField(max_length=20, choices=PanelKind.choices)
    outcome = models.CharField(max_length=20, choices=DecisionOutcome.choices)
    grade = models.ForeignKey(
        GradeLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        max_length=20, choices=DecisionState.choices, default=DecisionState.PENDING
    )
    settled_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    settled_at = models.DateTimeField(null=True, blank=True)
    chair_note = models.TextField(blank=True, help_text="Why the chair did not confirm it.")
    voided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["area", "recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["area"], condition=Q(state="pending"), name="one_pending_decision_per_area"
            ),
            models.CheckConstraint(
                condition=Q(outcome="refer_back") | Q(grade__isnull=False),
                name="decision_on_grade_names_grade",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} decision on {self.area}: {self.get_outcome_display()}"


class Dissent(models.Model):
    """A panel member's recorded disagreement with a decision."""

    decision = models.ForeignKey(PanelDecision, on_delete=models.CASCADE, related_name="dissents")
    member = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decision", "recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "member"], name="one_dissent_per_member"),
        ]

    def __str__(self) -> str:
        return f"Dissent by {self.member} on {self.decision}"


class AssessmentEvent(models.Model):
    """One workflow transition of an area assessment: who, when, from, to and why."""

    area = models.ForeignKey(AreaAssessment, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=30, choices=AssessmentStatus.choices)
    to_status = models.CharField(max_length=30, choices=AssessmentStatus.choices)
    actor = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    decision = models.ForeignKey(
        PanelDecision, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.area}: {self.from_status} → {self.to_status}"


class CommentResponse(models.TextChoices):
    ACCEPTED = "accepted", "Accepted with change"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


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
    history = HistoricalRecords()

    class Meta:
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
