"""The lock every write to a criterion's statement or evidence takes first."""

from inspections.exceptions import AssessmentLocked
from inspections.models import AreaAssessment, CriterionAssessment


def criterion_assessment_lock(pk: int) -> CriterionAssessment:
    """Lock the criterion assessment row, so writers under it go one at a time, and refuse
    with AssessmentLocked once its area has left drafting. Call inside a transaction."""
    assessment = CriterionAssessment.objects.select_for_update(of=("self",)).get(pk=pk)
    area = AreaAssessment.objects.select_related("framework").get(pk=assessment.area_id)
    if not area.is_editable:
        raise AssessmentLocked(area)
    return assessment
