"""The world the access-matrix test acts in, and one driver per action of the matrix.

Each driver makes the request a person in a role would make and says whether the action
took effect, read from the database (or, for the reading actions, from the page).
"""

import re
from dataclasses import dataclass, field

from django.urls import reverse

from forces.models import ForceLiaison
from inspections import roles
from inspections.access_matrix import Action, Role
from inspections.models import (
    AreaAssessment,
    AssessmentStatus,
    EvidenceItem,
    EvidenceKind,
    Programme,
)
from inspections.services import evidence as evidence_services
from inspections.services import inspection_create
from moderation.models import (
    CommentResponse,
    CommentSection,
    Dissent,
    FactualAccuracyComment,
    GradeProposal,
    PanelDecision,
)
from moderation.services.panels import panel_decision_record
from moderation.services.transitions import area_transition
from tests.factories import UserFactory
from tests.moderation.moderation_support import (
    NP_RATIONALE,
    complete_area,
    decide,
    np_area,
    panels_for,
)

MARKER = "Matrix marker evidence"
ORDER = [
    AssessmentStatus.DRAFTING,
    AssessmentStatus.SUBMITTED,
    AssessmentStatus.REGIONALLY_MODERATED,
    AssessmentStatus.NATIONALLY_MODERATED,
    AssessmentStatus.RELEASED,
    AssessmentStatus.PUBLISHED,
]


@dataclass
class World:
    area: AreaAssessment
    users: dict[Role, object] = field(default_factory=dict)

    @property
    def assessment(self):
        return self.area.criteria.order_by("pk").first()


def _user(name: str, *groups: str):
    return UserFactory(username=name, groups=list(groups))


def world_build(*, status: str, force_a, force_b, programme_2008) -> World:
    """Force A's Neighbourhood Policing area taken to `status` through the services."""
    users = {
        Role.TEAM_INSPECTOR: _user("m-inspector", roles.INSPECTOR),
        Role.TEAM_LEAD: _user("m-lead", roles.LEAD_INSPECTOR),
        Role.OTHER_INSPECTOR: _user("m-other-inspector", roles.INSPECTOR),
        Role.CHAIR: _user("m-chair", roles.LEAD_INSPECTOR, roles.MODERATOR),
        Role.MEMBER: _user("m-member", roles.MODERATOR),
        Role.OTHER_MEMBER: _user("m-other-member", roles.MODERATOR),
        Role.FORMER_TEAM_MEMBER: _user("m-former", roles.MODERATOR, roles.INSPECTOR),
        Role.MODERATOR: _user("m-moderator", roles.MODERATOR),
        Role.LIAISON: _user("m-liaison", roles.FORCE_LIAISON),
        Role.OTHER_LIAISON: _user("m-other-liaison", roles.FORCE_LIAISON),
        Role.ADMIN: UserFactory(username="m-admin", is_staff=True, is_superuser=True),
        Role.ANONYMOUS: None,
    }
    ForceLiaison.objects.create(user=users[Role.LIAISON], force=force_a)
    ForceLiaison.objects.create(user=users[Role.OTHER_LIAISON], force=force_b)
    lead, inspector = users[Role.TEAM_LEAD], users[Role.TEAM_INSPECTOR]
    inspection = inspection_create(
        force=force_a, programme=programme_2008, lead=lead, inspectors=[inspector]
    )
    inspection_create(
        force=force_b,
        programme=programme_2008,
        lead=users[Role.CHAIR],
        inspectors=[users[Role.OTHER_INSPECTOR]],
    )
    # The former team member inspected force A in an earlier programme.
    inspection_create(
        force=force_a,
        programme=Programme.objects.get(year=2007),
        lead=users[Role.CHAIR],
        inspectors=[users[Role.FORMER_TEAM_MEMBER]],
    )
    area = np_area(inspection)
    members = [users[Role.MEMBER], users[Role.OTHER_MEMBER], users[Role.FORMER_TEAM_MEMBER]]
    panels_for(programme_2008, force_a, area.framework, users[Role.CHAIR], members)
    complete_area(area, inspector, lead)
    evidence_services.evidence_item_create(
        assessment=area.criteria.order_by("pk").first(),
        user=inspector,
        kind=EvidenceKind.STRENGTH,
        text=MARKER,
    )
    _advance(area, status, users)
    area.refresh_from_db()
    return World(area=area, users=users)


def _advance(area, status: str, users) -> None:
    lead, chair, member = users[Role.TEAM_LEAD], users[Role.CHAIR], users[Role.MEMBER]
    steps = ORDER.index(status)
    if steps >= 1:
        area_transition(area=area, user=lead, action="submit")
    if steps >= 2:
        decide(area, member, chair)
    if steps >= 3:
        decide(area, member, chair)
    if steps >= 4:
        area_transition(area=area, user=lead, action="release")
    if steps >= 5:
        area_transition(area=area, user=lead, action="publish")


# Drivers: each returns (response, took effect).


def _latest_item(area):
    return area.agenda_items.order_by("-pk").first()


def _decision_before_panel(world: World):
    """The decision a confirm or dissent acts on: a pending one MEMBER records now while the
    area is before a panel, else the latest decision (already confirmed)."""
    area = world.area
    if area.status in (AssessmentStatus.SUBMITTED, AssessmentStatus.REGIONALLY_MODERATED):
        item = _latest_item(area)
        return panel_decision_record(item=item, user=world.users[Role.MEMBER], outcome="confirm")
    return PanelDecision.objects.filter(area=area).order_by("-pk").first()


def _read(client, url: str, text: str):
    response = client.get(url)
    return response, response.status_code == 200 and text in response.content.decode()


def _version_on(client, url: str) -> dict:
    found = re.search(r'name="version" value="([^"]*)"', client.get(url).content.decode())
    return {"version": found.group(1)} if found else {}


def _status_changes(client, world: World, action: str):
    before = world.area.status
    response = client.post(
        reverse("moderation:area_action", args=[world.area.pk]), {"action": action}
    )
    return response, AreaAssessment.objects.get(pk=world.area.pk).status != before


def _factual_change(client, world: World):
    """An accepted comment on the marker item (written straight to the table, so one exists
    at every status), and the change it calls for."""
    item = EvidenceItem.objects.get(criterion_assessment__area=world.area, text=MARKER)
    comment = FactualAccuracyComment.objects.create(
        area=world.area,
        criterion_assessment_id=item.criterion_assessment_id,
        evidence_item=item,
        section=CommentSection.EVIDENCE,
        comment="Wrong.",
        proposed_correction="Right.",
        author=world.users[Role.LIAISON],
        response=CommentResponse.ACCEPTED,
        response_text="Will do.",
        responded_by=world.users[Role.TEAM_LEAD],
    )
    url = reverse("moderation:factual_comment_change", args=[comment.pk])
    response = client.post(url, {"version": item.version, "text": "Changed by the matrix."})
    return response, EvidenceItem.objects.get(pk=item.pk).text != MARKER


def _comment(client, world: World):
    url = reverse("moderation:factual_comment_add", args=[world.area.pk])
    data = {"section": "", "comment": "Wrong figure.", "proposed_correction": "Right one."}
    response = client.post(url, data)
    return response, FactualAccuracyComment.objects.filter(area=world.area).exists()


FACTUAL_DRIVERS = {Action.COMMENT: _comment, Action.FACTUAL_CHANGE: _factual_change}


def drive(action: Action, client, world: World):
    """Make the request for `action` as the signed-in client; None when there is nothing to
    act on in this status."""
    area, assessment = world.area, world.assessment
    if action == Action.READ_EVIDENCE:
        return _read(client, reverse("inspections:criterion_detail", args=[assessment.pk]), MARKER)
    if action == Action.READ_MODERATION:
        return _read(client, reverse("moderation:area_detail", args=[area.pk]), NP_RATIONALE)
    if action == Action.ADD_EVIDENCE:
        url = reverse("inspections:evidence_add", args=[assessment.pk])
        data = {"kind": EvidenceKind.STRENGTH, "text": "Added by the matrix.", "lead": ""}
        response = client.post(url, data)
        return response, EvidenceItem.objects.filter(text="Added by the matrix.").exists()
    if action == Action.PROPOSE_GRADE:
        before = GradeProposal.objects.filter(area=area).count()
        page = reverse("moderation:area_detail", args=[area.pk])
        grade = area.framework.scheme.levels.order_by("rank").first()
        data = {"grade": grade.pk, "rationale": NP_RATIONALE, **_version_on(client, page)}
        response = client.post(reverse("moderation:grade_proposal", args=[area.pk]), data)
        return response, GradeProposal.objects.filter(area=area).count() > before
    if action in (Action.SUBMIT, Action.RELEASE, Action.PUBLISH):
        return _status_changes(client, world, action.value)
    if action == Action.RECORD_DECISION:
        before = PanelDecision.objects.filter(area=area).count()
        url = reverse("moderation:decision_record", args=[_latest_item(area).pk])
        response = client.post(url, {"outcome": "confirm"})
        return response, PanelDecision.objects.filter(area=area).count() > before
    if action == Action.CONFIRM_DECISION:
        decision = _decision_before_panel(world)
        response = client.post(reverse("moderation:decision_confirm", args=[decision.pk]))
        return response, PanelDecision.objects.get(pk=decision.pk).state != decision.state
    if action == Action.DISSENT:
        decision = _decision_before_panel(world)
        url = reverse("moderation:dissent_add", args=[decision.pk])
        response = client.post(url, {"reason": "The matrix disagrees."})
        return response, Dissent.objects.filter(decision=decision).exists()
    if action in FACTUAL_DRIVERS:
        return FACTUAL_DRIVERS[action](client, world)
    raise ValueError(f"No driver for {action}")
