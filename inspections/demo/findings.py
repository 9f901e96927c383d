"""Summary statements, evidence, proposed grades and developing practice for a demo inspection."""

from collections.abc import Iterator
from itertools import cycle

from django.contrib.auth.models import AbstractUser

from grading import statements
from grading.models import Criterion, Framework, GradeLevel
from inspections.demo import content_northmoor, content_wealdshire
from inspections.demo.content import DEFAULT_LEVEL, DemoForce, Evidence, fallback_evidence
from inspections.demo.content_overview import PRACTICE
from inspections.models import (
    AreaAssessment,
    CriterionAssessment,
    DevelopingPractice,
    EvidenceItem,
    EvidenceKind,
    Inspection,
    NoneIdentified,
)

EVIDENCE = {"wealdshire": content_wealdshire.EVIDENCE, "northmoor": content_northmoor.EVIDENCE}
LISTS = (
    (EvidenceKind.STRENGTH, "strengths"),
    (EvidenceKind.WORK_IN_PROGRESS, "work_in_progress"),
    (EvidenceKind.AREA_FOR_IMPROVEMENT, "improvements"),
)


def demo_findings_write(
    *, inspection: Inspection, spec: DemoForce, inspector: AbstractUser, lead: AbstractUser
) -> int:
    """Fill every leaf criterion of every area and propose each area's grade.

    Walks the criterion assessments the inspection already has, so a changed criteria tree
    gets generic evidence instead of failing. Returns the number of evidence items written.
    """
    # Inspectors record most evidence; the lead adds some, as on a real team.
    authors = cycle([inspector, inspector, lead])
    written = 0
    for area in inspection.areas.select_related("framework__scheme"):
        code = area.framework.code
        assessments = area.criteria.select_related("criterion__parent__parent")
        for assessment in assessments:
            number = assessment.criterion.number
            _statement_choose(assessment, spec.levels.get(code, {}).get(number, DEFAULT_LEVEL))
            evidence = _evidence_for(spec.slug, code, assessment.criterion)
            written += _evidence_write(assessment, evidence, authors)
        _area_propose(area, spec)
    return written


def demo_practice_write(
    *, inspection: Inspection, spec: DemoForce, users: dict[str, AbstractUser]
) -> int:
    frameworks = {area.framework.code: area.framework for area in inspection.areas.all()}
    written = 0
    for practice in PRACTICE.get(spec.slug, []):
        if practice.framework not in frameworks:
            continue
        DevelopingPractice.objects.create(
            inspection=inspection,
            framework=frameworks[practice.framework],
            title=practice.title,
            problem=practice.problem,
            solution=practice.solution,
            evaluation=practice.evaluation,
            external_validation=practice.external_validation,
            outcomes=practice.outcomes,
            contact=practice.contact,
            submitted_by=users[practice.submitted_by],
            selected_for_publication=practice.selected_for_publication,
        )
        written += 1
    return written


def _statement_choose(assessment: CriterionAssessment, level: int | dict[str, int]) -> None:
    criterion = assessment.criterion
    choices = {slot.name: _option(slot, level) for slot in criterion.slots}
    assessment.chosen_levels = choices
    assessment.statement = statements.compose(criterion.statement_template, choices)
    assessment.save()


def _option(slot: statements.Slot, level: int | dict[str, int]) -> str:
    index = level.get(slot.name, DEFAULT_LEVEL) if isinstance(level, dict) else level
    return slot.options[min(index, len(slot.options) - 1)]


def _evidence_for(slug: str, code: str, criterion: Criterion) -> Evidence:
    found = EVIDENCE.get(slug, {}).get(code, {}).get(criterion.number)
    return found or fallback_evidence(criterion.number, criterion.heading)


def _evidence_write(
    assessment: CriterionAssessment, evidence: Evidence, authors: Iterator[AbstractUser]
) -> int:
    written = 0
    for kind, attribute in LISTS:
        for order, item in enumerate(getattr(evidence, attribute), start=1):
            author = next(authors)
            parent = EvidenceItem.objects.create(
                criterion_assessment=assessment,
                kind=kind,
                order=order,
                lead=item.lead,
                text=item.text,
                source=item.source,
                author=author,
            )
            for point_order, point in enumerate(item.points, start=1):
                EvidenceItem.objects.create(
                    criterion_assessment=assessment,
                    kind=kind,
                    parent=parent,
                    order=point_order,
                    text=point,
                    source=item.source,
                    author=author,
                )
            written += 1 + len(item.points)
    return written


def _area_propose(area: AreaAssessment, spec: DemoForce) -> None:
    code = area.framework.code
    area.proposed_grade = _grade(area.framework, spec.grade_ranks.get(code))
    area.grade_rationale = spec.rationales.get(code, "")
    area.status = spec.area_status
    area.save()


def _grade(framework: Framework, rank: int | None) -> GradeLevel | None:
    # The area's own scheme, so the grade always passes AreaAssessment.clean().
    levels = list(framework.scheme.levels.order_by("rank"))
    if rank is None or not levels:
        return None
    return levels[min(rank, len(levels)) - 1]


def demo_empty_lists_mark(*, inspection: Inspection, user: AbstractUser) -> None:
    """The team's confirmation that the lists the demo leaves empty are empty on purpose."""
    for assessment in CriterionAssessment.objects.filter(area__inspection=inspection):
        kinds = set(assessment.evidence.values_list("kind", flat=True))
        for kind in EvidenceKind.values:
            if kind not in kinds:
                NoneIdentified.objects.create(
                    criterion_assessment=assessment, kind=kind, marked_by=user
                )
