"""Panel decisions, dissents from them, and the workflow's event rows.

Decisions, dissents and events are records: services create them and only ever settle a
decision's state (confirmed, declined, void) once; nothing edits their content.

The tables keep the names they had when these models lived in `inspections`
(moderation 0001 moved them without moving a row).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from grading.models import GradeLevel
from inspections.models import AreaAssessment, AssessmentStatus
from moderation.models.panels import AgendaItem, PanelKind

_USER = settings.AUTH_USER_MODEL


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
        db_table = "inspections_paneldecision"
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
        db_table = "inspections_dissent"
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
        db_table = "inspections_assessmentevent"
        ordering = ["area", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.area}: {self.from_status} → {self.to_status}"
