"""Evidence items in a criterion's three lists, and their attachments."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from inspections.models.assessments import CriterionAssessment


class EvidenceKind(models.TextChoices):
    """The three lists of a criterion, in the order the report prints them. The label names
    one item ("Strength"); `list_title` names the list ("Strengths")."""

    STRENGTH = "strength", "Strength"
    WORK_IN_PROGRESS = "work_in_progress", "Work in progress"
    AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"

    @property
    def list_title(self) -> str:
        """The list's heading on every page, report and check."""
        return _LIST_NAMES[self][0]

    @property
    def list_abbreviation(self) -> str:
        """The heading where a table has no room for it."""
        return _LIST_NAMES[self][1]


_LIST_NAMES = {
    EvidenceKind.STRENGTH: ("Strengths", "S"),
    EvidenceKind.WORK_IN_PROGRESS: ("Work in progress", "WIP"),
    EvidenceKind.AREA_FOR_IMPROVEMENT: ("Areas for improvement", "AFI"),
}


class EvidenceSource(models.TextChoices):
    DOCUMENT_REVIEW = "document_review", "Document review"
    INTERVIEW = "interview", "Interview"
    FOCUS_GROUP = "focus_group", "Focus group"
    REALITY_TESTING = "reality_testing", "Reality testing"
    DATA = "data", "Data"


class EvidenceItem(models.Model):
    """A paragraph in one of a criterion's three lists, or a sub-point under another item."""

    criterion_assessment = models.ForeignKey(
        CriterionAssessment, on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(max_length=30, choices=EvidenceKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="sub_points"
    )
    order = models.PositiveIntegerField()
    lead = models.CharField(max_length=200, blank=True, help_text="Optional bold lead phrase.")
    text = models.TextField()
    source = models.CharField(max_length=30, choices=EvidenceSource.choices, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evidence_items"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion_assessment", "kind", "parent_id", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["criterion_assessment", "kind", "order"],
                condition=Q(parent__isnull=True),
                name="evidence_unique_order_in_list",
            ),
            models.UniqueConstraint(
                fields=["parent", "order"],
                condition=Q(parent__isnull=False),
                name="evidence_unique_order_under_parent",
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="evidence_not_own_parent"),
            models.CheckConstraint(condition=~Q(text=""), name="evidence_text_not_empty"),
        ]
        indexes = [models.Index(fields=["kind", "source"], name="evidence_kind_source")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return self.criterion_assessment.get_absolute_url() + f"#item-{self.pk}"

    def clean(self) -> None:
        if self.parent_id:
            if self.parent.criterion_assessment_id != self.criterion_assessment_id:
                raise ValidationError(
                    {"parent": "A sub-point stays under an item of the same criterion."}
                )
            if self.parent.kind != self.kind:
                raise ValidationError({"parent": "A sub-point stays in its parent's list."})
            if self.parent.parent_id:
                raise ValidationError({"parent": "Sub-points go one level deep."})


def _attachment_path(instance: "EvidenceAttachment", filename: str) -> str:
    # A random name on disk: the original name is kept in the row, never trusted as a path.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{uuid.uuid4().hex}.{extension}"


class EvidenceAttachment(models.Model):
    """A document or image supporting an evidence item, stored outside the web root."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class NoneIdentified(models.Model):
    """The team's explicit statement that a criterion's list is empty on purpose.

    Removed by the evidence services as soon as an item is added to that list.
    """

    criterion_assessment = models.ForeignKey(
        CriterionAssessment, on_delete=models.CASCADE, related_name="none_identified"
    )
    kind = models.CharField(max_length=30, choices=EvidenceKind.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
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
