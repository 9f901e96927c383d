"""What a criterion still needs before its area can be submitted: a summary statement where
the criterion has a statement template, and on each of the three lists an item or the team's
"none identified" mark, and an assessment of every follow-up of the previous inspection placed
under the criterion. The inspection page's "Still empty" column, the inbox and the submission
checks (`moderation.sufficiency`) all ask here.

The rule reads the list sizes, marks and follow-up count that
`selectors.inspections.criteria_with_lists` annotates, so a page of any number of criteria
costs one query.
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
    follow_ups: int = 0

    def __bool__(self) -> bool:
        return self.statement or bool(self.lists) or self.follow_ups > 0

    @property
    def labels(self) -> list[str]:
        """Short names of what is missing, e.g. ["statement", "work in progress",
        "2 follow-up assessments"]."""
        names = ["statement"] if self.statement else []
        names += [kind.list_title.lower() for kind in self.lists]
        if self.follow_ups:
            plural = "s" if self.follow_ups > 1 else ""
            names.append(f"{self.follow_ups} follow-up assessment{plural}")
        return names


def still_missing(row: CriterionAssessment) -> Missing:
    """`row` comes from `criteria_with_lists` (it carries the list sizes and marks)."""
    statement = bool(row.criterion.statement_template) and not row.statement.strip()
    lists = tuple(
        kind
        for kind, name in LIST_FIELDS.items()
        if not getattr(row, name) and not getattr(row, f"{name}_none")
    )
    return Missing(statement=statement, lists=lists, follow_ups=row.follow_ups_pending)
