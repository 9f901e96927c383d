"""The evidence-sufficiency check: what an area still needs before it can be submitted.

Submission needs a summary statement on every criterion that has a statement template, an
item or an explicit "none identified" on every list, an assessment of every follow-up of the
previous inspection placed under the area's criteria, and a proposed grade whose rationale
cites the criteria (and says why, when the grade departs from the indicator guidance).
"""

import re
from dataclasses import dataclass

from django.urls import reverse

from grading.models import Criterion, GradeLevel
from grading.significance import GradeGuidance
from inspections.completeness import still_missing
from inspections.models import AreaAssessment, CriterionAssessment, FollowUp
from inspections.outcomes import inspection_outcomes, programme_outcomes
from inspections.selectors.inspections import criteria_with_lists
from moderation.models import GradeProposal


@dataclass(frozen=True)
class Gap:
    """One thing missing, with where to fix it."""

    where: str
    what: str
    url: str = ""


def criterion_label(assessment: CriterionAssessment) -> str:
    criterion = assessment.criterion
    if criterion.is_implicit:
        return "The whole area"
    return f"{criterion.number} {criterion.heading}"


def criterion_gaps(assessment: CriterionAssessment) -> list[Gap]:
    """`assessment` comes from `criteria_with_lists`; the rule is `completeness.still_missing`.
    Its unassessed follow-ups are named one by one by `follow_up_gaps`, not counted here."""
    where, url = criterion_label(assessment), assessment.get_absolute_url()
    missing = still_missing(assessment)
    gaps = [Gap(where, "Write the summary statement.", url)] if missing.statement else []
    for kind in missing.lists:
        gaps.append(Gap(where, f"{kind.list_title}: add an item or mark “none identified”.", url))
    return gaps


def follow_up_gaps(areas: list[AreaAssessment]) -> dict[int, list[Gap]]:
    """Every follow-up of an earlier area for improvement placed under one of the areas'
    criteria must be assessed before submission; one query for any number of areas."""
    gaps: dict[int, list[Gap]] = {area.pk: [] for area in areas}
    pending = (
        FollowUp.objects.filter(criterion_assessment__area__in=areas, outcome="")
        .select_related("criterion_assessment__criterion__parent__parent")
        .order_by("order")
    )
    for follow_up in pending:
        assessment = follow_up.criterion_assessment
        gaps[assessment.area_id].append(
            Gap(
                criterion_label(assessment),
                f"Assess the follow-up of “{follow_up.text[:80]}”.",
                follow_up.get_absolute_url(),
            )
        )
    return gaps


_NUMBER_EDGE = r"(?<![\w.]){}(?!\.?\d)(?!\w)"


def cited_numbers(text: str, numbers: list[str]) -> list[str]:
    """The criterion numbers the text cites, e.g. "(1.2)" or "criterion 3"."""
    found = []
    for number in numbers:
        if re.search(_NUMBER_EDGE.format(re.escape(number)), text):
            found.append(number)
    return found


def citable_numbers(area: AreaAssessment) -> list[str]:
    """Numbers of the area's explicit criteria; empty for areas graded as a whole (2007)."""
    criteria = area.framework.criteria.filter(is_implicit=False).select_related("parent__parent")
    return sorted(criterion.number for criterion in criteria)


def area_guidance(area: AreaAssessment) -> GradeGuidance | None:
    """The indicator guidance for the area, or None when it has no indicator results."""
    outcome = inspection_outcomes(inspection=area.inspection).get(area.framework_id)
    if outcome is None or not outcome.rows:
        return None
    return outcome.guidance


def guidance_key(grade: GradeLevel) -> str | None:
    """The guidance's name for a grade of the standards scheme; None for other schemes."""
    label = grade.label.lower()
    for key in ("exceeding", "meeting", "failing"):
        if label.startswith(key):
            return key
    return None


def departs_from_guidance(grade: GradeLevel, guidance: GradeGuidance | None) -> bool:
    key = guidance_key(grade)
    return guidance is not None and key is not None and key not in guidance.supports


def rationale_problem(rationale: str, numbers: list[str]) -> str:
    """Why a rationale is not enough, or an empty string."""
    if not rationale.strip():
        return "Write the rationale for the proposed grade."
    if numbers and not cited_numbers(rationale, numbers):
        listed = ", ".join(numbers)
        return f"The rationale must cite the criteria it rests on by number ({listed})."
    return ""


def proposal_gaps(
    area: AreaAssessment,
    guidance: GradeGuidance | None,
    numbers: list[str] | None = None,
    latest: GradeProposal | None = None,
) -> list[Gap]:
    """`numbers` (`citable_numbers`) and `latest` (the area's last proposal) are read here
    when not given; `gaps_by_area` gives them, read once for many areas."""
    url = reverse("moderation:area_detail", args=[area.pk]) + "#proposal"
    where = "Proposed grade"
    if area.proposed_grade is None:
        return [Gap(where, "Propose a grade with its rationale.", url)]
    gaps = []
    if numbers is None:
        numbers = citable_numbers(area)
    problem = rationale_problem(area.grade_rationale, numbers)
    if problem:
        gaps.append(Gap(where, problem, url))
    if departs_from_guidance(area.proposed_grade, guidance):
        if latest is None:
            latest = GradeProposal.objects.filter(area=area).first()
        if latest is None or not latest.departure_reason.strip():
            gaps.append(
                Gap(where, "Explain why the grade differs from the indicator guidance.", url)
            )
    return gaps


def area_gaps(*, area: AreaAssessment, guidance: GradeGuidance | None = None) -> list[Gap]:
    """Everything the area still needs before it can be submitted; empty when it is ready."""
    gaps = []
    for assessment in criteria_with_lists(areas=[area]):
        gaps.extend(criterion_gaps(assessment))
    return gaps + follow_up_gaps([area])[area.pk] + proposal_gaps(area, guidance)


def gaps_by_area(*, areas: list[AreaAssessment]) -> dict[int, list[Gap]]:
    """`area_gaps` with the indicator guidance (what the submit step's guard asks), for many
    areas at once: the same rules, their inputs read in a few queries per programme rather
    than per area. `areas` carry `inspection__force`, `inspection__programme` and
    `proposed_grade`."""
    gaps: dict[int, list[Gap]] = {area.pk: [] for area in areas}
    if not areas:
        return gaps
    for row in criteria_with_lists(areas=areas):
        gaps[row.area_id].extend(criterion_gaps(row))
    for area_id, pending in follow_up_gaps(areas).items():
        gaps[area_id].extend(pending)
    numbers: dict[int, list[str]] = {area.framework_id: [] for area in areas}
    explicit = Criterion.objects.filter(framework_id__in=numbers, is_implicit=False)
    for criterion in explicit.select_related("parent__parent"):
        numbers[criterion.framework_id].append(criterion.number)
    latest: dict[int, GradeProposal] = {}
    for proposal in GradeProposal.objects.filter(area__in=areas):
        latest.setdefault(proposal.area_id, proposal)
    guidance = _guidance_by_area(areas)
    for area in areas:
        gaps[area.pk] += proposal_gaps(
            area, guidance.get(area.pk), sorted(numbers[area.framework_id]), latest.get(area.pk)
        )
    return gaps


def _guidance_by_area(areas: list[AreaAssessment]) -> dict[int, GradeGuidance]:
    """`area_guidance` for each area, the indicator results read once per programme."""
    by_programme: dict = {}
    for area in areas:
        by_programme.setdefault(area.inspection.programme, []).append(area)
    guidance = {}
    for programme, group in by_programme.items():
        forces = {area.inspection.force_id: area.inspection.force for area in group}.values()
        outcomes = programme_outcomes(programme=programme, forces=forces)
        for area in group:
            outcome = outcomes.get(area.inspection.force_id, {}).get(area.framework_id)
            if outcome is not None and outcome.rows:
                guidance[area.pk] = outcome.guidance
    return guidance
