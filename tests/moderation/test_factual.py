"""The factual-accuracy check: the liaison comments on its own released draft, the team
answers, publication waits for every answer, and nothing moves after publication."""

import re

import pytest
from django.urls import reverse

from forces.models import ForceLiaison
from inspections import roles
from inspections.exceptions import WorkflowRefused
from inspections.models import AssessmentStatus
from moderation.models import CommentResponse, FactualAccuracyComment
from moderation.services.factual import factual_comment_add, factual_comment_answer
from moderation.services.transitions import area_transition
from tests.factories import UserFactory
from tests.moderation.moderation_support import decide, grade, np_area, panels_for, submit

pytestmark = pytest.mark.django_db
DECISION_REASON = "The panel set Force A beside its peers and raised the grade."


@pytest.fixture
def area(programme_2008, force_a, inspection_a, alice, hmi, panel):
    area = np_area(inspection_a)
    panels_for(programme_2008, force_a, area.framework, hmi, [panel])
    submit(area, alice, hmi)
    decide(area, panel, hmi)
    exceeding = grade("Exceeding", area)
    decide(area, panel, hmi, outcome="change", grade_level=exceeding, reason=DECISION_REASON)
    area_transition(area=area, user=hmi, action="release")
    area.refresh_from_db()
    return area


@pytest.fixture
def liaison_b(reference, force_b):
    user = UserFactory(username="liaison-b", groups=[roles.FORCE_LIAISON])
    ForceLiaison.objects.create(user=user, force=force_b)
    return user


def _comment(area, liaison, **kwargs):
    return factual_comment_add(
        area=area,
        user=liaison,
        comment=kwargs.get("comment", "The team count in 1.1 is out of date."),
        proposed_correction=kwargs.get("correction", "There are 42 teams, not 40."),
        criterion_assessment=kwargs.get("section", area.criteria.first()),
    )


def _draft(inspection):
    return reverse("moderation:draft_report", args=[inspection.pk])


def test_liaison_comments_and_the_team_answers_with_everything_attributed(
    area, liaison, alice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = _comment(area, liaison)
    assert comment.is_open and comment.author == liaison
    assert any(alice.email in m.to for m in mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        factual_comment_answer(
            comment=comment, user=alice, response=CommentResponse.ACCEPTED, text="Now 42."
        )
    comment.refresh_from_db()
    assert not comment.is_open
    assert (comment.responded_by, comment.response_text) == (alice, "Now 42.")
    assert comment.responded_at is not None
    assert liaison.email in mailoutbox[-1].to
    with pytest.raises(WorkflowRefused, match="already been answered"):
        factual_comment_answer(
            comment=comment, user=alice, response=CommentResponse.NOT_ACCEPTED, text="No."
        )


def test_only_the_forces_liaison_comments(area, alice, panel, liaison_b):
    for user in (alice, panel, liaison_b):
        with pytest.raises(WorkflowRefused, match="Only the force's liaison"):
            _comment(area, user)
    assert not FactualAccuracyComment.objects.exists()


def test_only_the_team_answers(area, liaison, panel, bob):
    comment = _comment(area, liaison)
    for user in (liaison, panel, bob):
        with pytest.raises(WorkflowRefused, match="Only the inspection team"):
            factual_comment_answer(
                comment=comment, user=user, response=CommentResponse.ACCEPTED, text="Done."
            )


def test_a_comment_needs_both_texts(area, liaison):
    with pytest.raises(WorkflowRefused, match="the correction you propose"):
        _comment(area, liaison, correction="  ")
    with pytest.raises(WorkflowRefused, match="HTML"):
        _comment(area, liaison, comment="<script>x</script>")
    assert not FactualAccuracyComment.objects.exists()


def test_publication_waits_for_every_answer_then_freezes_everything(area, liaison, alice, hmi):
    comment = _comment(area, liaison)
    with pytest.raises(WorkflowRefused) as refused:
        area_transition(area=area, user=hmi, action="publish")
    (problem,) = refused.value.problems
    assert problem.what == "The force’s comment still needs an answer."
    assert problem.url.endswith(f"/draft/#comment-{comment.pk}")
    factual_comment_answer(
        comment=comment, user=alice, response=CommentResponse.NOT_ACCEPTED, text="Count checked."
    )
    area_transition(area=area, user=hmi, action="publish")
    area.refresh_from_db()
    assert area.status == AssessmentStatus.PUBLISHED
    with pytest.raises(WorkflowRefused, match="only while the draft is with the force"):
        _comment(area, liaison)


def test_comments_are_refused_before_release(inspection_a, liaison):
    area = np_area(inspection_a)
    with pytest.raises(WorkflowRefused, match="drafting"):
        _comment(area, liaison)


class TestDraftReportPage:
    def test_liaison_sees_the_released_draft_but_never_moderation_notes(
        self, client, area, liaison
    ):
        client.force_login(liaison)
        response = client.get(_draft(area.inspection))
        page = response.content.decode()
        assert response.status_code == 200
        assert "Exceeding the standard" in page
        assert "A strength." in page
        assert DECISION_REASON not in page and area.grade_rationale not in page
        assert "Comment on this section" in page
        # Nor the moderation pages themselves.
        assert client.get(reverse("moderation:area_detail", args=[area.pk])).status_code == 404

    def test_liaison_never_sees_an_area_not_yet_released(self, client, area, liaison):
        client.force_login(liaison)
        dcfp = area.inspection.areas.get(framework__code="dcfp")
        page = client.get(_draft(area.inspection)).content.decode()
        assert dcfp.framework.name not in page
        criterion = dcfp.criteria.first()
        assert client.get(criterion.get_absolute_url()).status_code == 404
        released = area.criteria.first()
        assert client.get(released.get_absolute_url()).status_code == 200
        inspection_page = client.get(
            reverse("inspections:inspection_detail", args=[area.inspection.pk])
        ).content.decode()
        assert criterion.get_absolute_url() not in inspection_page

    def test_another_forces_liaison_gets_404(self, client, area, liaison_b):
        client.force_login(liaison_b)
        assert client.get(_draft(area.inspection)).status_code == 404
        url = reverse("moderation:factual_comment_add", args=[area.pk])
        assert client.post(url, {"comment": "x", "proposed_correction": "y"}).status_code == 404

    def test_liaison_posts_a_comment_and_the_team_answers_it(self, client, area, liaison, alice):
        client.force_login(liaison)
        section = area.criteria.first()
        url = reverse("moderation:factual_comment_add", args=[area.pk])
        data = {"section": section.pk, "comment": "Wrong date.", "proposed_correction": "May."}
        assert client.post(url, data).status_code == 302
        comment = FactualAccuracyComment.objects.get()
        assert comment.criterion_assessment == section
        client.force_login(alice)
        page = client.get(_draft(area.inspection)).content.decode()
        assert "Wrong date." in page and "Send answer" in page
        answer = reverse("moderation:factual_comment_answer", args=[comment.pk])
        response = client.post(answer, {"response": "accepted", "text": "Date corrected."})
        assert response.status_code == 302
        comment.refresh_from_db()
        assert comment.response == CommentResponse.ACCEPTED

    def test_bad_input_gets_a_message_and_saves_nothing(self, client, area, liaison):
        client.force_login(liaison)
        url = reverse("moderation:factual_comment_add", args=[area.pk])
        response = client.post(url, {"comment": "", "proposed_correction": "x"}, follow=True)
        assert "Write what is inaccurate." in response.content.decode()
        response = client.post(url, {"section": "abc", "comment": "a", "proposed_correction": "b"})
        assert response.status_code == 302
        assert not FactualAccuracyComment.objects.exists()

    def test_a_section_of_another_area_is_not_found(self, client, area, liaison):
        client.force_login(liaison)
        other = area.inspection.areas.get(framework__code="dcfp").criteria.first()
        url = reverse("moderation:factual_comment_add", args=[area.pk])
        data = {"section": other.pk, "comment": "a", "proposed_correction": "b"}
        assert client.post(url, data).status_code == 404
        assert not FactualAccuracyComment.objects.exists()


class TestTheAreaPageOffersOnlyTheStepsTheRulesAllow:
    """Issue 14: the page asks the workflow's guards (`selectors.lead_steps_for_area`)."""

    def _page(self, client, area):
        return client.get(reverse("moderation:area_detail", args=[area.pk])).content.decode()

    def test_publish_is_no_button_while_a_comment_is_open_and_links_to_it(
        self, client, area, liaison, hmi
    ):
        comment = _comment(area, liaison)
        client.force_login(hmi)
        page = self._page(client, area)
        assert 'value="publish"' not in page
        blocked = page[page.index('id="blocked-publish"') :]
        blocked = blocked[: blocked.index("</div>")]
        assert "Publish: not possible yet" in blocked
        assert f'href="{_draft(area.inspection)}#comment-{comment.pk}"' in blocked
        assert f'id="comment-{comment.pk}"' in client.get(_draft(area.inspection)).content.decode()

    def test_publish_is_a_button_once_every_comment_is_closed(
        self, client, area, liaison, alice, hmi
    ):
        comment = _comment(area, liaison)
        factual_comment_answer(
            comment=comment, user=alice, response=CommentResponse.NOT_ACCEPTED, text="Right."
        )
        client.force_login(hmi)
        page = self._page(client, area)
        assert 'value="publish"' in page and 'id="blocked-publish"' not in page

    def test_an_accepted_comment_holds_up_publication_until_it_is_closed(
        self, client, area, liaison, alice, hmi
    ):
        comment = _comment(area, liaison)
        factual_comment_answer(
            comment=comment, user=alice, response=CommentResponse.ACCEPTED, text="Will do."
        )
        client.force_login(hmi)
        page = self._page(client, area)
        assert 'value="publish"' not in page
        assert "still needs to be made and the comment closed" in page

    def test_a_refused_step_shows_one_error_summary_with_links(self, client, area, liaison, hmi):
        comment = _comment(area, liaison)
        client.force_login(hmi)
        url = reverse("moderation:area_action", args=[area.pk])
        page = client.post(url, {"action": "publish"}, follow=True).content.decode()
        summary = page[page.index('class="govuk-error-summary"') :]
        summary = summary[: summary.index("</ul>")]
        assert page.count('class="govuk-error-summary"') == 1
        assert "cannot move on yet" in summary
        assert f"#comment-{comment.pk}" in summary
        assert 'id="messages-warning-title"' not in page
        area.refresh_from_db()
        assert area.status == AssessmentStatus.RELEASED

    def test_the_banner_says_what_holds_for_each_status(self, client, area, alice, hmi):
        client.force_login(alice)
        released = self._page(client, area)
        assert "with the force for its factual-accuracy check" in released
        assert "refers it back" not in released
        area_transition(area=area, user=hmi, action="publish")
        published = self._page(client, area)
        assert "Published: this area’s report is final" in published
        assert "refers it back" not in published


# Hooks the tests and scripts find elements by; every other class is GOV.UK's, MOJ's or ours.
HOOKS = {
    "decision",
    "dissent",
    "factual-comments",
    "factual-comment",
    "answer-form",
    "comment-form",
    "draft-area",
    "draft-section",
    "final-grade",
    "side-by-side",
    "conflict",
    "conflict-theirs",
    "conflict-mine",
    "four-eyes-notice",
    "outcome-call",
}


def foreign_classes(page: str) -> set[str]:
    """Classes on the page that are neither GOV.UK Frontend's, MOJ Frontend's, app- nor hooks."""
    tokens = {t for value in re.findall(r'class="([^"]*)"', page) for t in value.split()}
    return {t for t in tokens if not t.startswith(("govuk-", "moj-", "app-")) and t not in HOOKS}


def test_every_moderation_page_is_on_the_gov_uk_base_with_one_h1(
    client, area, liaison, alice, hmi, panel
):
    comment = _comment(area, liaison)
    item = area.agenda_items.order_by("-pk").first()
    pages = [
        (panel, reverse("moderation:panel_list")),
        (panel, reverse("moderation:session_detail", args=[item.session_id])),
        (panel, reverse("moderation:agenda_item_detail", args=[item.pk])),
        (hmi, reverse("moderation:area_detail", args=[area.pk])),
        (alice, _draft(area.inspection)),
        (liaison, _draft(area.inspection)),
    ]
    for user, url in pages:
        client.force_login(user)
        page = client.get(url).content.decode()
        assert 'class="govuk-template"' in page, url
        assert page.count("<h1") == 1, url
        assert not foreign_classes(page), (url, foreign_classes(page))
    assert f'id="comment-{comment.pk}"' in page
