"""Inspection areas (frameworks) and their trees of criteria."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, OrderBy, Q, When
from django.db.models.functions import Coalesce

from grading import statements
from grading.models.indicators import Indicator
from grading.models.schemes import GradingScheme


class Framework(models.Model):
    """An inspection area in one version, e.g. Neighbourhood Policing (2008), with its criteria."""

    code = models.SlugField(max_length=40, help_text="Short code, e.g. 'np' or 'dcfp'.")
    version = models.CharField(max_length=20, help_text="e.g. '2008'.")
    name = models.CharField(max_length=150)
    group = models.CharField(
        max_length=150,
        blank=True,
        help_text="Family of areas, e.g. 'Protecting vulnerable people'.",
    )
    scheme = models.ForeignKey(GradingScheme, on_delete=models.PROTECT, related_name="frameworks")
    introduction = models.TextField(blank=True, help_text="Why the area is inspected.")
    is_graded = models.BooleanField(
        default=True, help_text="Untick for an overview printed without a grade of its own."
    )
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="frameworks")

    class Meta:
        ordering = ["-version", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="framework_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"

    @property
    def has_explicit_criteria(self) -> bool:
        return self.criteria.filter(is_implicit=False).exists()


def criteria_tree_order(prefix: str = "") -> list[OrderBy]:
    """Order criteria top-down as the report prints them: 1, 1.1, 1.2, 2, 2.1 ...

    Works for trees up to three levels deep, the depth `select_related("parent__parent")`
    covers. `prefix` orders another model by its criterion, e.g. "criterion__".
    """
    order, parent, grandparent = (
        f"{prefix}order",
        f"{prefix}parent__order",
        f"{prefix}parent__parent__order",
    )
    at_depth_one = {f"{prefix}parent__isnull": False, f"{prefix}parent__parent__isnull": True}
    at_depth_two = {f"{prefix}parent__parent__isnull": False}
    # A node's position is (top, second, third); levels below the node are null and sort first.
    top = Coalesce(grandparent, parent, order)
    second = Case(When(**at_depth_one, then=F(order)), default=F(parent))
    third = Case(When(**at_depth_two, then=F(order)))
    return [top.asc(), second.asc(nulls_first=True), third.asc(nulls_first=True)]


class CriterionQuerySet(models.QuerySet):
    def in_tree_order(self):
        """Top-down, as a report prints the tree: 1, 1.1, 1.2, 2 ..."""
        return self.select_related("parent__parent").order_by(*criteria_tree_order())


class Criterion(models.Model):
    """A specific grading criterion: a node of the framework's tree.

    Frameworks whose reports have no criterion level (2007) hold a single implicit criterion,
    so evidence always hangs off a criterion and no view needs a special case.
    """

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    order = models.PositiveSmallIntegerField()
    heading = models.TextField()
    statement_template = models.TextField(
        blank=True,
        help_text="Summary statement with graded slots: {name: strongest / middle / weakest}.",
    )
    guidance = models.TextField(blank=True, help_text="What inspectors look for.")
    is_implicit = models.BooleanField(
        default=False, help_text="Stands for the whole area; its heading is not printed."
    )
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="criteria", help_text="Indicators reported here."
    )

    objects = CriterionQuerySet.as_manager()

    class Meta:
        # For tree order (1, 1.1, 1.2, 2 ...) use Criterion.objects.in_tree_order().
        ordering = ["framework", "parent__order", "order"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "order"],
                condition=Q(parent__isnull=True),
                name="criterion_unique_top_level_order",
            ),
            models.UniqueConstraint(
                fields=["parent", "order"],
                condition=Q(parent__isnull=False),
                name="criterion_unique_child_order",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="criterion_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.heading[:80]}"

    @property
    def number(self) -> str:
        """Position in the tree, e.g. '1.2'. Walks up the parents, so select_related them."""
        parts, node = [], self
        while node is not None:
            parts.append(str(node.order))
            node = node.parent
        return ".".join(reversed(parts))

    @property
    def depth(self) -> int:
        return self.number.count(".")

    def clean(self) -> None:
        errors = {}
        try:
            doubled = statements.doubled_words(self.statement_template)
        except statements.TemplateError as exc:
            errors["statement_template"] = str(exc)
        else:
            if doubled:
                errors["statement_template"] = (
                    f"Some choices print a word twice ({', '.join(doubled)}): keep the word "
                    "either in the options or in the text around the slot, not in both."
                )
        if self.parent_id and self.parent.framework_id != self.framework_id:
            errors["parent"] = "The parent criterion belongs to another framework."
        node, seen = self.parent, set()
        while node is not None and node.pk not in seen and "parent" not in errors:
            if self.pk and node.pk == self.pk:
                errors["parent"] = "A criterion cannot sit under itself."
            seen.add(node.pk)
            node = node.parent
        if errors:
            raise ValidationError(errors)

    @property
    def slots(self) -> list[statements.Slot]:
        return statements.parse_slots(self.statement_template)
