"""The force's factual-accuracy comments on its released draft, the team's answers, and the
changes made to answer them.

The comment tables keep the names they had when these models lived in `inspections`
(moderation 0001 moved them without moving a row).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from inspections.models import AreaAssessment, CriterionAssessment, EvidenceItem
from inspections.overview_sections import SECTION_NAMES

_USER = settings.AUTH_USER_MODEL


class CommentResponse(models.TextChoices):
    ACCEPTED = "accepted", "Accepted with change"
    NOT_ACCEPTED = "not_accepted", "Not accepted"
    REFERRED = "referred", "Referred back to the panels"


class CommentSection(models.TextChoices):
    """The part of the draft a comment names, and so the only part an accepted comment opens."""

    GRADE = "grade", "Grade"
    STATEMENT = "statement", "Summary statement"
    EVIDENCE = "evidence", "Evidence item"
    OVERVIEW = "overview", "Force overview"


class CommentQuerySet(models.QuerySet):
    def unanswered(self) -> "CommentQuerySet":
        """Comments the team has not answered yet."""
        return self.filter(response="")

    def not_closed(self) -> "CommentQuerySet":
        """Comments still holding up publication: unanswered, or accepted with the change not
        yet made and closed."""
        return self.filter(closed_at=None)


class FactualAccuracyComment(models.Model):
    """A force's comment on one section of its draft report, and the team's answer.

    The section is the area's grade (no criterion), a criterion's summary statement, one
    evidence item of a criterion, or one section of the inspection's force overview. A comment
    is closed when answered "not accepted" or referred back to the panels, and, when accepted,
    once the change is saved and the team closes it.
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
    section = models.CharField(
        max_length=20, choices=CommentSection.choices, default=CommentSection.STATEMENT
    )
    # The item may be deleted after a referral back; the comment stays.
    evidence_item = models.ForeignKey(
        EvidenceItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="factual_comments",
    )
    # A force overview section (inspections.services.overview.OVERVIEW_FIELDS): the overview
    # is the inspection's, printed before every area; its comment is filed under the area the
    # force was checking (released), whose publication it holds up like any other.
    overview_field = models.CharField(max_length=30, blank=True)
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
    closed_by = models.ForeignKey(
        _USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    objects = CommentQuerySet.as_manager()
    history = HistoricalRecords(table_name="inspections_historicalfactualaccuracycomment")

    class Meta:
        db_table = "inspections_factualaccuracycomment"
        ordering = ["area", "created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment on {self.section_name}"

    @property
    def is_open(self) -> bool:
        """Not answered yet."""
        return not self.response

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def awaits_change(self) -> bool:
        """Accepted, and the section is open for the team's change until the comment closes."""
        return self.response == CommentResponse.ACCEPTED and not self.is_closed

    @property
    def anchor(self) -> str:
        """The id of the comment's section on the draft page."""
        if self.section == CommentSection.OVERVIEW:
            return f"overview-{self.overview_field}"
        if self.section == CommentSection.EVIDENCE and self.evidence_item_id:
            return f"item-{self.evidence_item_id}"
        if self.criterion_assessment_id is None:
            return f"section-{self.area_id}-judgement"
        return f"section-{self.criterion_assessment_id}"

    @property
    def overview_heading(self) -> str:
        return SECTION_NAMES.get(self.overview_field, self.overview_field)

    @property
    def overview_text(self) -> str:
        """The overview section's text as now saved (a force overview comment only)."""
        if self.section != CommentSection.OVERVIEW:
            return ""
        return getattr(self.area.inspection, self.overview_field, "")

    @property
    def section_name(self) -> str:
        if self.section == CommentSection.OVERVIEW:
            return f"Force overview: {self.overview_heading}"
        if self.criterion_assessment_id is None:
            return f"{self.area.framework.name}: summary of judgement (grade)"
        criterion = self.criterion_assessment.criterion
        name = f"{self.area.framework.name} {criterion.number}"
        if self.section == CommentSection.EVIDENCE:
            item = self.evidence_item
            words = (item.lead or item.text) if item else "(deleted)"
            short = words if len(words) <= 60 else words[:57] + "…"
            return f"{name}, evidence item “{short}”"
        return f"{name}: summary statement"


class FactualChange(models.Model):
    """One change the team made to answer an accepted comment: who, when, which text, before
    and after. Written only by `moderation.services.factual`; never edited."""

    comment = models.ForeignKey(
        FactualAccuracyComment, on_delete=models.PROTECT, related_name="changes"
    )
    field = models.CharField(max_length=100)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)
    made_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["made_at", "pk"]

    def __str__(self) -> str:
        return f"Change to {self.field} answering {self.comment}"
