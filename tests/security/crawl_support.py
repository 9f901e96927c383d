"""The persona crawl's world (built by crawl_world.py): the demo data taken through every
workflow stage by the real services, marker words planted in everything that must stay
private, and the two tables that say who may see each marker (AUDIENCE, per kind of material)
and each object (REACH, per kind of object), with the facts and targets recorded from it.

The world, all in the 2008 programme, built once per test process:

- Wealdshire (demo; hmi leads, alice; has the liaison): Neighbourhood Policing released,
  with a factual-accuracy comment answered; Citizen Focus nationally moderated to "Failing"
  and not released.
- Northmoor (demo; hmi leads, bob): both areas referred back and resubmitted; Neighbourhood
  Policing submitted, Citizen Focus regionally moderated.
- Eastmarch (fictional, added; hmi leads, carol): both areas published.
- Fenmarsh (fictional, added; hmi leads, carol): both areas drafting.

`carol` (inspector) and `member2` (second panel member, the one who dissents) are helpers,
never crawled. The rules below are written from the README ("Grades, moderation and the
factual-accuracy check", "Reports", "Rules kept everywhere"), inspections/permissions.py and
reports/permissions.py, and never call those modules: a wrong rule there fails here.
"""

from dataclasses import dataclass, field

from forces.models import Force, ForceLiaison
from inspections.models import (
    AreaAssessment,
    AssessmentStatus,
    CriterionAssessment,
    DevelopingPractice,
    EvidenceAttachment,
    EvidenceItem,
    FollowUp,
    Inspection,
    InspectionStatus,
    Programme,
    Recommendation,
)
from inspections.selectors.recommendations import published_on
from moderation.models import (
    AgendaItem,
    FactualAccuracyComment,
    ModerationPanel,
    PanelDecision,
    PanelSession,
)
from reports.models import ReportRun, RunKind

ANONYMOUS = "anonymous"
PERSONAS = (ANONYMOUS, "alice", "bob", "hmi", "panel", "liaison", "admin")
SIGNED_IN = frozenset(PERSONAS) - {ANONYMOUS}
# Moderators (inspections.view_all_inspections) and the administrator see every inspection.
SEES_EVERY_INSPECTION = frozenset({"hmi", "panel", "admin"})
# The national report's drafts, grades and all: lead inspectors write it, moderators and
# administrators read it (README "National report"; reports/permissions.py).
NATIONAL_DRAFT_READERS = frozenset({"hmi", "panel", "admin"})
# Its draft summary and recommendations carry no grades: inspectorate staff, inspectors too,
# read them; never a force (reports/permissions.py, sees_national_text).
INSPECTORATE_STAFF = frozenset({"alice", "bob", "hmi", "panel", "admin"})
# is_staff: only they get past the Django admin's login.
ADMIN_SITE_USERS = frozenset({"admin"})
YEAR = 2008

RELEASED_AREAS = (AssessmentStatus.RELEASED, AssessmentStatus.PUBLISHED)
RELEASED_INSPECTIONS = (InspectionStatus.FACTUAL_ACCURACY, InspectionStatus.PUBLISHED)

# Every marker is "ZQXMARK ZQX<code><number>": the first word lets a search find them all,
# the second is unique and is what the crawl looks for.
SEARCH_WORD = "ZQXMARK"
MARKER_PATTERN = r"ZQX[A-Z]{2}\d{3}"


@dataclass(frozen=True)
class Marker:
    token: str
    material: str
    slug: str | None  # the inspected force, None for national material
    code: str | None  # the area (framework code), None for inspection-wide material


@dataclass(frozen=True)
class Target:
    """An object whose id the crawl puts into URL patterns, with who may reach it."""

    pk: int
    reach: frozenset[str]
    label: str
    year: int = YEAR


@dataclass(frozen=True)
class HiddenGrade:
    """A final grade not yet published: only `audience` may see it in a grades table."""

    force: str
    framework: str
    label: str
    short_label: str
    audience: frozenset[str]


@dataclass
class World:
    users: dict
    team: dict[str, frozenset[str]] = field(default_factory=dict)
    liaison_of: dict[str, str] = field(default_factory=dict)  # username -> force slug
    area_status: dict[tuple[str, str], str] = field(default_factory=dict)
    inspection_status: dict[str, str] = field(default_factory=dict)
    markers: list[Marker] = field(default_factory=list)
    hidden_grades: list[HiddenGrade] = field(default_factory=list)
    targets: dict[str, list[Target]] = field(default_factory=dict)
    ghosts: dict[str, int] = field(default_factory=dict)
    files: list = field(default_factory=list)  # stored files to delete when the world goes

    def liaisons(self, slug: str) -> frozenset[str]:
        return frozenset(user for user, force in self.liaison_of.items() if force == slug)

    def stages(self) -> list[str]:
        return sorted(set(self.area_status.values()))

    def audience(self, marker: Marker) -> frozenset[str]:
        return AUDIENCE[marker.material](self, marker.slug, marker.code)


# Who may see what. Each rule takes the world, the force slug and the area code.


def inspection_readers(world: World, slug: str, code: str | None = None) -> frozenset[str]:
    """The team, moderators and the administrator; the force's liaison once a draft is
    released to the force."""
    readers = world.team[slug] | SEES_EVERY_INSPECTION
    if world.inspection_status[slug] in RELEASED_INSPECTIONS:
        readers |= world.liaisons(slug)
    return readers


def moderation_readers(world: World, slug: str, code: str | None = None) -> frozenset[str]:
    """Rationales, proposals, decisions, dissents, referrals and area pages: the team and
    moderators, never the force, even after release."""
    return world.team[slug] | SEES_EVERY_INSPECTION


def area_readers(world: World, slug: str, code: str) -> frozenset[str]:
    """An area's evidence, statements, attachments and factual-accuracy comments: as
    moderation, plus the force's liaison once the area is released (or published)."""
    readers = moderation_readers(world, slug)
    if world.area_status[(slug, code)] in RELEASED_AREAS:
        readers |= world.liaisons(slug)
    return readers


def practice_readers(world: World, slug: str, code: str | None = None) -> frozenset[str]:
    """Developing practice not selected for publication: whoever sees the inspection, and the
    liaison of the force that wrote it."""
    return inspection_readers(world, slug) | world.liaisons(slug)


def signed_in(world: World, slug: str | None = None, code: str | None = None):
    return SIGNED_IN


def inspectorate_staff(world: World, slug: str | None = None, code: str | None = None):
    return INSPECTORATE_STAFF


AUDIENCE = {
    "evidence": area_readers,
    "sub_point": area_readers,
    "statement": area_readers,
    "attachment": area_readers,
    "comment": area_readers,
    "answer": area_readers,
    "rationale": moderation_readers,
    "departure": moderation_readers,
    "decision": moderation_readers,
    "chair_note": moderation_readers,
    "dissent": moderation_readers,
    "overview": inspection_readers,
    # A fictional force whose inspection nobody may see must not even be named to them.
    "hidden_force": inspection_readers,
    "practice_draft": practice_readers,
    "practice_published": signed_in,
    "national_text": inspectorate_staff,
}
CODES = {
    "evidence": "EV",
    "sub_point": "SP",
    "statement": "ST",
    "attachment": "AT",
    "comment": "CO",
    "answer": "AN",
    "rationale": "RA",
    "departure": "DP",
    "decision": "DE",
    "chair_note": "CN",
    "dissent": "DI",
    "overview": "OV",
    "practice_draft": "PD",
    "practice_published": "PP",
    "national_text": "NT",
}
# Objects, by the kind of id a URL pattern takes (see crawl_checks): who may reach them. Panel
# sessions, agenda items and decisions, developing practice, report runs, recommendations and
# programmes have rules of their own below (_record_*_targets).
REACH = {
    "inspection": inspection_readers,
    "area": moderation_readers,
    "criterion": area_readers,
    "evidence": area_readers,
    "attachment": area_readers,
    "comment": area_readers,
}


def _marked_criterion(area: AreaAssessment):
    """The first criterion with a statement template: it carries the area's markers."""
    criteria = area.criteria.select_related("criterion").order_by("criterion__pk")
    return next(c for c in criteria if c.criterion.statement_template)


def _record_facts(world: World, inspections: dict[str, Inspection]) -> None:
    for slug, inspection in inspections.items():
        inspection.refresh_from_db()
        world.inspection_status[slug] = inspection.status
        names = inspection.memberships.values_list("user__username", flat=True)
        world.team[slug] = frozenset(names)
        for area in inspection.areas.select_related("framework", "final_grade"):
            world.area_status[(slug, area.framework.code)] = area.status
    links = ForceLiaison.objects.select_related("user", "force")
    world.liaison_of = {link.user.username: link.force.slug for link in links}
    for slug, inspection in inspections.items():
        for area in inspection.areas.select_related("framework", "final_grade"):
            if area.final_grade and area.status != AssessmentStatus.PUBLISHED:
                world.hidden_grades.append(
                    HiddenGrade(
                        force=inspection.force.name,
                        framework=area.framework.name,
                        label=area.final_grade.label,
                        short_label=area.final_grade.short_label,
                        audience=area_readers(world, slug, area.framework.code),
                    )
                )


def _place(obj) -> tuple[str, str]:
    """The force slug and area code of anything hanging off an area."""
    area = obj if isinstance(obj, AreaAssessment) else obj.area
    return area.inspection.force.slug, area.framework.code


def _add(world, kind: str, pk: int, reach, label: str, year: int = YEAR) -> None:
    world.targets.setdefault(kind, []).append(Target(pk, frozenset(reach), label, year))


def _record_targets(world: World, inspections: dict[str, Inspection]) -> None:
    """The objects whose ids go into every URL pattern, with who may reach each."""
    for slug, inspection in inspections.items():
        _add(world, "inspection", inspection.pk, REACH["inspection"](world, slug), slug)
        for area in inspection.areas.select_related("framework", "inspection__force"):
            place = _place(area)
            label = "/".join(place)
            _add(world, "area", area.pk, REACH["area"](world, *place), label)
            marked = _marked_criterion(area)
            charted = area.criteria.filter(criterion__indicators__isnull=False).first()
            for criterion in {marked, charted} - {None}:
                _add(world, "criterion", criterion.pk, REACH["criterion"](world, *place), label)
            for item in marked.evidence.all():
                _add(world, "evidence", item.pk, REACH["evidence"](world, *place), label)
    for attachment in EvidenceAttachment.objects.select_related(
        "item__criterion_assessment__area__inspection__force",
        "item__criterion_assessment__area__framework",
    ):
        place = _place(attachment.item.criterion_assessment)
        reach = REACH["attachment"](world, *place)
        _add(world, "attachment", attachment.pk, reach, "/".join(place))
    for comment in FactualAccuracyComment.objects.select_related(
        "area__inspection__force", "area__framework"
    ):
        place = _place(comment)
        _add(world, "comment", comment.pk, REACH["comment"](world, *place), "/".join(place))
    _record_practice_targets(world)
    _record_follow_up_targets(world)
    _record_panel_targets(world)
    _record_run_targets(world)
    for recommendation in Recommendation.objects.select_related("programme"):
        year = recommendation.programme.year
        _add(world, "recommendation", recommendation.pk, INSPECTORATE_STAFF, "draft", year)
        # Its response page, tried for a territorial force: only once the national report is
        # published, and then for the administrator (no persona is that force's liaison).
        asks = recommendation.to_all_forces and published_on(recommendation.programme)
        reach = frozenset({"admin"}) if asks else frozenset()
        _add(world, "response", recommendation.pk, reach, "response", year)
        # Its history page for that force: inspectorate staff, once the force has responded
        # (the crawl's personas respond for no force); 404 for everyone before.
        force = Force.objects.territorial().order_by("pk").first()
        responded = recommendation.responses.filter(force=force).exists()
        reach = INSPECTORATE_STAFF if responded else frozenset()
        _add(world, "response_history", recommendation.pk, reach, "response", year)
    for slug in inspections:
        # A force's page over time: whoever sees one of its inspections (the label is the
        # slug its URL takes).
        _add(world, "force", 0, REACH["inspection"](world, slug), slug)
    for programme in Programme.objects.all():
        _add(world, "programme", programme.year, SIGNED_IN, "programme", programme.year)
    _record_ghosts(world)


def _record_follow_up_targets(world: World) -> None:
    """Under a criterion: as the area's evidence. Under the inspection as a whole: the team and
    moderators, and once the inspection is published whoever sees it."""
    for follow_up in FollowUp.objects.select_related(
        "inspection__force", "criterion_assessment__area__framework"
    ):
        slug = follow_up.inspection.force.slug
        if follow_up.criterion_assessment_id:
            code = follow_up.criterion_assessment.area.framework.code
            reach, label = area_readers(world, slug, code), f"{slug}/{code}"
        elif world.inspection_status[slug] == InspectionStatus.PUBLISHED:
            reach, label = inspection_readers(world, slug), f"{slug} whole"
        else:
            reach, label = moderation_readers(world, slug), f"{slug} whole"
        _add(world, "follow_up", follow_up.pk, reach, label)


def _record_practice_targets(world: World) -> None:
    for practice in DevelopingPractice.objects.select_related("inspection__force"):
        slug = practice.inspection.force.slug
        if practice.selected_for_publication:
            reach, label = SIGNED_IN, f"{slug} published"
        else:
            reach, label = practice_readers(world, slug), f"{slug} draft"
        _add(world, "practice", practice.pk, reach, label)


def _record_panel_targets(world: World) -> None:
    """Panels, their sessions, agendas and decisions: their chair and members, and the
    administrator (a superuser); nobody else, moderators included."""
    seats: dict[int, frozenset[str]] = {}
    for panel in ModerationPanel.objects.select_related("chair"):
        members = panel.memberships.values_list("user__username", flat=True)
        _add(
            world,
            "panel",
            panel.pk,
            frozenset({panel.chair.username, *members, "admin"}),
            str(panel),
        )
    for session in PanelSession.objects.select_related("panel__chair"):
        members = session.panel.memberships.values_list("user__username", flat=True)
        seats[session.pk] = frozenset({session.panel.chair.username, *members, "admin"})
        _add(world, "session", session.pk, seats[session.pk], str(session.panel))
    for item in AgendaItem.objects.select_related("area__inspection__force", "area__framework"):
        _add(world, "agenda_item", item.pk, seats[item.session_id], "/".join(_place(item)))
    for decision in PanelDecision.objects.select_related(
        "item", "area__inspection__force", "area__framework"
    ):
        label = "/".join(_place(decision))
        _add(world, "decision", decision.pk, seats[decision.item.session_id], label)


def _run_reach(world: World, run: ReportRun) -> frozenset[str]:
    """reports/permissions.py: national drafts for their readers, final reports for everyone
    signed in; a force report's runs for those who see the inspection, except that a liaison
    gets only the released-areas drafts and the final report."""
    if run.programme_id is not None:
        return SIGNED_IN if run.kind == RunKind.FINAL else NATIONAL_DRAFT_READERS
    slug = run.inspection.force.slug
    readers = world.team[slug] | SEES_EVERY_INSPECTION
    if run.kind == RunKind.FINAL or run.released_only:
        readers |= inspection_readers(world, slug)
    return readers


def _record_run_targets(world: World) -> None:
    for run in ReportRun.objects.select_related("inspection__force"):
        label = f"{run.kind} {'national' if run.programme_id else run.inspection.force.slug}"
        _add(world, "run", run.pk, _run_reach(world, run), label)


GHOST_MODELS = {
    "inspection": Inspection,
    "area": AreaAssessment,
    "criterion": CriterionAssessment,
    "evidence": EvidenceItem,
    "attachment": EvidenceAttachment,
    "comment": FactualAccuracyComment,
    "practice": DevelopingPractice,
    "panel": ModerationPanel,
    "session": PanelSession,
    "agenda_item": AgendaItem,
    "decision": PanelDecision,
    "run": ReportRun,
    "recommendation": Recommendation,
    "follow_up": FollowUp,
}


def _record_ghosts(world: World) -> None:
    """An id no row of the kind has: what every persona must get as a 404, and the answer
    an object out of reach is compared with."""
    for kind, model in GHOST_MODELS.items():
        highest = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        world.ghosts[kind] = highest + 100_000
    world.ghosts["programme"] = 1999
    world.ghosts["response"] = world.ghosts["recommendation"]
    world.ghosts["response_history"] = world.ghosts["recommendation"]
    world.ghosts["force"] = 0
