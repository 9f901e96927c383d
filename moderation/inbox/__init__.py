"""The inbox: what awaits one person, by kind of task, oldest first.

Nothing is worked out here that a service decides: each task is listed because the rule the
service asks says yes (`completeness.still_missing`, `sufficiency.gaps_by_area`, the workflow's
guards, `workflow.decision_refusal`, `workflow.dissent_refusal`, `workflow.confirmer_id`), so
the inbox and the services never disagree. The rules take a `workflow.Standing` read once, and
every kind of task is read for all its objects at once: the inbox costs a bounded number of
queries whatever the number of inspections, areas and agenda items.

Who sees what: team members the criteria of areas being drafted and the force's comments to
answer; the inspection's lead the areas ready to submit, release or publish and the force's
developing practice not yet selected; panel members the items awaiting a decision and the
decisions they may dissent on; whoever confirms a panel's decisions those awaiting them; a
chair the areas waiting for their open sessions and the sessions to open or close; a force
liaison the released draft to check, the answers to the force's comments and an inspection
still without the force's practice.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Max, Prefetch, Q
from django.urls import reverse

from inspections.completeness import still_missing
from inspections.models import (
    AreaAssessment,
    AssessmentStatus,
    DevelopingPractice,
    Inspection,
    InspectionStatus,
)
from inspections.selectors.inspections import criteria_with_lists
from inspections.services.practice import liaison_force
from moderation.inbox.recommendations import GROUP as RESPONSES_GROUP
from moderation.inbox.recommendations import response_tasks
from moderation.inbox.sessions import session_tasks
from moderation.models import (
    AgendaItem,
    DecisionState,
    FactualAccuracyComment,
    ModerationPanel,
    PanelDecision,
    PanelSession,
)
from moderation.selectors import areas_awaiting_agenda
from moderation.sufficiency import criterion_label, gaps_by_area
from moderation.workflow import (
    BY_ACTION,
    Standing,
    confirmer_id,
    decision_refusal,
    dissent_refusal,
    is_team_lead,
    standing_of,
)


@dataclass(frozen=True)
class Task:
    """One thing to do: the link's words, what it concerns, where it is done, since when."""

    label: str
    about: str
    url: str
    since: datetime | None = None


@dataclass
class TaskGroup:
    key: str
    heading: str
    tasks: list[Task] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.tasks)


# The kinds of task, in the order the page shows them.
GROUPS = (
    ("criteria", "Criteria to complete"),
    ("comments", "The force's comments to answer"),
    ("submit", "Areas ready to submit"),
    ("release", "Areas to release to the force"),
    ("publish", "Areas to publish"),
    ("practice_review", "Developing practice to review"),
    ("decide", "Agenda items awaiting a decision"),
    ("confirm", "Decisions awaiting your confirmation"),
    ("agenda", "Areas waiting for your panel's agenda"),
    ("sessions", "Sessions to open or close"),
    ("dissent", "Decisions you may dissent on"),
    ("check", "Draft reports to check"),
    ("answers", "Answers to your force's comments"),
    ("practice_submit", "Developing practice to submit"),
    RESPONSES_GROUP,
)


@dataclass
class Inbox:
    groups: list[TaskGroup]

    @property
    def count(self) -> int:
        return sum(group.count for group in self.groups)


def _oldest_first(task: Task) -> tuple:
    # Tasks without a date last; ties keep the order they were read in (criteria in tree order).
    return (task.since is None, task.since or datetime.min)


def _listed(words: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)


def _name(area: AreaAssessment) -> str:
    return f"{area.inspection.force.display_name}: {area.framework.name}"


def _team_areas(standing: Standing) -> list[AreaAssessment]:
    if not standing.team_inspection_ids:
        return []
    return list(
        AreaAssessment.objects.filter(inspection_id__in=standing.team_inspection_ids)
        .select_related("framework", "inspection__force", "inspection__programme", "proposed_grade")
        .annotate(last_step_at=Max("events__created_at"))
        .order_by("inspection_id", "order")
    )


def _criteria_tasks(areas: list[AreaAssessment]) -> list[Task]:
    drafting = {area.pk: area for area in areas if area.is_editable}
    tasks = []
    for row in criteria_with_lists(areas=list(drafting.values())):
        missing = still_missing(row)
        if missing:
            row.area = drafting[row.area_id]
            about = f"{_name(row.area)}. Still to add: the {_listed(missing.labels)}."
            label = criterion_label(row)
            tasks.append(Task(label, about, row.get_absolute_url(), row.updated_at))
    return tasks


_COMMENT_RELATIONS = ("area__framework", "criterion_assessment__criterion__parent__parent")


def _comment_tasks(areas: list[AreaAssessment]) -> list[Task]:
    released = {area.pk: area for area in areas if area.is_with_force}
    comments = FactualAccuracyComment.objects.filter(area_id__in=released).unanswered()
    return [
        Task(
            f"Answer the comment on {comment.section_name}",
            _name(released[comment.area_id]),
            reverse("moderation:draft_report", args=[comment.area.inspection_id])
            + f"#comment-{comment.pk}",
            comment.created_at,
        )
        for comment in comments.select_related(*_COMMENT_RELATIONS)
    ]


def _lead_step_tasks(user, standing: Standing, areas: list[AreaAssessment]) -> dict:
    """The lead's three steps, each listed when its guard (the one `area_transition` asks)
    finds nothing in the way; the submit guard's reads are made once for every area."""
    led = [area for area in areas if is_team_lead(user, area, standing)]
    drafting = [area for area in led if area.status == BY_ACTION["submit"].source]
    gaps = gaps_by_area(areas=drafting)
    open_comments = set(
        FactualAccuracyComment.objects.filter(
            area__in=[area for area in led if area.status == BY_ACTION["publish"].source]
        )
        .unanswered()
        .values_list("area_id", flat=True)
    )
    tasks = {"submit": [], "release": [], "publish": []}
    for area in led:
        url = reverse("moderation:area_detail", args=[area.pk])
        if area in drafting and not gaps[area.pk]:
            tasks["submit"].append(Task(f"Submit {_name(area)}", "", url, area.last_step_at))
        release = BY_ACTION["release"]
        if area.status == release.source and not release.guard(area=area, decision=None):
            tasks["release"].append(Task(f"Release {_name(area)}", "", url, area.last_step_at))
        if area.status == BY_ACTION["publish"].source and area.pk not in open_comments:
            tasks["publish"].append(Task(f"Publish {_name(area)}", "", url, area.last_step_at))
    return tasks


def _practice_review_tasks(standing: Standing) -> list[Task]:
    """Entries of the inspections the user leads that the team has not selected yet, while
    the team may still select them (`can_edit_inspection`: until publication)."""
    practices = DevelopingPractice.objects.filter(
        inspection_id__in=standing.lead_inspection_ids, selected_for_publication=False
    ).select_related("inspection__force", "framework")
    return [
        Task(
            f"Review “{practice.title}”",
            f"{practice.inspection.force.display_name}: {practice.framework.name}",
            reverse("inspections:practice_review", args=[practice.inspection_id])
            + f"#practice-{practice.pk}",
            practice.created_at,
        )
        for practice in practices
        if not practice.inspection.is_published
    ]


_ITEM_RELATIONS = (
    "session__panel",
    "area__framework",
    "area__inspection__force",
)


def _panel_items(user, panel_ids) -> list[AgendaItem]:
    """Agenda items of open sessions of the panels the user sits on, whose area is still
    before the panel (the rest `decision_refusal` would refuse anyway)."""
    items = AgendaItem.objects.filter(
        session__panel_id__in=panel_ids, session__is_open=True
    ).select_related(*_ITEM_RELATIONS)
    return [item for item in items if item.area.status == item.session.panel.input_status]


def _decide_tasks(user, standing: Standing, items: list[AgendaItem]) -> list[Task]:
    pending = set(
        PanelDecision.objects.filter(
            area_id__in=[item.area_id for item in items], state=DecisionState.PENDING
        ).values_list("area_id", flat=True)
    )
    return [
        Task(
            f"Record the panel's decision on {_name(item.area)}",
            item.session.title,
            reverse("moderation:agenda_item_detail", args=[item.pk]),
            item.added_at,
        )
        for item in items
        if item.area_id not in pending and not decision_refusal(user, item, item.area, standing)
    ]


def _decisions(panel_ids) -> list[PanelDecision]:
    """Decisions that still stand on the panels' open sessions: pending ones, and confirmed
    ones while their session sits."""
    return list(
        PanelDecision.objects.filter(item__session__panel_id__in=panel_ids)
        .filter(
            Q(state=DecisionState.PENDING)
            | Q(state=DecisionState.CONFIRMED, item__session__is_open=True)
        )
        .select_related(*(f"item__{name}" for name in _ITEM_RELATIONS), "area__inspection")
    )


def _confirm_tasks(user, decisions: list[PanelDecision]) -> list[Task]:
    tasks = []
    for decision in decisions:
        panel = decision.item.session.panel
        if decision.state != DecisionState.PENDING or confirmer_id(panel, decision) != user.pk:
            continue
        if decision.area.status != panel.input_status:
            continue
        tasks.append(
            Task(
                f"Confirm or decline the decision on {_name(decision.item.area)}",
                decision.item.session.title,
                reverse("moderation:agenda_item_detail", args=[decision.item_id]),
                decision.recorded_at,
            )
        )
    return tasks


def _dissent_tasks(user, standing: Standing, decisions: list[PanelDecision]) -> list[Task]:
    return [
        Task(
            f"Dissent from the decision on {_name(decision.item.area)}, if you disagree",
            decision.item.session.title,
            reverse("moderation:agenda_item_detail", args=[decision.item_id]),
            decision.recorded_at,
        )
        for decision in decisions
        if not dissent_refusal(user, decision, standing)
    ]


def _agenda_tasks(chaired, waiting) -> list[Task]:
    """Per panel the user chairs (`agenda_item_add`: only the chair sets the agenda) with an
    open session: the areas waiting for the panel on none of its open sessions' agendas
    (`areas_awaiting_agenda`), to add to the latest open session."""
    tasks = []
    for panel in chaired:
        session = next((s for s in panel.sessions.all() if s.is_open), None)
        names = [area.inspection.force.display_name for area in waiting.get(panel.pk, [])]
        if session is not None and names:
            url = reverse("moderation:session_detail", args=[session.pk])
            tasks.append(Task(f"Add {', '.join(names)} to the agenda", session.title, url))
    return tasks


def _panel_tasks(user, standing: Standing) -> dict:
    sits = Q(pk__in=standing.member_panel_ids) | Q(chair_id=user.pk) | Q(deputy_chair_id=user.pk)
    sessions = PanelSession.objects.order_by("-is_open", "-held_on", "-pk")
    panels = list(
        ModerationPanel.objects.filter(sits)
        .select_related("programme", "region", "framework")
        .prefetch_related(Prefetch("sessions", sessions))
    )
    if not panels:
        return {}
    panel_ids = [panel.pk for panel in panels]
    decisions = _decisions(panel_ids)
    chaired = [panel for panel in panels if panel.chair_id == user.pk]
    waiting = areas_awaiting_agenda(panels=chaired)
    return {
        "decide": _decide_tasks(user, standing, _panel_items(user, panel_ids)),
        "confirm": _confirm_tasks(user, decisions),
        "agenda": _agenda_tasks(chaired, waiting),
        "sessions": session_tasks(chaired, waiting, Task),
        "dissent": _dissent_tasks(user, standing, decisions),
    }


def _liaison_tasks(user) -> dict:
    """The force's released drafts to check (the liaison comments while an area is released),
    the team's answers while the check goes on, and the force's inspections not yet published
    for which it has submitted no developing practice."""
    force = liaison_force(user=user)
    if force is None:
        return {}
    areas = list(
        AreaAssessment.objects.filter(inspection__force=force, status=AssessmentStatus.RELEASED)
        .select_related("framework", "inspection__force", "inspection__programme")
        .annotate(last_step_at=Max("events__created_at"))
    )
    check = [
        Task(
            f"Check the draft of {area.framework.name}",
            f"{area.inspection.programme.name}",
            reverse("moderation:draft_report", args=[area.inspection_id]),
            area.last_step_at,
        )
        for area in areas
    ]
    answered = FactualAccuracyComment.objects.filter(area__in=areas).exclude(response="")
    answers = [
        Task(
            f"Read the answer to your comment on {comment.section_name}",
            comment.area.framework.name,
            reverse("moderation:draft_report", args=[comment.area.inspection_id])
            + f"#comment-{comment.pk}",
            comment.responded_at,
        )
        for comment in answered.select_related(*_COMMENT_RELATIONS)
    ]
    inspections = (
        Inspection.objects.filter(force=force, developing_practice__isnull=True)
        .exclude(status=InspectionStatus.PUBLISHED)
        .select_related("programme")
    )
    submit = [
        Task(
            f"Submit your force's developing practice for the {inspection.programme.name}",
            force.display_name,
            reverse("inspections:practice_submit"),
        )
        for inspection in inspections
    ]
    return {"check": check, "answers": answers, "practice_submit": submit}


def inbox_for(*, user: AbstractBaseUser) -> Inbox:
    """Every task awaiting `user`, grouped by kind (the kinds with none left out), oldest
    first within each."""
    if not (user.is_authenticated and user.is_active):
        return Inbox([])
    standing = standing_of(user)
    areas = _team_areas(standing)
    found = {
        "criteria": _criteria_tasks(areas),
        "comments": _comment_tasks(areas),
        "practice_review": _practice_review_tasks(standing) if standing.lead_inspection_ids else [],
        **(_lead_step_tasks(user, standing, areas) if standing.lead_inspection_ids else {}),
        **_panel_tasks(user, standing),
        **_liaison_tasks(user),
        **response_tasks(user=user, task_class=Task),
    }
    groups = []
    for key, heading in GROUPS:
        tasks = sorted(found.get(key, []), key=_oldest_first)
        if tasks:
            groups.append(TaskGroup(key, heading, tasks))
    return Inbox(groups)
