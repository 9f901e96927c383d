"""What a criterion still needs before its area can be submitted: a summary statement where
the criterion has a statement template, and on each of the three lists an item or the team's
"none identified" mark. The inspection page's "Still empty" column and the submission checks
(`moderation.sufficiency`) both ask here.

The rule reads the list sizes and marks that `selectors.inspections.criteria_with_lists`
annotates, so a page of any number of criteria costs one query.
"""

from dataclasses import dataclass

from inspections.models import CriterionAssessment, EvidenceKind

# Each list's annotation names: `<name>` (top-level items), `<name>_none` (marked empty).
LIST_FIELDS = {
    EvidenceKind.STRENGTH: "strengths",
    EvidenceKind.WORK_IN_PROGRESS: "work_in_progress",
    EvidenceKind.AREA_FOR_IMPROVEMENT: "areas_for_improvement",
}


@dataclass(frozen=True)
class Missing:
    """What one criterion still lacks; false when nothing."""

    statement: bool
    lists: tuple[EvidenceKind, ...]

    def __bool__(self) -> bool:
        return self.statement or bool(self.lists)

    @property
    def labels(self) -> list[str]:
        """Short names of what is missing, e.g. ["statement", "work in progress"]."""
        names = ["statement"] if self.statement else []
        return names + [kind.list_title.lower() for kind in self.lists]


def still_missing(row: CriterionAssessment) -> Missing:
    """`row` comes from `criteria_with_lists` (it carries the list sizes and marks)."""
    statement = bool(row.criterion.statement_template) and not row.statement.strip()
    lists = tuple(
        kind
        for kind, name in LIST_FIELDS.items()
        if not getattr(row, name) and not getattr(row, f"{name}_none")
    )
    return Missing(statement=statement, lists=lists)
