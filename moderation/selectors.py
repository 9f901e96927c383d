"""Reads for grades and moderation, scoped to who may see them; anything else is a 404.

Area moderation pages are for the inspection's team and for moderators, never the force.
Panels, their sessions, agendas and decisions are for the panel's chair and members (and
administrators); a member of another panel gets a 404.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from grading.models import GradeLevel, criteria_tree_order
from grading.significance import GradeGuidance
from inspections.models import AreaAssessment, CriterionAssessment, Inspection
from inspections.outcomes import AreaOutcome, programme_outcomes
from inspections.permissions import RELEASED_AREAS, sees_moderation, visible_area_ids
from inspections.selectors.evidence import criterion_evidence
from moderation.models import (
    AgendaItem,
    AssessmentEvent,
    Dissent,
    FactualAccuracyComment,
    ModerationPanel,
    PanelDecision,
    PanelSession,
)
from moderation.services.panels import grades_under_review
from moderation.sufficiency import criteria_with_lists_for


def _sees_every_panel(user: AbstractBaseUser) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("moderation.view_panelsession"))


def area_get_for_moderation(*, user: AbstractBaseUser, pk: int) -> AreaAssessment:
    area = get_object_or_404(
        AreaAssessment.objects.select_related(
            "framework__scheme",
            "inspection__force__region",
            "inspection__programme",
            "proposed_grade",
            "final_grade",
        ),
        pk=pk,
    )
    if not sees_moderation(user, area.inspection):
        raise Http404("No such area assessment.")
    return area


def panels_for_user(*, user: AbstractBaseUser) -> QuerySet[ModerationPanel]:
    panels = ModerationPanel.objects.select_related("programme", "region", "framework", "chair")
    if not _sees_every_panel(user):
        sits = Q(chair=user) | Q(deputy_chair=user) | Q(memberships__user=user)
        panels = panels.filter(sits).distinct()
    sessions = PanelSession.objects.order_by("-is_open", "-held_on", "-pk")
    return panels.prefetch_related(Prefetch("sessions", queryset=sessions))


def session_get_for_user(*, user: AbstractBaseUser, pk: int) -> PanelSession:
    visible = panels_for_user(user=user).values("pk")
    queryset = PanelSession.objects.filter(panel__in=visible).select_related(
        "panel__programme", "panel__region", "panel__framework", "panel__chair"
    )
    return get_object_or_404(queryset, pk=pk)


def agenda_item_get_for_user(*, user: AbstractBaseUser, pk: int) -> AgendaItem:
    visible = panels_for_user(user=user).values("pk")
    queryset = AgendaItem.objects.filter(session__panel__in=visible).select_related(
        "session__panel__programme",
        "session__panel__region",
        "session__panel__framework",
        "session__panel__chair",
        "session__panel__deputy_chair",
        "area__framework__scheme",
        "area__inspection__force__region",
        "area__inspection__programme",
        "area__proposed_grade",
        "area__final_grade",
    )
    return get_object_or_404(queryset, pk=pk)


def decision_get_for_user(*, user: AbstractBaseUser, pk: int) -> PanelDecision:
    visible = panels_for_user(user=user).values("pk")
    queryset = PanelDecision.objects.filter(item__session__panel__in=visible).select_related(
        "item__session__panel", "area__inspection__force"
    )
    return get_object_or_404(queryset, pk=pk)


def decisions_for_area(*, area: AreaAssessment) -> list[PanelDecision]:
    dissents = Dissent.objects.select_related("member")
    return list(
        PanelDecision.objects.filter(area=area)
        .select_related("grade", "recorded_by", "settled_by", "item__session__panel")
        .prefetch_related(Prefetch("dissents", queryset=dissents))
        .order_by("recorded_at", "pk")
    )


def events_for_area(*, area: AreaAssessment) -> QuerySet[AssessmentEvent]:
    return (
        AssessmentEvent.objects.filter(area=area)
        .select_related("actor")
        .order_by("created_at", "pk")
    )


@dataclass
class AreaSummary:
    """What a panel sees of one area: evidence counts, statements, calls, grade and rationale."""

    area: AreaAssessment
    criteria: list
    outcome: AreaOutcome | None
    grade_under_review: GradeLevel | None
    totals: dict = field(default_factory=dict)

    @property
    def guidance(self) -> GradeGuidance | None:
        return self.outcome.guidance if self.outcome and self.outcome.rows else None


def area_summaries(*, areas: list[AreaAssessment]) -> list[AreaSummary]:
    """Summaries for areas of one programme, with their indicator calls loaded once."""
    if not areas:
        return []
    forces = [area.inspection.force for area in areas]
    outcomes = programme_outcomes(programme=areas[0].inspection.programme, forces=forces)
    grades = grades_under_review(areas)
    criteria_by_area: dict[int, list] = {area.pk: [] for area in areas}
    for row in criteria_with_lists_for(areas=areas):
        criteria_by_area[row.area_id].append(row)
    summaries = []
    for area in areas:
        criteria = criteria_by_area[area.pk]
        totals = {
            name: sum(getattr(row, name) for row in criteria)
            for name in ("strengths", "work_in_progress", "areas_for_improvement")
        }
        outcome = outcomes.get(area.inspection.force_id, {}).get(area.framework_id)
        summaries.append(AreaSummary(area, criteria, outcome, grades[area.pk], totals))
    return summaries


@dataclass
class ComparisonRow:
    label: str
    cells: list


def side_by_side(summaries: list[AreaSummary]) -> list[ComparisonRow]:
    """One row per criterion (matched by number), one cell per area: consistency at a glance."""
    numbers: list[str] = []
    by_area: list[dict] = []
    for summary in summaries:
        rows = {row.criterion.number: row for row in summary.criteria}
        by_area.append(rows)
        numbers.extend(number for number in rows if number not in numbers)
    table = []
    for number in numbers:
        first = next(rows[number] for rows in by_area if number in rows)
        label = (
            "Whole area" if first.criterion.is_implicit else f"{number} {first.criterion.heading}"
        )
        table.append(ComparisonRow(label, [rows.get(number) for rows in by_area]))
    return table


def agenda_item_summaries(*, item: AgendaItem, relations) -> tuple[AreaSummary, list[AreaSummary]]:
    """The item's area summary, and those of every area of the same inspection area on the
    session's agenda (the item's among them, each knowing its agenda item), for comparison."""
    siblings = [
        other
        for other in item.session.items.select_related(*(f"area__{r}" for r in relations))
        if other.area.framework_id == item.area.framework_id
    ]
    summaries = area_summaries(areas=[other.area for other in siblings])
    for sibling, sibling_summary in zip(siblings, summaries, strict=True):
        sibling_summary.item = sibling
    summary = next(s for s in summaries if s.area.pk == item.area.pk)
    return summary, summaries


def _comments_by_section(areas: list[AreaAssessment]) -> dict[tuple, list]:
    """(area id, criterion assessment id or None for the summary of judgement) -> comments."""
    comments = FactualAccuracyComment.objects.filter(area__in=areas).select_related(
        "author", "responded_by"
    )
    by_section: dict[tuple, list] = {}
    for comment in comments:
        key = (comment.area_id, comment.criterion_assessment_id)
        by_section.setdefault(key, []).append(comment)
    return by_section


def draft_report_sections(*, user: AbstractBaseUser, inspection: Inspection) -> list[dict]:
    """The draft report the force checks: per area released to the force (or published) that
    `user` may see, its criteria in tree order with their lists and comments, and the comments
    on its summary of judgement. Four queries whatever the number of areas and items."""
    areas = list(
        AreaAssessment.objects.filter(
            inspection=inspection, status__in=RELEASED_AREAS, pk__in=visible_area_ids(user)
        )
        .select_related("framework", "final_grade")
        .order_by("order")
    )
    criteria = list(
        CriterionAssessment.objects.filter(area__in=areas)
        .select_related("criterion__parent__parent")
        .order_by("area__order", *criteria_tree_order("criterion__"))
    )
    evidence = criterion_evidence(areas=areas)
    comments = _comments_by_section(areas)
    return [
        {
            "area": area,
            "criteria": [
                {
                    "assessment": criterion,
                    "lists": evidence.lists(criterion.pk),
                    "comments": comments.get((area.pk, criterion.pk), []),
                }
                for criterion in criteria
                if criterion.area_id == area.pk
            ],
            "comments": comments.get((area.pk, None), []),
        }
        for area in areas
    ]
