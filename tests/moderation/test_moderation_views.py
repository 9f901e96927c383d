"""Panel pages: who sees which agenda, what the chair and members can do there, and the lead
inspector's workflow buttons on the area page."""

import pytest
from django.urls import reverse

from forces.models import Region
from inspections import roles
from inspections.models import AssessmentStatus
from moderation.models import (
    AssessmentEvent,
    DecisionState,
    Dissent,
    ModerationPanel,
    PanelDecision,
    PanelKind,
    PanelMembership,
    PanelSession,
)
from moderation.services.panels import panel_decision_record
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


@pytest.fixture
def other_region_member(programme_2008, reference):
    """A moderator on another region's panel."""
    user = UserFactory(username="north", groups=[roles.MODERATOR])
    chair = UserFactory(username="north-chair", groups=[roles.LEAD_INSPECTOR, roles.MODERATOR])
    region = Region.objects.create(name="Elsewhere")
    other = ModerationPanel.objects.create(
        kind=PanelKind.REGIONAL, programme=programme_2008, region=region, chair=chair
    )
    PanelMembership.objects.create(panel=other, user=user)
    PanelSession.objects.create(panel=other, title="Elsewhere sitting")
    return user


def _item_url(area):
    item = area.agenda_items.order_by("-pk").first()
    return reverse("moderation:agenda_item_detail", args=[item.pk])


def test_it_checks_access(client, area, sessions, other_region_member, alice, liaison, bob):
    regional, _ = sessions
    decision = panel_decision_record(
        item=area.agenda_items.get(),
        user=sessions[0].panel.memberships.first().user,
        outcome="confirm",
    )
    urls = [
        reverse("moderation:session_detail", args=[regional.pk]),
        _item_url(area),
    ]
    posts = [
        reverse("moderation:decision_record", args=[area.agenda_items.get().pk]),
        reverse("moderation:decision_confirm", args=[decision.pk]),
        reverse("moderation:decision_decline", args=[decision.pk]),
        reverse("moderation:dissent_add", args=[decision.pk]),
        reverse("moderation:agenda_add", args=[regional.pk]),
    ]
    for user in (other_region_member, alice, liaison, bob):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        for url in posts:
            assert client.post(url, {"outcome": "confirm", "reason": "x"}).status_code == 404
    decision.refresh_from_db()
    assert decision.state == DecisionState.PENDING


def test_members_see_only_their_own_panels(client, sessions, other_region_member, panel):
    client.force_login(other_region_member)
    page = client.get(reverse("moderation:panel_list")).content.decode()
    assert "Elsewhere sitting" in page and sessions[0].title not in page
    client.force_login(panel)
    page = client.get(reverse("moderation:panel_list")).content.decode()
    assert sessions[0].title in page and "Elsewhere sitting" not in page


def test_administrators_read_every_agenda(client, sessions, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("moderation:session_detail", args=[sessions[0].pk]))
    assert response.status_code == 200


def test_conflicted_chair_is_told_and_has_no_decision_form(client, area, hmi, panel):
    client.force_login(hmi)
    page = client.get(_item_url(area)).content.decode()
    assert 'id="conflict-notice"' in page and 'id="decision-form"' not in page
    response = client.post(
        reverse("moderation:decision_record", args=[area.agenda_items.get().pk]),
        {"outcome": "confirm"},
        follow=True,
    )
    assert "so you cannot decide on it" in response.content.decode()
    assert not PanelDecision.objects.exists()
    client.force_login(panel)
    page = client.get(_item_url(area)).content.decode()
    assert 'id="decision-form"' in page and 'id="conflict-notice"' not in page


def test_the_item_page_shows_the_evidence_summary_statements_grade_and_rationale(
    client, area, panel
):
    client.force_login(panel)
    page = client.get(_item_url(area)).content.decode()
    assert area.grade_rationale in page
    assert "Meeting the standard" in page
    for assessment in area.criteria.all():
        assert assessment.get_absolute_url() in page
        assert assessment.statement in page


def test_the_full_path_through_the_pages(client, area, hmi, panel, member2):
    item_url = _item_url(area)
    record = reverse("moderation:decision_record", args=[area.agenda_items.get().pk])
    client.force_login(panel)
    assert client.post(record, {"outcome": "confirm"}).status_code == 302
    decision = PanelDecision.objects.get()
    client.force_login(member2)
    dissent = reverse("moderation:dissent_add", args=[decision.pk])
    assert client.post(dissent, {"reason": "Too generous on 1.3."}).status_code == 302
    assert Dissent.objects.get().member == member2
    client.force_login(hmi)
    page = client.get(item_url).content.decode()
    assert "Confirm as chair" in page and "Too generous on 1.3." in page
    client.post(reverse("moderation:decision_confirm", args=[decision.pk]))
    area.refresh_from_db()
    assert area.status == AssessmentStatus.REGIONALLY_MODERATED


def test_a_chair_who_records_a_decision_cannot_confirm_it_and_the_page_says_who_does(
    client, area, panel, member2
):
    deputy = UserFactory(
        username="deputy",
        first_name="Dee",
        last_name="Puty",
        groups=[roles.LEAD_INSPECTOR, roles.MODERATOR],
    )
    regional = area.agenda_items.get().session.panel
    regional.chair = panel
    regional.save()
    client.force_login(panel)
    page = client.get(_item_url(area)).content.decode()
    assert 'id="chair-without-deputy"' in page and 'id="decision-form"' not in page
    regional.deputy_chair = deputy
    regional.save()
    record = reverse("moderation:decision_record", args=[area.agenda_items.get().pk])
    assert client.post(record, {"outcome": "confirm"}).status_code == 302
    decision = PanelDecision.objects.get()
    page = client.get(_item_url(area)).content.decode()
    assert "Confirm as chair" not in page
    assert "someone else confirms it: the deputy chair, Dee Puty" in page
    response = client.post(reverse("moderation:decision_confirm", args=[decision.pk]), follow=True)
    assert "You recorded this decision" in response.content.decode()
    area.refresh_from_db()
    assert area.status == AssessmentStatus.SUBMITTED
    client.force_login(deputy)
    assert "Confirm as deputy chair" in client.get(_item_url(area)).content.decode()
    client.post(reverse("moderation:decision_confirm", args=[decision.pk]))
    area.refresh_from_db()
    assert area.status == AssessmentStatus.REGIONALLY_MODERATED


def test_a_change_without_a_reason_is_explained_and_saves_nothing(client, area, panel):
    client.force_login(panel)
    record = reverse("moderation:decision_record", args=[area.agenda_items.get().pk])
    response = client.post(
        record, {"outcome": "change", "grade": grade("Exceeding", area).pk}, follow=True
    )
    assert "Write why the grade changes." in response.content.decode()
    response = client.post(record, {"outcome": "approve"})
    assert response.status_code == 400
    assert not PanelDecision.objects.exists()


def test_chair_declines_with_a_note(client, area, hmi, panel):
    decision = panel_decision_record(item=area.agenda_items.get(), user=panel, outcome="confirm")
    client.force_login(hmi)
    decline = reverse("moderation:decision_decline", args=[decision.pk])
    response = client.post(decline, {"note": ""}, follow=True)
    assert "required" in response.content.decode().lower()
    client.post(decline, {"note": "Take 1.3 first."})
    decision.refresh_from_db()
    assert decision.state == DecisionState.DECLINED


def test_side_by_side_shows_every_force_on_the_agenda(
    client, area, inspection_b, bob, hmi, panel, sessions
):
    area_b = np_area(inspection_b)
    complete_area(area_b, bob, hmi)
    area_b.status = AssessmentStatus.SUBMITTED  # another region: moved by hand for the test
    area_b.save()
    decide(area, panel, hmi)
    _, national = sessions
    area_b.status = AssessmentStatus.REGIONALLY_MODERATED
    area_b.save()
    client.force_login(hmi)
    session_url = reverse("moderation:session_detail", args=[national.pk])
    page = client.get(session_url).content.decode()
    assert "Force B" in page and 'action="/moderation/sessions/' in page
    client.post(reverse("moderation:agenda_add", args=[national.pk]), {"area": area_b.pk})
    response = client.get(session_url)
    columns = [s.area.inspection.force.name for s in response.context["comparisons"][0][1]]
    assert columns == ["Force A", "Force B"]


def test_session_page_is_constant_query(
    client, area, inspection_b, bob, hmi, panel, sessions, django_assert_max_num_queries
):
    regional, _ = sessions
    client.force_login(panel)
    url = reverse("moderation:session_detail", args=[regional.pk])
    client.get(url)
    with django_assert_max_num_queries(30) as one:
        client.get(url)
    area_b = np_area(inspection_b)
    complete_area(area_b, bob, hmi)
    area_b.status = AssessmentStatus.SUBMITTED
    area_b.save()
    regional.items.create(area=area_b, added_by=hmi)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


class TestLeadSteps:
    def test_submit_button_lists_what_is_missing(self, client, inspection_a, sessions, hmi):
        area = np_area(inspection_a)
        client.force_login(hmi)
        url = reverse("moderation:area_action", args=[area.pk])
        response = client.post(url, {"action": "submit"}, follow=True)
        page = response.content.decode()
        assert "cannot move on yet" in page and "Write the summary statement." in page
        area.refresh_from_db()
        assert area.status == AssessmentStatus.DRAFTING

    def test_submit_from_the_page(self, client, inspection_a, sessions, alice, hmi):
        area = np_area(inspection_a)
        complete_area(area, alice, hmi)
        client.force_login(hmi)
        page = client.get(reverse("moderation:area_detail", args=[area.pk])).content.decode()
        assert 'id="ready"' in page and "Submit to the regional panel" in page
        client.post(reverse("moderation:area_action", args=[area.pk]), {"action": "submit"})
        area.refresh_from_db()
        assert area.status == AssessmentStatus.SUBMITTED
        assert AssessmentEvent.objects.get().actor == hmi

    def test_inspectors_get_no_buttons_and_cannot_post_steps(
        self, client, inspection_a, sessions, alice, hmi
    ):
        area = np_area(inspection_a)
        complete_area(area, alice, hmi)
        client.force_login(alice)
        page = client.get(reverse("moderation:area_detail", args=[area.pk])).content.decode()
        assert 'id="lead-actions"' not in page
        response = client.post(
            reverse("moderation:area_action", args=[area.pk]), {"action": "submit"}, follow=True
        )
        assert "Only the inspection&#x27;s lead inspector" in response.content.decode()
        response = client.post(
            reverse("moderation:area_action", args=[area.pk]), {"action": "regional_moderate"}
        )
        assert response.status_code == 302
        area.refresh_from_db()
        assert area.status == AssessmentStatus.DRAFTING

    def test_the_inspection_page_links_each_area_to_its_moderation_page(
        self, client, inspection_a, alice, liaison
    ):
        area = np_area(inspection_a)
        client.force_login(alice)
        page = client.get(reverse("inspections:inspection_detail", args=[inspection_a.pk]))
        assert reverse("moderation:area_detail", args=[area.pk]) in page.content.decode()


def test_the_dissent_form_is_offered_exactly_where_the_service_takes_a_dissent(
    client, area, hmi, panel, member2
):
    """The page asks `workflow.dissent_refusal`, the rule the service enforces: the recorder,
    the chair and a member who already dissented get no form; another member gets one."""
    decision = panel_decision_record(item=area.agenda_items.get(), user=panel, outcome="confirm")
    form_id = f'id="dissent-{decision.pk}"'
    for user, offered in ((panel, False), (hmi, False), (member2, True)):
        client.force_login(user)
        assert (form_id in client.get(_item_url(area)).content.decode()) is offered, user
    client.force_login(member2)
    client.post(reverse("moderation:dissent_add", args=[decision.pk]), {"reason": "Too high."})
    assert form_id not in client.get(_item_url(area)).content.decode()
    client.force_login(panel)
    response = client.post(
        reverse("moderation:dissent_add", args=[decision.pk]), {"reason": "Mine."}, follow=True
    )
    assert "You recorded this decision; you cannot dissent from it." in response.content.decode()
    assert Dissent.objects.count() == 1


def test_the_workflow_steps_are_a_valid_list_marking_the_current_stage(client, area, alice):
    client.force_login(alice)
    page = client.get(reverse("moderation:area_detail", args=[area.pk])).content.decode()
    steps = page[page.index('<ol class="app-workflow-steps"') :]
    steps = steps[: steps.index("</ol>")]
    assert steps.count("<li") == 6 and steps.count('aria-current="step"') == 1
    current = steps[steps.index('aria-current="step"') :]
    assert current.startswith('aria-current="step">Regional panel')
    assert "(current stage)" in current[: current.index("</li>")]


def test_the_chair_is_offered_only_the_areas_the_panel_covers(client, area, hmi, sessions):
    """`ModerationPanel.awaiting` is the one rule for the agenda form and the service."""
    regional, _ = sessions
    session = area.agenda_items.get().session
    session.items.all().delete()
    client.force_login(hmi)
    page = client.get(reverse("moderation:session_detail", args=[session.pk]))
    assert list(page.context["awaiting"]) == [area]
    assert list(session.panel.awaiting()) == [area]
    assert session.panel.covers(area)


def test_before_the_panel_the_banner_says_a_referral_reopens_the_area(client, area, alice):
    client.force_login(alice)
    page = client.get(reverse("moderation:area_detail", args=[area.pk])).content.decode()
    notice = page[page.index('id="status-notice"') :]
    assert "If the panel refers it back to the team" in notice[: notice.index("</section>")]


def test_submit_is_no_button_while_something_is_missing(client, inspection_a, sessions, hmi):
    area = np_area(inspection_a)
    client.force_login(hmi)
    page = client.get(reverse("moderation:area_detail", args=[area.pk])).content.decode()
    assert 'value="submit"' not in page and 'id="blocked-submit"' in page
    assert 'href="#readiness"' in page and '<ul class="govuk-task-list" id="gaps">' in page


def test_a_refused_decision_keeps_the_form_with_an_error_summary(client, area, panel):
    client.force_login(panel)
    record = reverse("moderation:decision_record", args=[area.agenda_items.get().pk])
    response = client.post(record, {"outcome": "refer_back", "reason": ""})
    page = response.content.decode()
    assert response.status_code == 400 and 'class="govuk-error-summary"' in page
    assert 'id="decision-form"' in page and 'value="refer_back" checked' in page
    assert not PanelDecision.objects.exists()


def test_the_history_puts_proposals_and_steps_in_one_timeline_newest_first(client, area, alice):
    client.force_login(alice)
    response = client.get(reverse("moderation:area_detail", args=[area.pk]))
    timeline = response.context["timeline"]
    assert [bool(entry.event) for entry in timeline] == [True, False]
    assert timeline[0].event.to_status == AssessmentStatus.SUBMITTED
    page = response.content.decode()
    assert page.index("to submitted for regional moderation") < page.index("proposed</h3>")
