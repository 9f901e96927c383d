"""The inbox lists what each person may do now, and nothing the services would refuse.

Each test takes a task the inbox lists and has the service that does it accept it; and where
the service would refuse, the inbox lists nothing.
"""

import pytest
from django.urls import reverse

from inspections.exceptions import WorkflowRefused
from inspections.services.practice import developing_practice_select, developing_practice_submit
from moderation.inbox import inbox_for
from moderation.models import AgendaItem, CommentResponse, PanelDecision
from moderation.services.factual import factual_comment_add, factual_comment_answer
from moderation.services.panels import (
    agenda_item_add,
    dissent_record,
    panel_decision_confirm,
    panel_decision_record,
)
from moderation.services.transitions import area_transition
from moderation.workflow import decision_refusal, dissent_refusal, is_team_lead, standing_of
from tests.moderation.moderation_support import (
    complete_area,
    complete_criterion,
    decide,
    np_area,
    submit,
    to_released,
)

pytestmark = pytest.mark.django_db


def _tasks(user, key):
    group = next((g for g in inbox_for(user=user).groups if g.key == key), None)
    return group.tasks if group else []


def _urls(user, key):
    return [task.url for task in _tasks(user, key)]


def test_an_inspector_is_given_each_criterion_still_missing_something(alice, inspection_a):
    area = np_area(inspection_a)
    criteria = list(area.criteria.select_related("criterion"))
    urls = _urls(alice, "criteria")
    for assessment in criteria:
        assert assessment.get_absolute_url() in urls
    # The services accept what the task asks for, and the task is then done.
    complete_criterion(criteria[0], alice)
    assert criteria[0].get_absolute_url() not in _urls(alice, "criteria")


def test_nobody_is_given_another_teams_criteria(alice, bob, inspection_a, inspection_b):
    theirs = {a.get_absolute_url() for a in np_area(inspection_b).criteria.all()}
    assert not theirs & set(_urls(alice, "criteria"))
    assert theirs <= set(_urls(bob, "criteria"))


def test_criteria_of_a_submitted_area_are_no_longer_tasks(alice, hmi, inspection_a, sessions):
    area = np_area(inspection_a)
    submit(area, alice, hmi)
    assert {c.get_absolute_url() for c in area.criteria.all()}.isdisjoint(_urls(alice, "criteria"))


def test_the_lead_is_given_an_area_to_submit_only_when_it_is_ready(alice, hmi, inspection_a):
    area = np_area(inspection_a)
    url = reverse("moderation:area_detail", args=[area.pk])
    assert url not in _urls(hmi, "submit")
    with pytest.raises(WorkflowRefused):
        area_transition(area=area, user=hmi, action="submit")
    complete_area(area, alice, hmi)
    assert url in _urls(hmi, "submit")
    # An inspector who is not the lead is not given it: the service would refuse them.
    assert url not in _urls(alice, "submit")
    with pytest.raises(WorkflowRefused):
        area_transition(area=area, user=alice, action="submit")
    area_transition(area=area, user=hmi, action="submit")
    assert url not in _urls(hmi, "submit")


def test_a_member_is_given_the_item_to_decide_and_the_service_accepts(
    alice, hmi, panel, member2, inspection_a, sessions
):
    area = np_area(inspection_a)
    submit(area, alice, hmi)
    item = AgendaItem.objects.get(area=area, session=sessions[0])
    url = reverse("moderation:agenda_item_detail", args=[item.pk])
    assert url in _urls(panel, "decide")
    assert url in _urls(member2, "decide")
    # hmi chairs without a deputy and led the force's team: the service refuses them.
    assert url not in _urls(hmi, "decide")
    with pytest.raises(WorkflowRefused):
        panel_decision_record(item=item, user=hmi, outcome="confirm", grade=None, reason="")
    panel_decision_record(item=item, user=panel, outcome="confirm", grade=None, reason="")
    # One decision awaits the chair: nobody is asked to record another.
    assert url not in _urls(member2, "decide")


def test_dissent_and_confirmation_are_offered_to_whoever_may_make_them(
    alice, hmi, panel, member2, inspection_a, sessions
):
    area = np_area(inspection_a)
    submit(area, alice, hmi)
    item = AgendaItem.objects.get(area=area, session=sessions[0])
    decision = panel_decision_record(item=item, user=panel, outcome="confirm", grade=None)
    url = reverse("moderation:agenda_item_detail", args=[item.pk])
    assert url in _urls(member2, "dissent")
    assert url not in _urls(panel, "dissent")  # the recorder
    assert url not in _urls(hmi, "dissent")  # the chair
    with pytest.raises(WorkflowRefused):
        dissent_record(decision=decision, user=panel, reason="No.")
    assert url in _urls(hmi, "confirm")
    assert url not in _urls(panel, "confirm")
    dissent_record(decision=decision, user=member2, reason="The evidence is thin.")
    assert url not in _urls(member2, "dissent")
    panel_decision_confirm(decision=decision, user=hmi)
    assert url not in _urls(hmi, "confirm")


def test_the_chair_is_given_areas_waiting_for_the_agenda(alice, hmi, inspection_a, sessions):
    area = np_area(inspection_a)
    submit(area, alice, hmi)
    AgendaItem.objects.filter(area=area).delete()
    session_url = reverse("moderation:session_detail", args=[sessions[0].pk])
    assert session_url in _urls(hmi, "agenda")
    agenda_item_add(session=sessions[0], area=area, user=hmi)
    assert session_url not in _urls(hmi, "agenda")


def test_the_lead_is_given_the_release_and_the_publication(
    alice, hmi, panel, liaison, inspection_a, sessions
):
    area = np_area(inspection_a)
    submit(area, alice, hmi)
    decide(area, panel, hmi)
    decide(area, panel, hmi)
    url = reverse("moderation:area_detail", args=[area.pk])
    assert url in _urls(hmi, "release")
    assert url not in _urls(alice, "release")
    area_transition(area=area, user=hmi, action="release")
    area.refresh_from_db()
    assert url in _urls(hmi, "publish")
    factual_comment_add(area=area, user=liaison, comment="A date.", proposed_correction="May.")
    # An open comment holds up publication: the service refuses, the inbox does not offer it.
    assert url not in _urls(hmi, "publish")
    with pytest.raises(WorkflowRefused):
        area_transition(area=area, user=hmi, action="publish")


def test_the_factual_accuracy_check_goes_round_the_inbox(
    alice, hmi, panel, liaison, inspection_a, sessions
):
    area = np_area(inspection_a)
    to_released(area, alice, hmi, panel)
    draft = reverse("moderation:draft_report", args=[inspection_a.pk])
    assert [task.url for task in _tasks(liaison, "check")] == [draft]
    comment = factual_comment_add(
        area=area,
        user=liaison,
        comment="A date is wrong.",
        proposed_correction="May 2008.",
        criterion_assessment=area.criteria.order_by("pk").first(),
    )
    answer_url = f"{draft}#comment-{comment.pk}"
    assert answer_url in _urls(alice, "comments")
    assert answer_url not in _urls(liaison, "comments")
    factual_comment_answer(
        comment=comment, user=alice, response=CommentResponse.NOT_ACCEPTED, text="It is right."
    )
    assert answer_url not in _urls(alice, "comments")
    assert answer_url in _urls(liaison, "answers")
    area_transition(area=area, user=hmi, action="publish")
    assert _urls(liaison, "check") == []


def test_practice_is_asked_of_the_liaison_then_reviewed_by_the_lead(
    hmi, alice, liaison, inspection_a
):
    assert _urls(liaison, "practice_submit") == [reverse("inspections:practice_submit")]
    assert _urls(alice, "practice_submit") == []
    practice = developing_practice_submit(
        inspection=inspection_a,
        user=liaison,
        framework=np_area(inspection_a).framework,
        title="Ward panels",
        problem="Few residents came.",
        solution="Meetings moved online.",
        contact="A. Person",
    )
    assert _urls(liaison, "practice_submit") == []
    review = reverse("inspections:practice_review", args=[inspection_a.pk])
    assert f"{review}#practice-{practice.pk}" in _urls(hmi, "practice_review")
    assert _urls(alice, "practice_review") == []
    developing_practice_select(practice=practice, user=hmi, selected=True)
    assert _urls(hmi, "practice_review") == []


def test_tasks_are_oldest_first(alice, inspection_a):
    tasks = _tasks(alice, "criteria")
    assert [task.since for task in tasks] == sorted(task.since for task in tasks)


def test_a_stranger_has_nothing_waiting(bob, inspection_a):
    assert inbox_for(user=bob).count == 0
    assert not PanelDecision.objects.exists()


def test_the_rules_answer_the_same_with_a_standing_as_without(
    alice, hmi, panel, member2, liaison, inspection_a, sessions
):
    area = np_area(inspection_a)
    submit(area, alice, hmi)
    item = AgendaItem.objects.select_related("session__panel").get(area=area, session=sessions[0])
    decision = panel_decision_record(item=item, user=panel, outcome="confirm", grade=None)
    dissent_record(decision=decision, user=member2, reason="Thin evidence.")
    for user in (alice, hmi, panel, member2, liaison):
        standing = standing_of(user)
        assert decision_refusal(user, item, area, standing) == decision_refusal(user, item, area)
        assert dissent_refusal(user, decision, standing) == dissent_refusal(user, decision)
        assert is_team_lead(user, area, standing) == is_team_lead(user, area)
