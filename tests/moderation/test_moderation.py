"""Panels: agendas, decisions recorded by members and confirmed by the chair, dissent, and
no self-moderation."""

import pytest
from django.core.exceptions import ValidationError

from inspections import roles
from inspections.exceptions import WorkflowRefused
from inspections.models import AssessmentStatus
from moderation.models import (
    AgendaItem,
    DecisionState,
    Dissent,
    ModerationPanel,
    PanelDecision,
    PanelKind,
    PanelMembership,
)
from moderation.services import panels as services
from moderation.services.transitions import area_transition
from tests.factories import UserFactory
from tests.moderation.moderation_support import (
    complete_area,
    decide,
    grade,
    np_area,
    submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def area(inspection_a, sessions, alice, hmi):
    area = np_area(inspection_a)
    submit(area, alice, hmi)
    return area


def _item(area):
    return area.agenda_items.select_related("session__panel").order_by("-pk").first()


def test_a_member_records_and_the_chair_confirms(area, panel, hmi):
    decision = services.panel_decision_record(item=_item(area), user=panel, outcome="confirm")
    assert (decision.state, decision.grade, decision.stage) == (
        DecisionState.PENDING,
        area.proposed_grade,
        PanelKind.REGIONAL,
    )
    services.panel_decision_confirm(decision=decision, user=hmi)
    decision.refresh_from_db()
    area.refresh_from_db()
    assert decision.state == DecisionState.CONFIRMED and decision.settled_by == hmi
    assert area.status == AssessmentStatus.REGIONALLY_MODERATED


def test_self_moderation_is_refused_even_for_the_chair(area, hmi, alice, panel):
    # hmi leads force A's team: he chairs, but may not record a decision on force A.
    with pytest.raises(WorkflowRefused, match="inspection team, so you cannot decide"):
        services.panel_decision_record(item=_item(area), user=hmi, outcome="confirm")
    PanelMembership.objects.create(panel=_item(area).session.panel, user=alice)
    with pytest.raises(WorkflowRefused, match="inspection team"):
        services.panel_decision_record(item=_item(area), user=alice, outcome="confirm")
    decision = services.panel_decision_record(item=_item(area), user=panel, outcome="confirm")
    with pytest.raises(WorkflowRefused, match="cannot dissent"):
        services.dissent_record(decision=decision, user=alice, reason="I disagree.")
    assert not PanelDecision.objects.filter(recorded_by__in=[hmi, alice]).exists()
    assert not Dissent.objects.exists()


def _chair_not_on_team(area, chair, deputy=None):
    regional = _item(area).session.panel
    regional.chair, regional.deputy_chair = chair, deputy
    regional.save()
    return regional


def test_a_chair_without_a_deputy_records_no_decision(area, panel):
    # panel was never on force A's team, but as chair nobody else could confirm what they record.
    _chair_not_on_team(area, panel)
    with pytest.raises(WorkflowRefused, match="no deputy chair"):
        services.panel_decision_record(item=_item(area), user=panel, outcome="confirm")
    assert not PanelDecision.objects.exists()


def test_a_chair_never_confirms_their_own_decision_and_the_deputy_does(area, panel, member2):
    deputy = UserFactory(username="deputy", groups=[roles.LEAD_INSPECTOR, roles.MODERATOR])
    _chair_not_on_team(area, panel, deputy=deputy)
    decision = services.panel_decision_record(
        item=_item(area),
        user=panel,
        outcome="change",
        grade=grade("Exceeding", area),
        reason="The problem-solving evidence (1.3) is stronger than proposed.",
    )
    with pytest.raises(WorkflowRefused, match="You recorded this decision"):
        services.panel_decision_confirm(decision=decision, user=panel)
    with pytest.raises(WorkflowRefused, match="You recorded this decision"):
        services.panel_decision_decline(decision=decision, user=panel, note="Withdrawn.")
    with pytest.raises(WorkflowRefused, match="Only the panel's chair"):
        services.panel_decision_confirm(decision=decision, user=member2)
    area.refresh_from_db()
    decision.refresh_from_db()
    assert area.status == AssessmentStatus.SUBMITTED and decision.state == DecisionState.PENDING
    services.panel_decision_confirm(decision=decision, user=deputy)
    area.refresh_from_db()
    decision.refresh_from_db()
    assert area.status == AssessmentStatus.REGIONALLY_MODERATED
    assert decision.settled_by == deputy and decision.recorded_by == panel


def test_the_deputy_confirms_only_the_chairs_own_decisions(area, panel, member2, hmi):
    deputy = UserFactory(username="deputy", groups=[roles.LEAD_INSPECTOR, roles.MODERATOR])
    regional = _item(area).session.panel
    regional.deputy_chair = deputy
    regional.save()
    decision = services.panel_decision_record(item=_item(area), user=member2, outcome="confirm")
    with pytest.raises(WorkflowRefused, match="Only the panel's chair"):
        services.panel_decision_confirm(decision=decision, user=deputy)
    services.panel_decision_confirm(decision=decision, user=hmi)
    area.refresh_from_db()
    assert area.status == AssessmentStatus.REGIONALLY_MODERATED


def test_the_workflow_refuses_a_step_on_the_recorders_word_alone(area, panel):
    # Even a confirmed decision does not let its recorder make the step themselves: the
    # workflow's actor rule holds apart from the confirmation service.
    _chair_not_on_team(area, panel, deputy=UserFactory(groups=[roles.LEAD_INSPECTOR]))
    decision = services.panel_decision_record(item=_item(area), user=panel, outcome="confirm")
    PanelDecision.objects.filter(pk=decision.pk).update(state=DecisionState.CONFIRMED)
    decision.refresh_from_db()
    with pytest.raises(WorkflowRefused, match="Only the chair"):
        area_transition(area=area, user=panel, action="regional_moderate", decision=decision)
    area.refresh_from_db()
    assert area.status == AssessmentStatus.SUBMITTED


def test_only_the_chair_confirms_and_only_once(area, panel, member2, hmi):
    decision = services.panel_decision_record(item=_item(area), user=panel, outcome="confirm")
    with pytest.raises(WorkflowRefused, match="Only the panel's chair"):
        services.panel_decision_confirm(decision=decision, user=member2)
    services.panel_decision_confirm(decision=decision, user=hmi)
    with pytest.raises(WorkflowRefused, match="already settled"):
        services.panel_decision_confirm(decision=decision, user=hmi)


def test_the_chair_may_decline_with_a_note_and_a_member_records_again(area, panel, member2, hmi):
    decision = services.panel_decision_record(item=_item(area), user=panel, outcome="confirm")
    with pytest.raises(WorkflowRefused, match="Write why"):
        services.panel_decision_decline(decision=decision, user=hmi, note=" ")
    services.panel_decision_decline(decision=decision, user=hmi, note="Discuss 1.3 first.")
    decision.refresh_from_db()
    assert decision.state == DecisionState.DECLINED and decision.chair_note == "Discuss 1.3 first."
    area.refresh_from_db()
    assert area.status == AssessmentStatus.SUBMITTED
    services.panel_decision_record(item=_item(area), user=member2, outcome="confirm")


def test_one_pending_decision_at_a_time(area, panel, member2):
    services.panel_decision_record(item=_item(area), user=panel, outcome="confirm")
    with pytest.raises(WorkflowRefused, match="already awaits the chair"):
        services.panel_decision_record(item=_item(area), user=member2, outcome="confirm")


def test_a_change_needs_another_grade_of_the_scheme_and_a_reason(area, panel):
    item, meeting = _item(area), grade("Meeting", area)
    with pytest.raises(WorkflowRefused, match="grade already"):
        services.panel_decision_record(
            item=item, user=panel, outcome="change", grade=meeting, reason="x"
        )
    with pytest.raises(WorkflowRefused, match="Write why the grade changes"):
        services.panel_decision_record(
            item=item, user=panel, outcome="change", grade=grade("Exceeding", area)
        )
    with pytest.raises(WorkflowRefused, match="grading scheme"):
        services.panel_decision_record(item=item, user=panel, outcome="change", reason="x")
    with pytest.raises(WorkflowRefused, match="referring it back"):
        services.panel_decision_record(item=item, user=panel, outcome="refer_back")
    with pytest.raises(WorkflowRefused, match="HTML"):
        services.panel_decision_record(
            item=item, user=panel, outcome="refer_back", reason="<b>thin</b>"
        )
    assert not PanelDecision.objects.exists()


def test_a_change_at_regional_level_is_what_the_national_panel_confirms(area, panel, hmi):
    exceeding = grade("Exceeding", area)
    decide(area, panel, hmi, outcome="change", grade_level=exceeding, reason="Above peers.")
    national = decide(area, panel, hmi)
    assert national.grade == exceeding
    assert area.final_grade == exceeding


def test_members_record_a_dissent_once_but_not_on_their_own_decision(area, panel, member2, hmi):
    decision = services.panel_decision_record(item=_item(area), user=panel, outcome="confirm")
    with pytest.raises(WorkflowRefused, match="You recorded this decision"):
        services.dissent_record(decision=decision, user=panel, reason="No.")
    with pytest.raises(WorkflowRefused, match="not its chair"):
        services.dissent_record(decision=decision, user=hmi, reason="No.")
    dissent = services.dissent_record(decision=decision, user=member2, reason="1.3 is weaker.")
    assert (dissent.member, dissent.reason) == (member2, "1.3 is weaker.")
    with pytest.raises(WorkflowRefused, match="already recorded a dissent"):
        services.dissent_record(decision=decision, user=member2, reason="Again.")


def test_a_non_member_cannot_record(area, reference):
    outsider = UserFactory(groups=[roles.MODERATOR])
    with pytest.raises(WorkflowRefused, match="Only members of this panel"):
        services.panel_decision_record(item=_item(area), user=outsider, outcome="confirm")


def test_a_panel_decides_only_on_areas_in_its_stage(area, panel, hmi):
    decide(area, panel, hmi)  # regionally moderated: no longer the regional panel's business
    regional_item = area.agenda_items.get(session__panel__kind="regional")
    with pytest.raises(WorkflowRefused, match="not before this panel"):
        services.panel_decision_record(item=regional_item, user=panel, outcome="confirm")


def test_closed_sessions_take_no_decisions(area, panel):
    item = _item(area)
    item.session.is_open = False
    item.session.save()
    with pytest.raises(WorkflowRefused, match="closed"):
        services.panel_decision_record(item=item, user=panel, outcome="confirm")


def test_decisions_are_not_void_when_declined_and_referral_voids_pending_ones(
    area, panel, member2, hmi
):
    regional = decide(area, panel, hmi)
    referral = services.panel_decision_record(
        item=_item(area), user=member2, outcome="refer_back", reason="Check 1.2."
    )
    services.panel_decision_confirm(decision=referral, user=hmi)
    regional.refresh_from_db()
    assert regional.state == DecisionState.VOID


def test_only_the_chair_sets_the_agenda_and_only_with_waiting_areas(
    programme_2008, inspection_a, inspection_b, alice, hmi, panel, sessions
):
    regional, _ = sessions
    area = np_area(inspection_a)
    with pytest.raises(WorkflowRefused, match="not waiting for this panel"):
        services.agenda_item_add(session=regional, area=area, user=hmi)
    complete_area(area, alice, hmi)
    area_transition(area=area, user=hmi, action="submit")
    AgendaItem.objects.all().delete()
    with pytest.raises(WorkflowRefused, match="Only the panel's chair"):
        services.agenda_item_add(session=regional, area=area, user=panel)
    item = services.agenda_item_add(session=regional, area=area, user=hmi)
    assert item.added_by == hmi
    other_region = np_area(inspection_b)
    other_region.status = AssessmentStatus.SUBMITTED
    other_region.save()
    with pytest.raises(WorkflowRefused, match="not waiting for this panel"):
        services.agenda_item_add(session=regional, area=other_region, user=hmi)


def test_panel_scope_and_chair_are_validated(programme_2008, force_a, panel, hmi):
    regional = ModerationPanel(kind=PanelKind.REGIONAL, programme=programme_2008, chair=panel)
    with pytest.raises(ValidationError) as error:
        regional.full_clean()
    assert "region" in error.value.message_dict and "chair" in error.value.message_dict
    ok = ModerationPanel(
        kind=PanelKind.REGIONAL, programme=programme_2008, region=force_a.region, chair=hmi
    )
    ok.full_clean()
    for deputy, message in ((hmi, "other than the chair"), (panel, "lead inspectors")):
        ok.deputy_chair = deputy
        with pytest.raises(ValidationError, match=message):
            ok.full_clean()


def test_decisions_cannot_be_edited_or_deleted_in_the_admin(client, area, panel, admin_user):
    from django.urls import reverse

    decision = services.panel_decision_record(item=_item(area), user=panel, outcome="confirm")
    client.force_login(admin_user)
    change = reverse("admin:moderation_paneldecision_change", args=[decision.pk])
    assert client.get(change).status_code == 200  # readable
    assert client.post(change, {"outcome": "change", "reason": "x"}).status_code == 403
    delete = reverse("admin:moderation_paneldecision_delete", args=[decision.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    decision.refresh_from_db()
    assert decision.outcome == "confirm"
