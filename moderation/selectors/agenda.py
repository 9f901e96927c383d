"""A session's agenda as a list of items with their state, and the national panel's table
comparing forces, with its consistency flags.

Both read the same things once for the whole agenda (the areas' summaries, every decision on
them, the user's standing, the forces' most similar groups), so a session of 43 forces costs
the queries of a session of two. What a user may do on an item is `item_actions`, which asks
the workflow's rules; nothing here decides it again.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch

from forces.models import Force, MostSimilarGroup
from inspections.models import Programme
from moderation import consistency
from moderation.models import (
    AgendaItem,
    DecisionOutcome,
    DecisionState,
    Dissent,
    PanelDecision,
    PanelKind,
    PanelSession,
)
from moderation.selectors import (
    AreaSummary,
    ItemActions,
    area_summaries,
    item_actions,
    side_by_side,
)
from moderation.sufficiency import departs_from_guidance
from moderation.workflow import standing_of

AREA_RELATIONS = (
    "framework__scheme",
    "inspection__force__region",
    "inspection__programme",
    "proposed_grade",
    "final_grade",
)

AWAITING_DECISION = "awaiting-decision"
AWAITING_CHAIR = "awaiting-chair"
SETTLED = "settled"
STATE_LABELS = {
    AWAITING_DECISION: "Awaiting a decision",
    AWAITING_CHAIR: "Awaiting the chair",
    SETTLED: "Settled",
}


@dataclass
class AgendaEntry:
    """One agenda item as the session page lists it."""

    item: AgendaItem
    summary: AreaSummary
    actions: ItemActions
    state: str
    next_to_act: str
    settled_by: PanelDecision | None = None
    decisions: list = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def area(self):
        return self.item.area


def _name(user) -> str:
    return user.get_full_name() or user.username


def _decisions_by_area(areas) -> dict[int, list[PanelDecision]]:
    """Every decision on the areas, oldest first, in two queries (decisions, dissents)."""
    decisions = (
        PanelDecision.objects.filter(area__in=areas)
        .select_related(
            "grade", "recorded_by", "settled_by", "item__session__panel", "area__inspection"
        )
        .prefetch_related(Prefetch("dissents", queryset=Dissent.objects.select_related("member")))
        .order_by("recorded_at", "pk")
    )
    by_area: dict[int, list[PanelDecision]] = {area.pk: [] for area in areas}
    for decision in decisions:
        by_area[decision.area_id].append(decision)
    return by_area


def _next_to_act(user, item: AgendaItem, actions: ItemActions, state: str) -> str:
    panel = item.session.panel
    if state == SETTLED:
        return "Nobody: the panel has decided."
    if state == AWAITING_CHAIR:
        if actions.confirmer_id is None:
            return "Nobody may confirm it: the panel needs a deputy chair."
        if actions.confirmer_id == user.pk:
            return "You, to confirm or decline the decision."
        who = "chair" if actions.confirmer_id == panel.chair_id else "deputy chair"
        person = panel.chair if who == "chair" else panel.deputy_chair
        return f"The {who}, {_name(person)}, to confirm or decline the decision."
    if not item.session.is_open:
        return "Nobody: the session is closed."
    if actions.may_record:
        return "A panel member, to record the decision: you may."
    return "A panel member, to record the decision."


def _state(item: AgendaItem, actions: ItemActions) -> str:
    if actions.pending is not None:
        return AWAITING_CHAIR
    if item.area.status == item.session.panel.input_status:
        return AWAITING_DECISION
    return SETTLED


def _entries(user: AbstractBaseUser, items: list[AgendaItem]) -> list[AgendaEntry]:
    areas = [item.area for item in items]
    summaries = area_summaries(areas=areas)
    decisions = _decisions_by_area(areas)
    standing = standing_of(user)
    entries = []
    for item, summary in zip(items, summaries, strict=True):
        summary.item = item
        mine = decisions[item.area_id]
        actions = item_actions(user=user, item=item, decisions=mine, standing=standing)
        state = _state(item, actions)
        confirmed = [d for d in mine if d.item_id == item.pk and d.state == DecisionState.CONFIRMED]
        entry = AgendaEntry(item, summary, actions, state, _next_to_act(user, item, actions, state))
        entry.settled_by = confirmed[-1] if confirmed and state == SETTLED else None
        entry.decisions = mine
        entries.append(entry)
    return entries


def _items(session: PanelSession, framework_id: int | None = None) -> list[AgendaItem]:
    items = session.items.select_related(*(f"area__{name}" for name in AREA_RELATIONS))
    if framework_id is not None:
        items = items.filter(area__framework_id=framework_id)
    items = list(items)
    for item in items:
        item.session = session  # the page's session, already loaded with its panel
    return items


def session_agenda(*, user: AbstractBaseUser, session: PanelSession) -> list[AgendaEntry]:
    """The session's items in agenda order, each with its state and who acts next."""
    return _entries(user, _items(session))


def item_peers(*, user: AbstractBaseUser, item: AgendaItem) -> list[AgendaEntry]:
    """The items of the same inspection area on the item's session, the item among them."""
    return _entries(user, _items(item.session, framework_id=item.area.framework_id))


@dataclass(frozen=True)
class CriterionColumn:
    """One force's criterion in the table; `net` (strengths less areas for improvement) is
    what sorting the column orders by."""

    cell: object | None

    @property
    def net(self) -> int | None:
        if self.cell is None:
            return None
        return self.cell.strengths - self.cell.areas_for_improvement


@dataclass
class ForceRow:
    """One force in the national panel's comparison."""

    entry: AgendaEntry
    similar: list[str]
    regional: PanelDecision | None
    figures: consistency.ForceFigures
    criteria: list
    flags: list = field(default_factory=list)

    @property
    def summary(self) -> AreaSummary:
        return self.entry.summary


@dataclass
class NationalComparison:
    rows: list[ForceRow]
    criteria: list
    panels: list
    min_peers: int = consistency.MIN_PEERS
    min_balance_peers: int = consistency.MIN_BALANCE_PEERS
    fence_factor: float = consistency.FENCE_FACTOR
    min_fence: float = consistency.MIN_FENCE
    rate_threshold: float = consistency.RATE_THRESHOLD

    def peers_of(self, area_id: int) -> list[ForceRow]:
        """The rows proposed the same grade as the area's, the area's own first."""
        own = next((row for row in self.rows if row.entry.area.pk == area_id), None)
        if own is None or own.entry.area.proposed_grade_id is None:
            return []
        grade_id = own.entry.area.proposed_grade_id
        same = [row for row in self.rows if row.entry.area.proposed_grade_id == grade_id]
        others = [row for row in same if row is not own]
        return [own, *others]


def _similar_names(programme: Programme, forces) -> dict[int, list[str]]:
    """Each force's most similar group in force at the programme's end (two queries)."""
    groups = (
        MostSimilarGroup.objects.filter(force__in=forces, effective_from__lte=programme.period_end)
        .order_by("force_id", "effective_from")
        .prefetch_related(Prefetch("members", queryset=Force.objects.order_by("name")))
    )
    # Ordered by date, so the latest group of each force is the one kept.
    return {group.force_id: [member.name for member in group.members.all()] for group in groups}


def _regional_decision(entry: AgendaEntry) -> PanelDecision | None:
    confirmed = [
        decision
        for decision in entry.decisions
        if decision.stage == PanelKind.REGIONAL and decision.state == DecisionState.CONFIRMED
    ]
    return max(confirmed, key=lambda d: (d.settled_at, d.pk)) if confirmed else None


def _figures(entry: AgendaEntry, regional: PanelDecision | None) -> consistency.ForceFigures:
    area, summary = entry.area, entry.summary
    guidance = summary.guidance
    grade = area.proposed_grade
    return consistency.ForceFigures(
        key=area.pk,
        force=area.inspection.force.name,
        grade=grade.label if grade else None,
        departs_from_guidance=bool(grade) and departs_from_guidance(grade, guidance),
        guidance_supports=tuple(guidance.supports) if guidance else (),
        strengths=summary.totals.get("strengths", 0),
        areas_for_improvement=summary.totals.get("areas_for_improvement", 0),
        regional_panel=area.inspection.force.region.name if regional else None,
        regional_changed=regional.outcome == DecisionOutcome.CHANGE if regional else None,
    )


def national_comparison(*, entries: list[AgendaEntry]) -> NationalComparison:
    """Every force on a national agenda with its figures and flags (`moderation.consistency`),
    computed over the whole agenda whatever the page then filters."""
    if not entries:
        return NationalComparison([], [], [])
    programme = entries[0].area.inspection.programme
    similar = _similar_names(programme, [entry.area.inspection.force for entry in entries])
    table = side_by_side([entry.summary for entry in entries])
    headers = [next(cell for cell in row.cells if cell).criterion for row in table]
    rows = []
    for index, entry in enumerate(entries):
        regional = _regional_decision(entry)
        figures = _figures(entry, regional)
        cells = [CriterionColumn(row.cells[index]) for row in table]
        force_id = entry.area.inspection.force_id
        rows.append(ForceRow(entry, similar.get(force_id, []), regional, figures, cells))
    found = consistency.consistency([row.figures for row in rows])
    for row in rows:
        row.flags = found.flags[row.figures.key]
    return NationalComparison(rows, headers, found.panels)
