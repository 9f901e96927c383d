"""The lead inspector's grade proposal, and the team's explicit "none identified" marks."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from grading.models import GradeLevel
from inspections.exceptions import AssessmentLocked, EditConflict, WorkflowRefused
from inspections.models import (
    AreaAssessment,
)
from inspections.services.versions import fingerprint
from inspections.validators import validate_plain_text
from moderation.models import GradeProposal
from moderation.sufficiency import (
    area_guidance,
    citable_numbers,
    departs_from_guidance,
    rationale_problem,
)
from moderation.workflow import is_team_lead


def grade_version(area: AreaAssessment) -> str:
    """What the proposal form carries: a digest of the proposed grade and its rationale, so
    only a change to the proposal itself counts as a conflict."""
    return fingerprint(area.proposed_grade_id, area.grade_rationale)


def _proposal_errors(area, grade, rationale, departure_reason, guidance) -> dict:
    errors = {}
    if grade.scheme_id != area.framework.scheme_id:
        errors["grade"] = "Choose a grade from this area's grading scheme."
    problem = rationale_problem(rationale, citable_numbers(area))
    if problem:
        errors["rationale"] = problem
    if departs_from_guidance(grade, guidance) and not departure_reason.strip():
        errors["departure_reason"] = (
            f"{grade.label} differs from the indicator guidance ({guidance.text}) "
            "Explain why the evidence supports it."
        )
    return errors


@transaction.atomic
def grade_propose(
    *,
    area: AreaAssessment,
    user: AbstractBaseUser,
    grade: GradeLevel,
    rationale: str,
    departure_reason: str = "",
    version: str | None = None,
) -> GradeProposal:
    """Record the lead inspector's proposed grade and its rationale.

    Invariants: only the inspection's lead proposes, and only while the area is drafting
    (AssessmentLocked afterwards); when `version` (grade_version as the form was opened) no
    longer matches, the proposal was saved meanwhile (from another page) and EditConflict
    carries the area as now saved, with nothing written; the grade is from the area's scheme;
    the rationale cites the area's criteria by number; a grade the indicator guidance does
    not support needs a written reason. Every proposal is kept; the area shows the latest.
    """
    current = (
        AreaAssessment.objects.select_for_update(of=("self",))
        .select_related("framework", "inspection__force", "inspection__programme")
        .get(pk=area.pk)
    )
    if not current.is_editable:
        raise AssessmentLocked(current)
    if not is_team_lead(user, current):
        raise WorkflowRefused("Only the inspection's lead inspector proposes the grade.")
    if version is not None and version != grade_version(current):
        raise EditConflict(current)
    rationale, departure_reason = rationale.strip(), departure_reason.strip()
    for text in (rationale, departure_reason):
        validate_plain_text(text)
    guidance = area_guidance(current)
    errors = _proposal_errors(current, grade, rationale, departure_reason, guidance)
    if errors:
        raise ValidationError(errors)
    current.proposed_grade, current.grade_rationale = grade, rationale
    current._history_user = user
    current.save(update_fields=["proposed_grade", "grade_rationale"])
    area.proposed_grade, area.grade_rationale = grade, rationale
    return GradeProposal.objects.create(
        area=current,
        grade=grade,
        rationale=rationale,
        guidance_code=guidance.code if guidance else "",
        guidance_text=guidance.text if guidance else "",
        departure_reason=departure_reason,
        proposed_by=user,
    )
