"""The one loader of evidence lists: every page, report and export that prints a criterion's
lists reads them here, so items group by criterion and list, and sub-points under their
item, the same way everywhere."""

from dataclasses import dataclass

from django.db.models import Q

from inspections.models import CriterionAssessment, EvidenceItem, EvidenceKind


@dataclass(frozen=True)
class EvidenceList:
    """One of a criterion's lists: its top-level items in order, each with `children`, its
    sub-points in order."""

    kind: EvidenceKind
    items: list[EvidenceItem]

    @property
    def title(self) -> str:
        return self.kind.list_title


class CriterionEvidence:
    """The evidence of some criterion assessments, grouped by criterion and list."""

    def __init__(self, items: list[EvidenceItem]):
        # Every item read, sub-points included, in list order.
        self.items = items
        self._lists: dict[tuple[int, str], list[EvidenceItem]] = {}
        children: dict[int, list[EvidenceItem]] = {}
        for item in items:
            if item.parent_id is None:
                self._lists.setdefault((item.criterion_assessment_id, item.kind), []).append(item)
            else:
                children.setdefault(item.parent_id, []).append(item)
        for item in items:
            item.children = children.get(item.pk, [])

    def lists(self, assessment_id: int) -> list[EvidenceList]:
        """The criterion's lists in report order, an empty list where it holds nothing."""
        return [
            EvidenceList(kind, self._lists.get((assessment_id, kind), [])) for kind in EvidenceKind
        ]


def criterion_evidence(
    *,
    assessments: list[CriterionAssessment] | None = None,
    areas=None,
    with_details: bool = False,
) -> CriterionEvidence:
    """The evidence of these criterion assessments, or of every criterion of these areas (a
    list or subquery of areas or their ids), in one query whatever the number of items.

    `with_details` adds each item's author and attachments (one more query), which the
    criterion page shows and reports do not print.
    """
    if assessments is not None:
        scope = Q(criterion_assessment__in=assessments)
    else:
        scope = Q(criterion_assessment__area__in=areas)
    items = EvidenceItem.objects.filter(scope).order_by("order", "pk")
    if with_details:
        items = items.select_related("author").prefetch_related("attachments")
    return CriterionEvidence(list(items))


def evidence_lists(*, assessment: CriterionAssessment) -> list[EvidenceList]:
    """The criterion page's lists, with authors and attachments, in two queries."""
    return criterion_evidence(assessments=[assessment], with_details=True).lists(assessment.pk)
