from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from forces.models import Force
from grading import statements
from grading.models import Criterion, Framework, GradeLevel, GradingScheme


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


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    FIELDWORK = "fieldwork", "Fieldwork"
    MODERATION = "moderation", "In moderation"
    FACTUAL_ACCURACY = "factual_accuracy", "Factual-accuracy check"
    PUBLISHED = "published", "Published"


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
        ]

    def __str__(self) -> str:
        return f"{self.force} – {self.programme.year}"


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


class AssessmentStatus(models.TextChoices):
    DRAFTING = "drafting", "Drafting"
    SUBMITTED = "submitted", "Submitted for regional moderation"
    REGIONALLY_MODERATED = "regionally_moderated", "Regionally moderated"
    NATIONALLY_MODERATED = "nationally_moderated", "Nationally moderated"
    RELEASED = "released", "Released for factual-accuracy check"
    PUBLISHED = "published", "Published"


class AreaAssessment(models.Model):
    """One inspection area of one inspection: its criteria, evidence and grade."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="areas")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    order = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        max_length=30, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFTING
    )
    proposed_grade = models.ForeignKey(
        GradeLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    grade_rationale = models.TextField(blank=True)
    final_grade = models.ForeignKey(
        GradeLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    contextual_factors = models.TextField(
        blank=True, help_text="The force's own context for this area, printed before the evidence."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "framework"], name="area_once_per_inspection"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection} – {self.framework.name}"

    @property
    def is_editable(self) -> bool:
        """Evidence, statements and proposals change only while the area is being drafted."""
        return self.status == AssessmentStatus.DRAFTING

    def clean(self) -> None:
        if not self.framework_id:
            return
        scheme_id = self.framework.scheme_id
        for field in ("proposed_grade", "final_grade"):
            grade = getattr(self, field)
            if grade is not None and grade.scheme_id != scheme_id:
                raise ValidationError({field: "Choose a grade from this area's grading scheme."})


class CriterionAssessment(models.Model):
    """The team's judgement on one criterion: its summary statement and evidence lists."""

    area = models.ForeignKey(AreaAssessment, on_delete=models.CASCADE, related_name="criteria")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="assessments")
    chosen_levels = models.JSONField(
        default=dict, blank=True, help_text="Chosen option per slot of the statement template."
    )
    statement = models.TextField(
        blank=True, help_text="The statement as printed: composed from the choices or overridden."
    )
    statement_overridden = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "criterion__parent__order", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["area", "criterion"], name="criterion_once_per_area"),
        ]

    def __str__(self) -> str:
        return f"{self.area} – {self.criterion.number}"

    def composed_statement(self) -> str:
        return statements.compose(self.criterion.statement_template, self.chosen_levels)

    def clean(self) -> None:
        if not (self.criterion_id and self.area_id):
            return
        if not isinstance(self.chosen_levels, dict):
            raise ValidationError({"chosen_levels": "Choices must map slot names to options."})
        problems = statements.invalid_choices(self.criterion.statement_template, self.chosen_levels)
        if problems:
            raise ValidationError({"chosen_levels": problems})
        if self.criterion.framework_id != self.area.framework_id:
            raise ValidationError(
                {"criterion": "The criterion belongs to another inspection area."}
            )


class EvidenceKind(models.TextChoices):
    """The three lists of a criterion, in the order the report prints them."""

    STRENGTH = "strength", "Strength"
    WORK_IN_PROGRESS = "work_in_progress", "Work in progress"
    AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"


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


class DevelopingPractice(models.Model):
    """A force's example of good practice, submitted for possible publication."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="developing_practice"
    )
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="developing_practice",
        verbose_name="inspection area",
    )
    title = models.CharField(max_length=250)
    problem = models.TextField()
    solution = models.TextField()
    evaluation = models.TextField(blank=True)
    external_validation = models.TextField(blank=True)
    outcomes = models.TextField(blank=True)
    contact = models.TextField(help_text="Name, address, telephone or e-mail of the force contact.")
    selected_for_publication = models.BooleanField(default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="developing_practice"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "framework", "title"]
        verbose_name_plural = "developing practice"

    def __str__(self) -> str:
        return self.title


class GlossaryTerm(models.Model):
    """An abbreviation a report may use; a report's glossary prints only those it uses."""

    abbreviation = models.CharField(max_length=30, unique=True)
    meaning = models.CharField(max_length=250)

    class Meta:
        ordering = ["abbreviation"]

    def __str__(self) -> str:
        return f"{self.abbreviation} – {self.meaning}"
