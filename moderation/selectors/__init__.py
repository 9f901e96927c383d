"""Reads for grades and moderation, scoped to who may see them; anything else is a 404.

Area moderation pages are for the inspection's team and for moderators, never the force.
Panels, their sessions, agendas and decisions are for the panel's chair and members (and
administrators); a member of another panel gets a 404.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from itertools import groupby
from operator import or_

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404

from grading.models import GradeLevel
from grading.significance import GradeGuidance
from inspections.completeness import LIST_FIELDS
from inspections.models import AreaAssessment
from inspections.outcomes import AreaOutcome, programme_outcomes
from inspections.permissions import sees_moderation
from inspections.selectors.inspections import criteria_with_lists
from moderation.models import (
    AgendaItem,
    AssessmentEvent,
    DecisionState,
    Dissent,
    FactualAccuracyComment,
    GradeProposal,
    ModerationPanel,
    PanelDecision,
    PanelSession,
)
from moderation.workflow import (
    BY_ACTION,
    LEAD_ACTIONS,
    Standing,
    Transition,
    confirmer_id,
    decision_refusal,
    dissent_refusal,
    is_team_lead,
    may_record_as_chair,
    was_on_team,
)


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


# What a page about a panel's session names of its panel.
_PANEL_RELATED = ("programme", "region", "framework", "chair", "deputy_chair")


def session_get_for_user(*, user: AbstractBaseUser, pk: int) -> PanelSession:
    visible = panels_for_user(user=user).values("pk")
    queryset = PanelSession.objects.filter(panel__in=visible).select_related(
        *(f"panel__{name}" for name in _PANEL_RELATED)
    )
    return get_object_or_404(queryset, pk=pk)


def agenda_item_get_for_user(*, user: AbstractBaseUser, pk: int) -> AgendaItem:
    visible = panels_for_user(user=user).values("pk")
    queryset = AgendaItem.objects.filter(session__panel__in=visible).select_related(
        *(f"session__panel__{name}" for name in _PANEL_RELATED),
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


def grades_under_review(areas: list[AreaAssessment]) -> dict[int, GradeLevel | None]:
    """The grade a panel is looking at, per area id: the last confirmed decision's grade, else
    the proposal. One query for any number of areas."""
    confirmed = (
        PanelDecision.objects.filter(area__in=areas, state=DecisionState.CONFIRMED)
        .exclude(grade=None)
        .select_related("grade")
        .order_by("settled_at", "pk")
    )
    latest = {decision.area_id: decision.grade for decision in confirmed}
    return {area.pk: latest.get(area.pk, area.proposed_grade) for area in areas}


def grade_under_review(area: AreaAssessment) -> GradeLevel | None:
    return grades_under_review([area])[area.pk]


def areas_awaiting_agenda(*, panels: list[ModerationPanel]) -> dict[int, list[AreaAssessment]]:
    """Per panel (its sessions prefetched), the areas waiting for it that are on none of its
    open sessions' agendas: the rule of `areas_to_add` for many panels in two queries. An
    area is the business of one panel at most (the panels' constraints and input statuses),
    which the query names."""
    if not panels:
        return {}
    found = (
        AreaAssessment.objects.filter(reduce(or_, (panel.awaiting_condition() for panel in panels)))
        .annotate(
            panel_id=Case(
                *(When(panel.awaiting_condition(), then=Value(panel.pk)) for panel in panels),
                output_field=IntegerField(),
            )
        )
        .select_related("framework", "inspection__force")
        .prefetch_related(
            Prefetch("agenda_items", AgendaItem.objects.only("area_id", "session_id"))
        )
        .order_by("inspection__force")
    )
    open_sessions = {
        panel.pk: {session.pk for session in panel.sessions.all() if session.is_open}
        for panel in panels
    }
    waiting: dict[int, list[AreaAssessment]] = {panel.pk: [] for panel in panels}
    for area in found:
        on_agenda = {item.session_id for item in area.agenda_items.all()}
        if not on_agenda & open_sessions[area.panel_id]:
            waiting[area.panel_id].append(area)
    return waiting


def areas_to_add(*, session: PanelSession) -> QuerySet[AreaAssessment]:
    """The areas waiting for the session's panel that are not on its agenda yet."""
    return (
        session.panel.awaiting()
        .exclude(agenda_items__session=session)
        .select_related("framework", "inspection__force")
        .order_by("inspection__force")
    )


@dataclass
class ItemActions:
    """What the page offers `user` on one agenda item (the services enforce the same rules)."""

    pending: PanelDecision | None
    may_record: bool
    chair_without_deputy: bool
    confirmer_id: int | None
    is_chair: bool
    conflicted: bool
    dissentable: set = field(default_factory=set)


def item_actions(
    *,
    user: AbstractBaseUser,
    item: AgendaItem,
    decisions: list[PanelDecision],
    standing: Standing | None = None,
) -> ItemActions:
    """`standing` (from `workflow.standing_of`) lets a page of many items ask the rules
    without a query per item."""
    panel, area = item.session.panel, item.area
    pending = next((d for d in decisions if d.state == DecisionState.PENDING), None)
    open_for_decision = item.session.is_open and area.status == panel.input_status
    return ItemActions(
        pending=pending,
        may_record=pending is None and not decision_refusal(user, item, area, standing),
        chair_without_deputy=open_for_decision and not may_record_as_chair(panel, user),
        confirmer_id=confirmer_id(panel, pending) if pending else None,
        is_chair=panel.chair_id == user.pk,
        conflicted=was_on_team(user, area, standing),
        dissentable={d.pk for d in decisions if not dissent_refusal(user, d, standing)},
    )


@dataclass(frozen=True)
class StepOption:
    """A step the lead inspector starts from the area page, and what stands in its way now."""

    transition: Transition
    problems: list

    @property
    def possible(self) -> bool:
        return not self.problems


def lead_steps_for_area(*, user: AbstractBaseUser, area: AreaAssessment) -> list[StepOption]:
    """The lead's steps from the area's status, each with its guard's answer: the same guard
    `area_transition` asks again, under lock, when the step is taken. Empty for anyone else."""
    if not is_team_lead(user, area):
        return []
    steps = [BY_ACTION[action] for action in LEAD_ACTIONS]
    return [
        StepOption(step, step.guard(area=area, decision=None))
        for step in steps
        if step.source == area.status
    ]


def proposals_for_area(*, area: AreaAssessment) -> QuerySet[GradeProposal]:
    return GradeProposal.objects.filter(area=area).select_related("grade", "proposed_by")


def open_comments_for_area(*, area: AreaAssessment) -> QuerySet[FactualAccuracyComment]:
    """The force's comments on the area's draft not closed yet (unanswered, or accepted with
    the change still to make)."""
    return FactualAccuracyComment.objects.filter(area=area).not_closed()


def events_for_area(*, area: AreaAssessment) -> QuerySet[AssessmentEvent]:
    return (
        AssessmentEvent.objects.filter(area=area)
        .select_related("actor")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class TimelineEntry:
    """One line of an area's history: a grade proposed, or a step of the workflow."""

    at: datetime
    proposal: GradeProposal | None = None
    event: AssessmentEvent | None = None


def timeline_for_area(*, area: AreaAssessment) -> list[TimelineEntry]:
    """Proposals and workflow steps together, newest first (two queries)."""
    entries = [TimelineEntry(p.proposed_at, proposal=p) for p in proposals_for_area(area=area)]
    entries += [TimelineEntry(e.created_at, event=e) for e in events_for_area(area=area)]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


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
    for row in criteria_with_lists(areas=areas):
        criteria_by_area[row.area_id].append(row)
    summaries = []
    for area in areas:
        criteria = criteria_by_area[area.pk]
        totals = {
            name: sum(getattr(row, name) for row in criteria) for name in LIST_FIELDS.values()
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


def comparisons(summaries: list[AreaSummary]) -> list[tuple]:
    """Per inspection area: (framework, its summaries by force, their side-by-side rows)."""
    ordered = sorted(summaries, key=lambda s: (s.area.framework.name, s.area.inspection.force.name))
    groups = []
    for _, group in groupby(ordered, key=lambda s: s.area.framework_id):
        group = list(group)
        groups.append((group[0].area.framework, group, side_by_side(group)))
    return groups
