"""Survey results a published inspection prints, which no import or admin page may change.

A programme's calls use the results of its data year (the year its period ends) and of two
years earlier, so a result of year Y belongs to the inspections of the force in programmes
whose data year is Y or Y + 2. Once such an inspection is published, or the area that carries
the indicator is, the published report prints the figure, and it stays as printed.
"""

from collections import defaultdict
from collections.abc import Collection

from grading.models import Framework
from grading.result_locks import ResultKey
from inspections.models import AreaAssessment, AssessmentStatus, Inspection, InspectionStatus

# Two years earlier: the comparison every call over time makes (inspections.outcomes).
COMPARED_WITH = 2


def _inspections(keys: Collection[ResultKey], lock: bool) -> list[Inspection]:
    years = {year for _, _, year in keys}
    inspections = Inspection.objects.filter(
        force_id__in={force_id for force_id, _, _ in keys},
        programme__period_end__year__in=years | {year + COMPARED_WITH for year in years},
    ).select_related("force", "programme")
    if lock:
        # Publishing locks the inspection row first (moderation.services.transitions), so
        # holding these rows until the write commits keeps any area from being published
        # between this check and the write.
        inspections = inspections.select_for_update(of=("self",)).order_by("pk")
    return list(inspections)


def _published_areas(inspections: list[Inspection]) -> dict[int, list[tuple[str, set[int]]]]:
    """Per inspection, the name of each published area and the indicators it carries."""
    areas = AreaAssessment.objects.filter(
        inspection__in=[i for i in inspections if i.status != InspectionStatus.PUBLISHED],
        status=AssessmentStatus.PUBLISHED,
    ).values_list("inspection_id", "framework_id", "framework__name")
    areas = list(areas)
    carried: dict[int, set[int]] = defaultdict(set)
    links = Framework.indicators.through.objects.filter(
        framework_id__in={framework_id for _, framework_id, _ in areas}
    ).values_list("framework_id", "indicator_id")
    for framework_id, indicator_id in links:
        carried[framework_id].add(indicator_id)
    published: dict[int, list[tuple[str, set[int]]]] = defaultdict(list)
    for inspection_id, framework_id, name in areas:
        published[inspection_id].append((name, carried[framework_id]))
    return published


def _reason(inspection: Inspection, indicator_id: int, published: dict) -> str | None:
    what = f"the {inspection.programme.year} inspection of {inspection.force.name}"
    if inspection.status == InspectionStatus.PUBLISHED:
        return f"{what} is published"
    for name, indicator_ids in published.get(inspection.pk, []):
        if indicator_id in indicator_ids:
            return f"the {name} area of {what} is published"
    return None


def published_result_refusals(
    *, keys: Collection[ResultKey], lock: bool = False
) -> dict[ResultKey, str]:
    """Why each result a published inspection (or published area) prints may not change."""
    inspections = _inspections(keys, lock)
    if not inspections:
        return {}
    published = _published_areas(inspections)
    by_force_year: dict[tuple[int, int], list[Inspection]] = defaultdict(list)
    for inspection in inspections:
        year = inspection.programme.period_end.year
        by_force_year[(inspection.force_id, year)].append(inspection)
        by_force_year[(inspection.force_id, year - COMPARED_WITH)].append(inspection)
    refusals = {}
    for key in keys:
        force_id, indicator_id, year = key
        for inspection in by_force_year.get((force_id, year), []):
            reason = _reason(inspection, indicator_id, published)
            if reason is not None:
                refusals[key] = reason
                break
    return refusals
