"""The source of history rows written outside a request: the demo loader and imports.

Rows written by a person name that person; rows the demo loader or a command-line import
writes have no user. These functions record on the rows such a writer made where they came
from (`history_change_reason`), so a history page can say "System — demo data" rather than
nobody. Callers from a higher app (the importer) pass their own wording, so this app never
needs to know about them.
"""

from collections.abc import Callable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet

from inspections.models import (
    AreaAssessment,
    CriterionAssessment,
    DevelopingPractice,
    EvidenceAttachment,
    EvidenceItem,
    GradeDistribution,
    Inspection,
    NoneIdentified,
    PublishedGrade,
    PublishedIndicatorCall,
    Recommendation,
)

DEMO_SOURCE = "demo data"
# django-simple-history stores the reason in a CharField of this length.
HISTORY_SOURCE_LIMIT = EvidenceItem.history.model._meta.get_field(
    "history_change_reason"
).max_length


# Higher apps keep history rows of their own under an inspection's areas (moderation's
# factual-accuracy comments); they register a function giving those rows for the areas' ids,
# so labelling and clearing an inspection's history reaches them without this app importing
# them.
_AREA_HISTORY_PARTS: list[Callable[[list[int]], list[QuerySet]]] = []


def area_history_part_register(part: Callable[[list[int]], list[QuerySet]]) -> None:
    """Have `inspection_history` include the rows `part(area_ids)` returns."""
    if part not in _AREA_HISTORY_PARTS:
        _AREA_HISTORY_PARTS.append(part)


def _ids(history_rows) -> list[int]:
    # From the history tables, so records deleted since still count as the inspection's.
    return list(history_rows.values_list("id", flat=True).distinct())


def inspection_history(inspection_id: int) -> list[QuerySet]:
    """The history rows of an inspection and of every record under it, deleted ones too."""
    areas = _ids(AreaAssessment.history.filter(inspection_id=inspection_id))
    criteria = _ids(CriterionAssessment.history.filter(area_id__in=areas))
    items = _ids(EvidenceItem.history.filter(criterion_assessment_id__in=criteria))
    return [
        Inspection.history.filter(id=inspection_id),
        AreaAssessment.history.filter(id__in=areas),
        CriterionAssessment.history.filter(id__in=criteria),
        EvidenceItem.history.filter(id__in=items),
        EvidenceAttachment.history.filter(item_id__in=items),
        NoneIdentified.history.filter(criterion_assessment_id__in=criteria),
        PublishedIndicatorCall.history.filter(area_id__in=areas),
        DevelopingPractice.history.filter(inspection_id=inspection_id),
        *(rows for part in _AREA_HISTORY_PARTS for rows in part(areas)),
    ]


def _label(history_rows, source: str, **only) -> int:
    if not source or len(source) > HISTORY_SOURCE_LIMIT:
        raise ValueError(f"A history source is 1 to {HISTORY_SOURCE_LIMIT} characters.")
    # Bulk-created rows store an empty reason, others none.
    unlabelled = Q(history_change_reason__isnull=True) | Q(history_change_reason="")
    return sum(
        rows.filter(unlabelled, **only).update(history_change_reason=source)
        for rows in history_rows
    )


@transaction.atomic
def inspection_history_source_set(*, inspection_id: int, source: str) -> int:
    """Record `source` on every history row of the inspection (and of its areas, criteria,
    evidence, attachments, marks, comments and developing practice) that names no source
    yet. Returns the number of rows labelled.

    Invariants: call it in the transaction that wrote the inspection, before anyone else
    works on it, so every row it labels is one that writer made; rows that already name a
    source are left as they are, so calling it again changes nothing.
    """
    return _label(inspection_history(inspection_id), source)


@transaction.atomic
def programme_history_source_set(
    *, programme_id: int, source: str, since: datetime, user: AbstractBaseUser | None = None
) -> int:
    """Record `source` on a programme's national records (recommendations, the grades a
    national report printed, the grade distribution) written since `since` without a user
    or by `user`, that name no source yet.

    Invariants: people edit these records at any time, so only rows of this writer's time
    and user are labelled; a row naming someone else stays theirs alone.
    """
    by = Q(history_user__isnull=True) | Q(history_user=user) if user else Q(history_user=None)
    rows = [
        Recommendation.history.filter(by, programme_id=programme_id),
        PublishedGrade.history.filter(by, programme_id=programme_id),
        GradeDistribution.history.filter(by, programme_id=programme_id),
    ]
    return _label(rows, source, history_date__gte=since)
