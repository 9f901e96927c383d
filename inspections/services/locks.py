"""The lock every write to a criterion's statement or evidence takes first."""

from inspections.exceptions import AssessmentLocked
from inspections.models import AreaAssessment, AssessmentStatus, CriterionAssessment


def criterion_assessment_lock(pk: int, *, factual_check: bool = False) -> CriterionAssessment:
    """Lock the criterion assessment row, so writers under it go one at a time, and refuse
    with AssessmentLocked once its area has left drafting. Call inside a transaction.

    `factual_check` lets a write through while the area is released to the force instead: only
    `moderation.services.factual` passes it, after checking that an accepted comment of the
    force opens exactly that section to the user."""
    assessment = CriterionAssessment.objects.select_for_update(of=("self",)).get(pk=pk)
    area = AreaAssessment.objects.select_related("framework").get(pk=assessment.area_id)
    if factual_check:
        if area.status != AssessmentStatus.RELEASED:
            raise AssessmentLocked(area)
    elif not area.is_editable:
        raise AssessmentLocked(area)
    return assessment
