"""The persona crawl's world: the demo data taken through every workflow stage by the real
services, marker words planted in everything that must stay private, and the two tables that
say who may see each marker (AUDIENCE, per kind of material) and each object (REACH, per kind
of object).

The world, all in the 2008 programme, built once per test module:

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

import dataclasses
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from forces.models import ForceLiaison
from grading.models import GradeLevel
from inspections import roles
from inspections.demo.content import WEALDSHIRE
from inspections.demo.places import demo_force_ensure
from inspections.models import (
    AreaAssessment,
    AssessmentStatus,
    CriterionAssessment,
    DevelopingPractice,
    EvidenceAttachment,
    EvidenceItem,
    EvidenceKind,
    Inspection,
    InspectionStatus,
    Programme,
    Recommendation,
)
from inspections.reference import reference_data_load
from inspections.services import inspection_create
from inspections.services.attachments import attachment_add
from inspections.services.evidence import evidence_item_create
from inspections.services.none_identified import none_identified_set
from inspections.services.overview import inspection_overview_update
from inspections.services.practice import developing_practice_select, developing_practice_submit
from inspections.services.statements import criterion_statement_save
from moderation.demo import demo_load, demo_panels_ensure
from moderation.models import (
    AgendaItem,
    CommentResponse,
    DecisionOutcome,
    FactualAccuracyComment,
    ModerationPanel,
    PanelDecision,
    PanelMembership,
    PanelSession,
)
from moderation.services.factual import factual_comment_add, factual_comment_answer
from moderation.services.panels import (
    dissent_record,
    panel_decision_confirm,
    panel_decision_decline,
    panel_decision_record,
)
from moderation.services.proposals import grade_propose
from moderation.services.transitions import area_transition
from moderation.sufficiency import citable_numbers
from reports.models import ReportRun, RunKind
from reports.services.recommendations import national_summary_save, recommendation_create
from reports.services.runs import report_run_request
from reports.services.runs_execute import report_run_execute
from tests.factories import UserFactory

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


class Planter:
    """Hands out marker texts and remembers where each went."""

    def __init__(self, world: World):
        self.world = world

    def text(self, material: str, slug: str | None = None, code: str | None = None) -> str:
        token = f"ZQX{CODES[material]}{len(self.world.markers) + 1:03d}"
        self.world.markers.append(Marker(token, material, slug, code))
        return f"{SEARCH_WORD} {token}"


# Building the world


def build_world() -> World:
    """Reference data, the demo, two more fictional inspections, every stage, every marker.

    Everything goes through the services the product uses; the caller rolls it all back."""
    reference_data_load()
    demo_load()
    programme = Programme.objects.get(year=YEAR)
    users = {user.username: user for user in get_user_model().objects.all()}
    users["carol"] = UserFactory(username="carol", groups=[roles.INSPECTOR])
    users["member2"] = UserFactory(username="member2", groups=[roles.MODERATOR])
    world = World(users=users)
    planter = Planter(world)
    inspections = {
        "wealdshire": Inspection.objects.get(programme=programme, force__slug="wealdshire"),
        "northmoor": Inspection.objects.get(programme=programme, force__slug="northmoor"),
        "eastmarch": _extra_inspection(programme, users, "eastmarch", "Eastmarch", "Eastern"),
        "fenmarsh": _extra_inspection(programme, users, "fenmarsh", "Fenmarsh", "South West"),
    }
    demo_panels_ensure(programme=programme, users=users, inspections=list(inspections.values()))
    for panel in ModerationPanel.objects.filter(programme=programme):
        PanelMembership.objects.get_or_create(panel=panel, user=users["member2"])
    _wealdshire(world, planter, inspections["wealdshire"])
    _northmoor(world, planter, inspections["northmoor"])
    _eastmarch(world, planter, inspections["eastmarch"])
    _fenmarsh(world, planter, inspections["fenmarsh"])
    _national(planter, programme, users)
    _report_runs(world, inspections, programme)
    _record_facts(world, inspections)
    _record_targets(world, inspections)
    return world


def _extra_inspection(programme, users, slug, name, region) -> Inspection:
    spec = dataclasses.replace(
        WEALDSHIRE,
        slug=slug,
        name=name,
        formal_name=f"{name} Police",
        short_name=name[:5],
        region=region,
    )
    force = demo_force_ensure(spec)
    return inspection_create(
        force=force, programme=programme, lead=users["hmi"], inspectors=[users["carol"]]
    )


def _area(inspection: Inspection, code: str) -> AreaAssessment:
    return inspection.areas.select_related("framework__scheme", "inspection__force").get(
        framework__code=code
    )


def _grade(area: AreaAssessment, label_start: str) -> GradeLevel:
    return area.framework.scheme.levels.get(label__startswith=label_start)


def _marked_criterion(area: AreaAssessment):
    """The first criterion with a statement template: it carries the area's markers."""
    criteria = area.criteria.select_related("criterion").order_by("criterion__pk")
    return next(c for c in criteria if c.criterion.statement_template)


def _complete(area: AreaAssessment, user) -> None:
    """A statement, a strength and "none identified" marks wherever the demo left gaps."""
    for assessment in area.criteria.select_related("criterion"):
        if assessment.criterion.statement_template and not assessment.statement:
            _statement(assessment, user, override="")
        kinds = set(assessment.evidence.values_list("kind", flat=True))
        if EvidenceKind.STRENGTH not in kinds:
            evidence_item_create(
                assessment=assessment, user=user, kind=EvidenceKind.STRENGTH, text="A strength."
            )
        for kind in (EvidenceKind.WORK_IN_PROGRESS, EvidenceKind.AREA_FOR_IMPROVEMENT):
            if kind not in kinds and not assessment.none_identified.filter(kind=kind).exists():
                none_identified_set(assessment=assessment, user=user, kind=kind, marked=True)


def _statement(assessment, user, override: str) -> None:
    assessment.refresh_from_db()
    levels = assessment.chosen_levels or {
        slot.name: slot.options[0] for slot in assessment.criterion.slots
    }
    criterion_statement_save(
        assessment=assessment,
        user=user,
        version=assessment.version,
        chosen_levels=levels,
        override=override,
    )


def _plant_drafting(world, planter, area: AreaAssessment, inspector, grade_label: str) -> None:
    """Evidence, a sub-point, a statement, an attachment and the lead's proposal (rationale
    and departure reason), each with its own marker, written while the area is drafting."""
    slug, code = area.inspection.force.slug, area.framework.code
    assessment = _marked_criterion(area)
    item = evidence_item_create(
        assessment=assessment,
        user=inspector,
        kind=EvidenceKind.STRENGTH,
        text=planter.text("evidence", slug, code),
    )
    evidence_item_create(
        assessment=assessment,
        user=inspector,
        kind=EvidenceKind.STRENGTH,
        parent=item,
        text=planter.text("sub_point", slug, code),
    )
    _statement(assessment, inspector, override=planter.text("statement", slug, code))
    upload = SimpleUploadedFile(
        "notes.txt", planter.text("attachment", slug, code).encode(), content_type="text/plain"
    )
    attachment = attachment_add(item=item, user=inspector, upload=upload, content_type="text/plain")
    world.files.append(attachment.file.name)
    _complete(area, inspector)
    citations = " ".join(f"({number})" for number in citable_numbers(area))
    grade_propose(
        area=area,
        user=world.users["hmi"],
        grade=_grade(area, grade_label),
        rationale=f"{planter.text('rationale', slug, code)} rests on {citations}.",
        departure_reason=planter.text("departure", slug, code),
    )


def _decide(world, planter, area, outcome, grade=None, *, decline=False, dissent=False):
    """`panel` records a decision on the area's latest agenda item (with a marked reason);
    the chair `hmi` declines it first when asked (with a marked note), then confirms it;
    `member2` dissents when asked."""
    users, slug, code = world.users, area.inspection.force.slug, area.framework.code
    item = AgendaItem.objects.filter(area=area).order_by("-pk").first()

    def record():
        return panel_decision_record(
            item=item,
            user=users["panel"],
            outcome=outcome,
            grade=grade,
            reason=planter.text("decision", slug, code),
        )

    decision = record()
    if decline:
        note = planter.text("chair_note", slug, code)
        panel_decision_decline(decision=decision, user=users["hmi"], note=note)
        decision = record()
    if dissent:
        reason = planter.text("dissent", slug, code)
        dissent_record(decision=decision, user=users["member2"], reason=reason)
    panel_decision_confirm(decision=decision, user=users["hmi"])
    area.refresh_from_db()


def _step(world, area, action: str) -> None:
    area_transition(area=area, user=world.users["hmi"], action=action)
    area.refresh_from_db()


def _practice(planter, inspection, user, *, published: bool) -> DevelopingPractice:
    material = "practice_published" if published else "practice_draft"
    text = planter.text(material, inspection.force.slug)
    practice = developing_practice_submit(
        inspection=inspection,
        user=user,
        framework=inspection.areas.first().framework,
        title=f"Practice {text}",
        problem=text,
        solution="A solution.",
        contact="A contact.",
    )
    if published:
        developing_practice_select(practice=practice, user=user, selected=True)
    return practice


def _wealdshire(world, planter, inspection) -> None:
    users = world.users
    np_area, cf_area = _area(inspection, "np"), _area(inspection, "dcfp")
    for area in (np_area, cf_area):
        _plant_drafting(world, planter, area, users["alice"], "Meeting")
        _step(world, area, "submit")
        _decide(world, planter, area, DecisionOutcome.CONFIRM)
    _decide(world, planter, np_area, DecisionOutcome.CONFIRM, dissent=True)
    _step(world, np_area, "release")
    comment = factual_comment_add(
        area=np_area,
        user=users["liaison"],
        comment=planter.text("comment", "wealdshire", "np"),
        proposed_correction=planter.text("comment", "wealdshire", "np"),
        criterion_assessment=_marked_criterion(np_area),
    )
    factual_comment_answer(
        comment=comment,
        user=users["alice"],
        response=CommentResponse.NOT_ACCEPTED,
        text=planter.text("answer", "wealdshire", "np"),
    )
    # The grade the liaison must not see: concluded nationally, distinct from the released
    # area's, and the area never released.
    failing = _grade(cf_area, "Failing")
    _decide(world, planter, cf_area, DecisionOutcome.CHANGE, failing, decline=True, dissent=True)
    inspection_overview_update(
        inspection=inspection,
        user=users["alice"],
        developments=planter.text("overview", "wealdshire"),
    )
    _practice(planter, inspection, users["liaison"], published=False)


def _northmoor(world, planter, inspection) -> None:
    """The demo submitted both areas: the regional panel refers them back (marked reasons),
    so the team can write the markers, then the lead submits again."""
    bob = world.users["bob"]
    np_area, cf_area = _area(inspection, "np"), _area(inspection, "dcfp")
    for area in (np_area, cf_area):
        _decide(world, planter, area, DecisionOutcome.REFER_BACK)
        _plant_drafting(world, planter, area, bob, "Meeting")
        _step(world, area, "submit")
    _decide(world, planter, cf_area, DecisionOutcome.CONFIRM, dissent=True)
    inspection_overview_update(
        inspection=inspection, user=bob, developments=planter.text("overview", "northmoor")
    )
    _practice(planter, inspection, bob, published=False)


def _eastmarch(world, planter, inspection) -> None:
    carol = world.users["carol"]
    for area in (_area(inspection, "np"), _area(inspection, "dcfp")):
        _plant_drafting(world, planter, area, carol, "Exceeding")
        _step(world, area, "submit")
        _decide(world, planter, area, DecisionOutcome.CONFIRM)
        _decide(world, planter, area, DecisionOutcome.CONFIRM, dissent=True)
        _step(world, area, "release")
        _step(world, area, "publish")
    _practice(planter, inspection, carol, published=True)
    _practice(planter, inspection, carol, published=False)


def _fenmarsh(world, planter, inspection) -> None:
    carol = world.users["carol"]
    for area in (_area(inspection, "np"), _area(inspection, "dcfp")):
        _plant_drafting(world, planter, area, carol, "Meeting")
    inspection_overview_update(
        inspection=inspection, user=carol, developments=planter.text("overview", "fenmarsh")
    )
    # The force's name is itself a marker: a stranger must not learn this inspection exists.
    world.markers.append(Marker("Fenmarsh", "hidden_force", "fenmarsh", None))


def _national(planter, programme, users) -> None:
    hmi = users["hmi"]
    national_summary_save(
        programme=programme,
        user=hmi,
        version="",
        title="Summary",
        body=planter.text("national_text"),
    )
    recommendation_create(programme=programme, user=hmi, text=planter.text("national_text"))


def _report_runs(world, inspections, programme) -> None:
    """Runs as each persona would request them; the team's full draft of Wealdshire is
    rendered, so its download is a real file the liaison must not get."""
    users = world.users
    full = report_run_request(user=users["alice"], inspection=inspections["wealdshire"])
    report_run_request(user=users["liaison"], inspection=inspections["wealdshire"])
    report_run_request(user=users["bob"], inspection=inspections["northmoor"])
    report_run_request(user=users["carol"], inspection=inspections["eastmarch"])
    report_run_request(user=users["hmi"], programme=programme)
    rendered = report_run_execute(run_id=full.pk)
    if rendered is not None and rendered.file:
        world.files.append(rendered.file.name)


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
    _record_panel_targets(world)
    _record_run_targets(world)
    for recommendation in Recommendation.objects.select_related("programme"):
        year = recommendation.programme.year
        _add(world, "recommendation", recommendation.pk, INSPECTORATE_STAFF, "draft", year)
    for programme in Programme.objects.all():
        _add(world, "programme", programme.year, SIGNED_IN, "programme", programme.year)
    _record_ghosts(world)


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
    "session": PanelSession,
    "agenda_item": AgendaItem,
    "decision": PanelDecision,
    "run": ReportRun,
    "recommendation": Recommendation,
}


def _record_ghosts(world: World) -> None:
    """An id no row of the kind has: what every persona must get as a 404, and the answer
    an object out of reach is compared with."""
    for kind, model in GHOST_MODELS.items():
        highest = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        world.ghosts[kind] = highest + 100_000
    world.ghosts["programme"] = 1999
