"""Evidence items: add, change, delete, reorder and move between lists.

Every write locks the criterion assessment row first, so order numbers are assigned and
swapped one writer at a time, and refuses with AssessmentLocked once the area has left
drafting. History rows record the acting user. Adding an item to a list (or moving one
into it) removes that list's "none identified" mark.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max

from inspections.exceptions import EditConflict
from inspections.models import (
    CriterionAssessment,
    EvidenceItem,
    EvidenceKind,
)
from inspections.services.locks import criterion_assessment_lock
from inspections.services.none_identified import none_identified_clear


def _siblings(item: EvidenceItem):
    if item.parent_id:
        return EvidenceItem.objects.filter(parent_id=item.parent_id)
    return EvidenceItem.objects.filter(
        criterion_assessment_id=item.criterion_assessment_id, kind=item.kind, parent=None
    )


def _next_order(siblings) -> int:
    return (siblings.aggregate(top=Max("order"))["top"] or 0) + 1


def _save(item: EvidenceItem, user: AbstractBaseUser, **kwargs) -> None:
    item._history_user = user
    item.save(**kwargs)


def _close_gap(siblings, removed_order: int, user: AbstractBaseUser) -> None:
    # Ascending, so each item moves into the slot the previous one just left.
    for sibling in siblings.filter(order__gt=removed_order).order_by("order"):
        sibling.order -= 1
        _save(sibling, user, update_fields=["order"])


@transaction.atomic
def evidence_item_create(
    *,
    assessment: CriterionAssessment,
    user: AbstractBaseUser,
    kind: str,
    text: str,
    lead: str = "",
    source: str = "",
    parent: EvidenceItem | None = None,
) -> EvidenceItem:
    """Append an item to a list, or a sub-point under `parent` (which fixes its list)."""
    criterion_assessment_lock(assessment.pk)
    if parent is not None:
        kind = parent.kind
    item = EvidenceItem(
        criterion_assessment=assessment,
        kind=kind,
        parent=parent,
        text=text,
        lead=lead,
        source=source,
        author=user,
    )
    item.order = _next_order(_siblings(item))
    item.full_clean()
    _save(item, user)
    none_identified_clear(assessment_id=assessment.pk, kind=kind, user=user)
    return item


@transaction.atomic
def evidence_item_update(
    *,
    item: EvidenceItem,
    user: AbstractBaseUser,
    version: int,
    text: str,
    lead: str,
    source: str,
    factual_check: bool = False,
    change_reason: str = "",
) -> EvidenceItem:
    """Save new wording if nobody else saved the item since `version` was read.

    Raises EditConflict carrying the item as now saved; nothing is written then.
    `factual_check` and `change_reason`: see `criterion_assessment_lock`; the reason goes on
    the history row.
    """
    criterion_assessment_lock(item.criterion_assessment_id, factual_check=factual_check)
    current = EvidenceItem.objects.get(pk=item.pk)
    if current.version != version:
        raise EditConflict(current)
    current.text, current.lead, current.source = text, lead, source
    current.version += 1  # safe: the row lock above serialises writers
    if change_reason:
        current._change_reason = change_reason
    _save(current, user)
    return current


@transaction.atomic
def evidence_item_delete(*, item: EvidenceItem, user: AbstractBaseUser) -> None:
    """Delete an item with its sub-points and close the gap it leaves in its list."""
    criterion_assessment_lock(item.criterion_assessment_id)
    item = EvidenceItem.objects.get(pk=item.pk)
    siblings, order = _siblings(item), item.order
    for sub_point in item.sub_points.all():
        sub_point._history_user = user
        sub_point.delete()
    item._history_user = user
    item.delete()
    _close_gap(siblings, order, user)


@transaction.atomic
def evidence_item_move(*, item: EvidenceItem, user: AbstractBaseUser, direction: str) -> bool:
    """Swap the item with its neighbour above or below; False when already at that end."""
    criterion_assessment_lock(item.criterion_assessment_id)
    item = EvidenceItem.objects.get(pk=item.pk)
    siblings = _siblings(item)
    if direction == "up":
        neighbour = siblings.filter(order__lt=item.order).order_by("-order").first()
    elif direction == "down":
        neighbour = siblings.filter(order__gt=item.order).order_by("order").first()
    else:
        raise ValueError(f"Unknown direction {direction!r}")
    if neighbour is None:
        return False
    mine, theirs = item.order, neighbour.order
    # Orders are unique within a list; 0 is never used, so it holds the item during the swap.
    item.order = 0
    _save(item, user, update_fields=["order"])
    neighbour.order = mine
    _save(neighbour, user, update_fields=["order"])
    item.order = theirs
    _save(item, user, update_fields=["order"])
    return True


@transaction.atomic
def evidence_item_move_to_list(*, item: EvidenceItem, user: AbstractBaseUser, kind: str) -> None:
    """Move a top-level item, with its sub-points, to the end of another list."""
    if kind not in EvidenceKind.values:
        raise ValueError(f"Unknown list {kind!r}")
    criterion_assessment_lock(item.criterion_assessment_id)
    item = EvidenceItem.objects.get(pk=item.pk)
    if item.parent_id:
        raise ValueError("A sub-point moves with its parent item.")
    if item.kind == kind:
        return
    old_siblings, old_order = _siblings(item), item.order
    item.kind = kind
    item.order = _next_order(_siblings(item))
    item.version += 1
    _save(item, user)
    none_identified_clear(assessment_id=item.criterion_assessment_id, kind=kind, user=user)
    for sub_point in item.sub_points.all():
        sub_point.kind = kind
        _save(sub_point, user, update_fields=["kind"])
    _close_gap(old_siblings, old_order, user)
