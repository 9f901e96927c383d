"""Building the persona crawl's world (described in crawl_support.py): the demo, two more
fictional inspections, every workflow stage through the product's own services, and a marker
planted in everything that must stay private."""

import dataclasses

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from grading.models import GradeLevel
from inspections import roles
from inspections.demo.content import WEALDSHIRE
from inspections.demo.places import demo_force_ensure
from inspections.models import (
    AreaAssessment,
    DevelopingPractice,
    EvidenceKind,
    FollowUp,
    Inspection,
    Programme,
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
    ModerationPanel,
    PanelMembership,
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
from reports.services.recommendations import national_summary_save, recommendation_create
from reports.services.runs import report_run_request
from reports.services.runs_execute import report_run_execute
from tests.factories import UserFactory
from tests.security.crawl_support import (
    CODES,
    SEARCH_WORD,
    YEAR,
    Marker,
    World,
    _marked_criterion,
    _record_facts,
    _record_targets,
)


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
    _follow_ups(inspections)
    _record_facts(world, inspections)
    _record_targets(world, inspections)
    return world


def _follow_ups(inspections: dict[str, Inspection]) -> None:
    """One follow-up under a criterion and one under the whole inspection, on an inspection
    still drafting and on one released to the force. Written as rows (the world's inspections
    have no earlier published one to open from), with no marker words: who reaches them is
    what the crawl checks."""
    for slug in ("eastmarch", "wealdshire"):
        inspection = inspections[slug]
        placed = inspection.areas.order_by("order").first().criteria.order_by("pk").first()
        for order, assessment in enumerate((placed, None), start=1):
            FollowUp.objects.create(
                inspection=inspection,
                criterion_assessment=assessment,
                order=order,
                source_inspection=inspection,
                source_area="Neighbourhood Policing",
                text="An earlier area for improvement, followed up.",
            )


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
    # Written before the release: the overview is read-only once the force has the draft.
    inspection_overview_update(
        inspection=inspection,
        user=users["alice"],
        developments=planter.text("overview", "wealdshire"),
    )
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
