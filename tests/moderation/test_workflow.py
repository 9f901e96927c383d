"""The transition table and the one service that moves an area along it."""

import datetime
import inspect

import pytest
from django.utils import timezone

from inspections.exceptions import AssessmentLocked, WorkflowRefused
from inspections.models import AssessmentStatus, EvidenceKind, Inspection, InspectionStatus
from inspections.services import evidence as evidence_services
from moderation import workflow
from moderation.models import AssessmentEvent, DecisionState, PanelDecision
from moderation.services import steps
from moderation.services.proposals import grade_propose
from moderation.services.transitions import area_transition, inspection_status_sync
from tests.factories import UserFactory
from tests.moderation.moderation_support import (
    complete_area,
    decide,
    grade,
    np_area,
    panels_for,
    submit,
    to_released,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(programme_2008, force_a, inspection_a, hmi, panel):
    area = np_area(inspection_a)
    return panels_for(programme_2008, force_a, area.framework, hmi, [panel])


@pytest.fixture
def area(inspection_a, sessions):
    return np_area(inspection_a)


def test_the_table_runs_drafting_to_published_with_referrals_back():
    chain = [
        AssessmentStatus.DRAFTING,
        AssessmentStatus.SUBMITTED,
        AssessmentStatus.REGIONALLY_MODERATED,
        AssessmentStatus.NATIONALLY_MODERATED,
        AssessmentStatus.RELEASED,
        AssessmentStatus.PUBLISHED,
    ]
    referrals = [t for t in workflow.TRANSITIONS if chain.index(t.target) < chain.index(t.source)]
    forward = {(t.source, t.target) for t in workflow.TRANSITIONS if t not in referrals}
    assert forward == set(zip(chain, chain[1:], strict=False))
    back = {(t.source, t.target) for t in referrals}
    assert back == {
        (AssessmentStatus.SUBMITTED, AssessmentStatus.DRAFTING),
        (AssessmentStatus.REGIONALLY_MODERATED, AssessmentStatus.DRAFTING),
        # A force's comment on the grade during its factual-accuracy check.
        (AssessmentStatus.RELEASED, AssessmentStatus.REGIONALLY_MODERATED),
    }
    assert all(t.needs_reason for t in referrals)


def _public_functions(module) -> dict:
    return {
        function: name
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    }


def test_every_row_names_its_guard_and_effect_and_every_guard_and_effect_has_a_row():
    guards = {t.guard for t in workflow.TRANSITIONS}
    effects = {t.effect for t in workflow.TRANSITIONS}
    locks = {t.lock for t in workflow.TRANSITIONS if t.lock is not None}
    for t in workflow.TRANSITIONS:
        assert callable(t.guard) and callable(t.effect), t.action
        # The service calls them with these keywords and no others.
        inspect.signature(t.guard).bind(area=None, decision=None)
        inspect.signature(t.effect).bind(area=None, decision=None, user=None)
        if t.lock is not None:
            inspect.signature(t.lock).bind(area=None)
    assert not guards & effects and not locks & (guards | effects)
    used = guards | effects | locks
    defined = _public_functions(steps)
    assert set(defined) >= used, "a row names a function outside steps"
    unused = sorted(name for function, name in defined.items() if function not in used)
    assert unused == [], f"no row of the table uses {unused}"


def test_lead_submits_a_complete_area_and_the_event_says_who_when_and_what(area, alice, hmi):
    complete_area(area, alice, hmi)
    event = area_transition(area=area, user=hmi, action="submit")
    area.refresh_from_db()
    assert area.status == AssessmentStatus.SUBMITTED
    assert (event.actor, event.from_status, event.to_status) == (
        hmi,
        AssessmentStatus.DRAFTING,
        AssessmentStatus.SUBMITTED,
    )
    assert event.created_at is not None
    assert area.inspection.status == InspectionStatus.MODERATION
    # Submission puts the area on the regional panel's open session.
    assert area.agenda_items.get().session.panel.kind == "regional"


def test_submission_lists_what_is_missing_and_changes_nothing(area, hmi):
    with pytest.raises(WorkflowRefused) as refused:
        area_transition(area=area, user=hmi, action="submit")
    whats = [gap.what for gap in refused.value.problems]
    assert "Write the summary statement." in whats
    assert any("mark “none identified”" in what for what in whats)
    assert "Propose a grade with its rationale." in whats
    area.refresh_from_db()
    assert area.status == AssessmentStatus.DRAFTING
    assert not AssessmentEvent.objects.exists()


def _bring_to(action, area, alice, hmi, panel):
    if action == "submit":
        complete_area(area, alice, hmi)
    elif action == "release":
        submit(area, alice, hmi)
        decide(area, panel, hmi)
        decide(area, panel, hmi)
    else:
        to_released(area, alice, hmi, panel)


@pytest.mark.parametrize("action", ["submit", "release", "publish"])
def test_only_the_inspections_lead_makes_the_leads_steps(area, alice, hmi, panel, action):
    _bring_to(action, area, alice, hmi, panel)
    status = area.status
    for user in (alice, panel):
        with pytest.raises(WorkflowRefused, match="Only the inspection's lead inspector"):
            area_transition(area=area, user=user, action=action)
    area.refresh_from_db()
    assert area.status == status
    area_transition(area=area, user=hmi, action=action)
    assert area.status == workflow.BY_ACTION[action].target


def test_a_step_from_the_wrong_state_is_refused_with_the_state_named(area, hmi):
    with pytest.raises(WorkflowRefused, match="is drafting, so it cannot be moved on"):
        area_transition(area=area, user=hmi, action="publish")
    with pytest.raises(WorkflowRefused, match="not a step of the workflow"):
        area_transition(area=area, user=hmi, action="approve")


def test_panel_steps_need_a_confirmed_decision_from_that_panels_chair(area, alice, hmi):
    submit(area, alice, hmi)
    with pytest.raises(WorkflowRefused, match="Only the chair of the force's regional panel"):
        area_transition(area=area, user=hmi, action="regional_moderate")


def test_confirmed_decisions_move_the_area_and_the_national_one_sets_the_final_grade(
    area, alice, hmi, panel
):
    submit(area, alice, hmi)
    decide(area, panel, hmi)
    assert area.status == AssessmentStatus.REGIONALLY_MODERATED
    assert area.agenda_items.filter(session__panel__kind="national").exists()
    exceeding = grade("Exceeding", area)
    decide(
        area, panel, hmi, outcome="change", grade_level=exceeding, reason="Consistent with peers."
    )
    assert area.status == AssessmentStatus.NATIONALLY_MODERATED
    assert area.final_grade == exceeding
    actions = list(AssessmentEvent.objects.filter(area=area).values_list("action", flat=True))
    assert actions == ["submit", "regional_moderate", "national_conclude"]
    assert AssessmentEvent.objects.get(action="national_conclude").decision.grade == exceeding


def test_release_and_publish_follow_the_national_decision(area, alice, hmi, panel):
    to_released(area, alice, hmi, panel)
    assert area.status == AssessmentStatus.RELEASED
    assert area.inspection.status == InspectionStatus.FACTUAL_ACCURACY
    area_transition(area=area, user=hmi, action="publish")
    area.refresh_from_db()
    assert area.status == AssessmentStatus.PUBLISHED
    # The other area is still drafting, so the inspection is not yet published as a whole.
    assert area.inspection.status == InspectionStatus.FACTUAL_ACCURACY


def test_an_inspection_published_undated_is_dated_today_and_a_set_date_is_kept(
    inspection_a, inspection_b, hmi
):
    inspection_b.publication_date = datetime.date(2008, 9, 1)
    inspection_b.save()
    for inspection in (inspection_a, inspection_b):
        inspection.areas.update(status=AssessmentStatus.RELEASED)
        inspection_status_sync(inspection=inspection, user=hmi)
        assert Inspection.objects.get(pk=inspection.pk).status == InspectionStatus.FACTUAL_ACCURACY
    assert Inspection.objects.get(pk=inspection_a.pk).publication_date is None
    for inspection in (inspection_a, inspection_b):
        inspection.areas.update(status=AssessmentStatus.PUBLISHED)
        inspection_status_sync(inspection=inspection, user=hmi)
    assert inspection_a.publication_date == timezone.localdate()
    assert Inspection.objects.get(pk=inspection_a.pk).publication_date == timezone.localdate()
    assert Inspection.objects.get(pk=inspection_b.pk).publication_date == datetime.date(2008, 9, 1)


def test_referral_reopens_the_area_and_voids_every_earlier_approval(area, alice, hmi, panel):
    submit(area, alice, hmi)
    regional = decide(area, panel, hmi)
    referral = decide(area, panel, hmi, outcome="refer_back", reason="Evidence for 1.3 is thin.")
    assert area.status == AssessmentStatus.DRAFTING
    assert area.final_grade is None
    regional.refresh_from_db()
    assert regional.state == DecisionState.VOID and regional.voided_at is not None
    referral.refresh_from_db()
    assert referral.state == DecisionState.CONFIRMED
    event = AssessmentEvent.objects.filter(area=area).last()
    assert (event.action, event.reason) == ("national_refer_back", "Evidence for 1.3 is thin.")
    assert area.inspection.status == InspectionStatus.FIELDWORK
    # Reopened: evidence and the proposal can change again.
    assessment = area.criteria.first()
    evidence_services.evidence_item_create(
        assessment=assessment, user=alice, kind=EvidenceKind.STRENGTH, text="More."
    )
    grade_propose(area=area, user=hmi, grade=grade("Meeting", area), rationale="See (1.1).")


def test_evidence_statements_and_proposal_are_locked_after_submission(area, alice, hmi):
    submit(area, alice, hmi)
    assessment = area.criteria.first()
    with pytest.raises(AssessmentLocked):
        evidence_services.evidence_item_create(
            assessment=assessment, user=alice, kind=EvidenceKind.STRENGTH, text="Late."
        )
    with pytest.raises(AssessmentLocked):
        grade_propose(area=area, user=hmi, grade=grade("Exceeding", area), rationale="(1.1)")


@pytest.mark.parametrize(
    "statuses, expected",
    [
        ([AssessmentStatus.DRAFTING, AssessmentStatus.DRAFTING], InspectionStatus.FIELDWORK),
        ([AssessmentStatus.DRAFTING, AssessmentStatus.SUBMITTED], InspectionStatus.MODERATION),
        (
            [AssessmentStatus.RELEASED, AssessmentStatus.NATIONALLY_MODERATED],
            InspectionStatus.FACTUAL_ACCURACY,
        ),
        (
            [AssessmentStatus.PUBLISHED, AssessmentStatus.RELEASED],
            InspectionStatus.FACTUAL_ACCURACY,
        ),
        ([AssessmentStatus.PUBLISHED, AssessmentStatus.PUBLISHED], InspectionStatus.PUBLISHED),
    ],
)
def test_inspection_status_follows_its_areas(statuses, expected):
    assert workflow.inspection_status_for(statuses) == expected


def test_an_inactive_lead_cannot_act(area, alice, hmi):
    complete_area(area, alice, hmi)
    hmi.is_active = False
    hmi.save()
    with pytest.raises(WorkflowRefused):
        area_transition(area=area, user=hmi, action="submit")


def test_notifications_go_after_commit_to_the_people_concerned(
    area, alice, hmi, panel, liaison, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(area, alice, hmi)
    submitted = [m for m in mailoutbox if "submitted" in m.subject.lower()]
    assert submitted and set(submitted[0].to) == {hmi.email, panel.email}
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(area, panel, hmi, outcome="refer_back", reason="Thin evidence on 1.3.")
    referral = [m for m in mailoutbox if "drafting" in m.subject.lower()]
    assert referral and set(referral[0].to) == {alice.email, hmi.email}
    assert "Thin evidence on 1.3." in referral[0].body


def test_nothing_is_mailed_when_the_transition_is_rolled_back(
    area, hmi, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(WorkflowRefused):
        area_transition(area=area, user=hmi, action="submit")
    assert mailoutbox == []


def test_a_decision_stays_pending_until_the_chair_confirms(area, alice, hmi, panel):
    from moderation.services.panels import panel_decision_record

    submit(area, alice, hmi)
    decision = panel_decision_record(item=area.agenda_items.get(), user=panel, outcome="confirm")
    area.refresh_from_db()
    assert area.status == AssessmentStatus.SUBMITTED
    assert PanelDecision.objects.get(pk=decision.pk).state == DecisionState.PENDING


def test_someone_outside_the_team_with_no_role_cannot_submit(area, alice, hmi):
    complete_area(area, alice, hmi)
    stranger = UserFactory()
    with pytest.raises(WorkflowRefused):
        area_transition(area=area, user=stranger, action="submit")


def test_release_tells_the_team_and_the_forces_liaison(
    area, alice, hmi, panel, liaison, mailoutbox, django_capture_on_commit_callbacks
):
    submit(area, alice, hmi)
    decide(area, panel, hmi)
    decide(area, panel, hmi)
    with django_capture_on_commit_callbacks(execute=True):
        area_transition(area=area, user=hmi, action="release")
    (message,) = mailoutbox
    assert set(message.to) == {alice.email, hmi.email, liaison.email}
    assert "/draft/" in message.body


def test_statements_are_locked_after_submission_too(area, alice, hmi):
    from inspections.services.statements import criterion_statement_save

    submit(area, alice, hmi)
    assessment = area.criteria.first()
    with pytest.raises(AssessmentLocked):
        criterion_statement_save(
            assessment=assessment, user=alice, version=assessment.version, chosen_levels={}
        )


def test_a_users_standing_gives_the_rules_the_answers_their_own_queries_give(
    area, sessions, alice, panel, bob, hmi, inspection_b
):
    """A page of many items asks the rules with a `Standing` loaded once; the answers must be
    those each rule's own query gives, for every one of these people."""
    area_b = np_area(inspection_b)
    items = [
        session.items.create(area=each, added_by=hmi)
        for session in sessions
        for each in (area, area_b)
    ]
    for user in (alice, panel, bob, hmi):
        standing = workflow.standing_of(user)
        for item in items:
            panel_of_item, area_of_item = item.session.panel, item.area
            assert workflow.was_on_team(user, area_of_item, standing) == workflow.was_on_team(
                user, area_of_item
            )
            assert workflow.is_panel_member(
                user, panel_of_item, standing
            ) == workflow.is_panel_member(user, panel_of_item)
            assert workflow.decision_refusal(
                user, item, area_of_item, standing
            ) == workflow.decision_refusal(user, item, area_of_item)
