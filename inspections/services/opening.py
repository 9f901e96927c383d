"""Opening a force's next inspection: its areas, the follow-ups of its previous inspection's
areas for improvement, and its previous force overview as a draft to review."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from forces.models import Force
from grading.models import CriterionMapping, criteria_tree_order
from inspections.exceptions import OpenRefused
from inspections.models import (
    CriterionAssessment,
    EvidenceItem,
    EvidenceKind,
    FollowUp,
    Inspection,
    InspectionOpening,
    InspectionStatus,
    OverviewTable,
    Programme,
)
from inspections.services.inspections import inspection_create
from inspections.services.overview import OVERVIEW_FIELDS

HISTORY_REASON = "Opened as the force's next inspection"


@dataclass(frozen=True)
class OpenedInspection:
    inspection: Inspection
    previous: Inspection | None
    follow_ups: int
    placed: int
    overview_carried: bool

    def as_json(self) -> dict:
        return {
            "inspection": self.inspection.pk,
            "follow_ups": self.follow_ups,
            "under_criteria": self.placed,
            "under_inspection": self.follow_ups - self.placed,
            "previous_inspection": self.previous.pk if self.previous else None,
            "overview_carried": self.overview_carried,
        }


def previous_published_inspection(*, force: Force, programme: Programme) -> Inspection | None:
    """The force's most recent published inspection of an earlier programme, whether built in
    the product or imported from its published report (imports are published)."""
    earlier = Inspection.objects.filter(
        force=force, status=InspectionStatus.PUBLISHED, programme__year__lt=programme.year
    )
    return earlier.select_related("programme").order_by("-programme__year").first()


def _criterion_label(criterion) -> str:
    return "" if criterion.is_implicit else f"{criterion.number} {criterion.heading}"


def _sub_points(item: EvidenceItem) -> list[str]:
    return [f"{sub.lead} {sub.text}".strip() for sub in item.sub_points.all()]


def _follow_ups_create(*, inspection: Inspection, previous: Inspection, user) -> tuple[int, int]:
    """A follow-up per top-level area for improvement of `previous`, in report order, placed
    under the successor criterion's assessment in `inspection` (None when there is none)."""
    items = (
        EvidenceItem.objects.filter(
            criterion_assessment__area__inspection=previous,
            kind=EvidenceKind.AREA_FOR_IMPROVEMENT,
            parent__isnull=True,
        )
        .select_related(
            "criterion_assessment__area__framework", "criterion_assessment__criterion__parent"
        )
        .prefetch_related("sub_points")
        .order_by(
            "criterion_assessment__area__order",
            *criteria_tree_order("criterion_assessment__criterion__"),
            "order",
        )
    )
    items = list(items)
    sources = {item.criterion_assessment.criterion_id for item in items}
    successor = dict(
        CriterionMapping.objects.filter(source__in=sources).values_list("source_id", "target_id")
    )
    placed_under = dict(
        CriterionAssessment.objects.filter(area__inspection=inspection).values_list(
            "criterion_id", "pk"
        )
    )
    rows = []
    for order, item in enumerate(items, start=1):
        source = item.criterion_assessment
        rows.append(
            FollowUp(
                inspection=inspection,
                criterion_assessment_id=placed_under.get(successor.get(source.criterion_id)),
                order=order,
                source_inspection=previous,
                source_item=item,
                source_area=source.area.framework.name,
                source_criterion=_criterion_label(source.criterion),
                lead=item.lead,
                text=item.text,
                sub_points=_sub_points(item),
            )
        )
    # bulk_create skips history: each follow-up's first history row is written below.
    created = FollowUp.objects.bulk_create(rows)
    FollowUp.history.bulk_history_create(
        created, default_user=user, default_change_reason=HISTORY_REASON
    )
    return len(created), sum(1 for row in created if row.criterion_assessment_id)


def _overview_carry(*, inspection: Inspection, previous: Inspection, user) -> bool:
    texts = {name: getattr(previous, name) for name in OVERVIEW_FIELDS}
    tables = list(previous.overview_tables.order_by("order"))
    if not any(texts.values()) and not tables:
        return False
    for name, value in texts.items():
        setattr(inspection, name, value)
    inspection._history_user = user
    inspection._change_reason = (
        f"Force overview carried from the {previous.programme.year} inspection"
    )
    inspection.save()
    OverviewTable.objects.bulk_create(
        OverviewTable(
            inspection=inspection,
            section=table.section,
            order=table.order,
            header=table.header,
            rows=table.rows,
        )
        for table in tables
    )
    return True


def _opening_record(inspection, previous, user, *, needs_review: bool) -> None:
    opening = InspectionOpening(
        inspection=inspection,
        previous=previous,
        opened_by=user,
        overview_needs_review=needs_review,
    )
    opening._history_user, opening._change_reason = user, HISTORY_REASON
    opening.save()


@transaction.atomic
def inspection_open(
    *,
    force: Force,
    programme: Programme,
    user: AbstractBaseUser | None,
    lead: AbstractBaseUser | None = None,
) -> OpenedInspection:
    """Create the force's inspection for `programme`, with its areas and criteria, carrying
    over what its most recent earlier published inspection left to follow up.

    Invariants: refuses with OpenRefused, saving nothing, when the force already has an
    inspection in the programme or the programme has no areas; each top-level area for
    improvement of the previous inspection becomes exactly one follow-up; the previous
    overview is copied only as a draft marked for review.
    """
    if Inspection.objects.filter(force=force, programme=programme).exists():
        raise OpenRefused(f"{force.name} already has an inspection in the {programme.name}.")
    if not programme.areas.exists():
        raise OpenRefused(f"The {programme.name} has no inspection areas yet.")
    try:
        with transaction.atomic():
            inspection = inspection_create(force=force, programme=programme, lead=lead)
    except IntegrityError as exc:  # opened by someone else a moment ago
        raise OpenRefused(
            f"{force.name} already has an inspection in the {programme.name}."
        ) from exc
    inspection.history.update(history_user=user, history_change_reason=HISTORY_REASON)
    previous = previous_published_inspection(force=force, programme=programme)
    if previous is None:
        _opening_record(inspection, None, user, needs_review=False)
        return OpenedInspection(inspection, None, 0, 0, False)
    count, placed = _follow_ups_create(inspection=inspection, previous=previous, user=user)
    carried = _overview_carry(inspection=inspection, previous=previous, user=user)
    _opening_record(inspection, previous, user, needs_review=carried)
    return OpenedInspection(inspection, previous, count, placed, carried)
