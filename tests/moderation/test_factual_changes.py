"""Issue 15: the factual-accuracy check can be completed. An accepted comment opens exactly the
section it names for the team's change, made through the edit services and recorded with the
comment it answers; the comment closes only once changed; a grade is never changed here, only
referred back to the national panel."""

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from inspections.exceptions import AssessmentLocked, WorkflowRefused
from inspections.models import AssessmentStatus, EvidenceItem
from inspections.services.evidence import evidence_item_create, evidence_item_update
from inspections.services.statements import criterion_statement_save
from moderation.models import (
    AssessmentEvent,
    CommentResponse,
    CommentSection,
    DecisionState,
    FactualAccuracyComment,
    FactualChange,
    PanelDecision,
    PanelKind,
)
from moderation.services.factual import (
    factual_comment_add,
    factual_comment_answer,
    factual_comment_close,
    factual_comment_refer,
)
from moderation.services.factual_changes import factual_change_save
from moderation.services.transitions import area_transition

pytestmark = pytest.mark.django_db
CORRECTED = "A strength, with 42 teams."


@pytest.fixture
def area(released_area):
    return released_area


@pytest.fixture
def item(area):
    return EvidenceItem.objects.filter(criterion_assessment__area=area).order_by("pk").first()


def _on_item(area, liaison, item):
    return factual_comment_add(
        area=area,
        user=liaison,
        comment="There are 42 teams.",
        proposed_correction=CORRECTED,
        evidence_item=item,
    )


def _accept(comment, user):
    return factual_comment_answer(
        comment=comment, user=user, response=CommentResponse.ACCEPTED, text="We will correct it."
    )


def _change(comment, user, item, text=CORRECTED):
    item.refresh_from_db()
    return factual_change_save(comment=comment, user=user, version=item.version, text=text)


def _draft(area):
    return reverse("moderation:draft_report", args=[area.inspection_id])


# Services.


def test_an_accepted_comment_opens_its_item_and_the_change_is_recorded_with_it(
    area, item, liaison, alice
):
    comment = _accept(_on_item(area, liaison, item), alice)
    assert comment.section == CommentSection.EVIDENCE and comment.criterion_assessment
    before = item.text
    (change,) = _change(comment, alice, item)
    item.refresh_from_db()
    assert item.text == CORRECTED
    assert (change.before, change.after, change.made_by) == (before, CORRECTED, alice)
    assert change.comment == comment and change.made_at is not None
    row = item.history.first()
    assert row.history_user == alice
    assert f"comment {comment.pk}" in row.history_change_reason
    factual_comment_close(comment=comment, user=alice)
    comment.refresh_from_db()
    assert comment.is_closed and comment.closed_by == alice


def test_the_statement_comment_changes_the_statement_only(area, liaison, alice):
    assessment = area.criteria.exclude(statement="").first()
    comment = factual_comment_add(
        area=area,
        user=liaison,
        comment="Wrong.",
        proposed_correction="Right.",
        criterion_assessment=assessment,
    )
    _accept(comment, alice)
    (change,) = factual_change_save(
        comment=comment, user=alice, version=assessment.version, text="The corrected statement."
    )
    assessment.refresh_from_db()
    assert assessment.statement == "The corrected statement."
    assert assessment.statement_overridden and change.field == "Summary statement"
    assert f"comment {comment.pk}" in assessment.history.first().history_change_reason


def test_everything_else_stays_read_only_while_a_comment_opens_one_item(area, item, liaison, alice):
    _accept(_on_item(area, liaison, item), alice)
    other = EvidenceItem.objects.filter(criterion_assessment__area=area).exclude(pk=item.pk)[0]
    with pytest.raises(AssessmentLocked):
        evidence_item_update(
            item=other, user=alice, version=other.version, text="x", lead="", source=""
        )
    assessment = item.criterion_assessment
    with pytest.raises(AssessmentLocked):
        criterion_statement_save(
            assessment=assessment,
            user=alice,
            version=assessment.version,
            chosen_levels=assessment.chosen_levels,
            override="Changed.",
        )
    assert not FactualChange.objects.exists()


def test_a_comment_not_accepted_or_not_answered_opens_nothing(area, item, liaison, alice):
    unanswered = _on_item(area, liaison, item)
    with pytest.raises(WorkflowRefused, match="accepted with change"):
        _change(unanswered, alice, item)
    factual_comment_answer(
        comment=unanswered, user=alice, response=CommentResponse.NOT_ACCEPTED, text="It is 40."
    )
    unanswered.refresh_from_db()
    assert unanswered.is_closed
    with pytest.raises(WorkflowRefused, match="accepted with change"):
        _change(unanswered, alice, item)
    item.refresh_from_db()
    assert item.text == "A strength." and not FactualChange.objects.exists()


def test_only_the_team_makes_the_change_not_the_liaison_nor_a_panel_member(
    area, item, liaison, alice, panel, bob
):
    comment = _accept(_on_item(area, liaison, item), alice)
    for user in (liaison, panel, bob):
        with pytest.raises(WorkflowRefused, match="Only the inspection team"):
            _change(comment, user, item)
        with pytest.raises(WorkflowRefused, match="Only the inspection team"):
            factual_comment_close(comment=comment, user=user)
    item.refresh_from_db()
    assert item.text == "A strength." and not FactualChange.objects.exists()


def test_a_comment_closes_as_accepted_only_once_its_change_is_saved(area, item, liaison, alice):
    comment = _accept(_on_item(area, liaison, item), alice)
    with pytest.raises(WorkflowRefused, match="Make the change first"):
        factual_comment_close(comment=comment, user=alice)
    comment.refresh_from_db()
    assert not comment.is_closed
    _change(comment, alice, item)
    factual_comment_close(comment=comment, user=alice)
    with pytest.raises(WorkflowRefused, match="accepted with change"):
        _change(comment, alice, item, text="Again.")


def test_publication_waits_for_the_change_and_then_nothing_changes(area, item, liaison, alice, hmi):
    comment = _accept(_on_item(area, liaison, item), alice)
    with pytest.raises(WorkflowRefused) as refused:
        area_transition(area=area, user=hmi, action="publish")
    assert "still needs to be made" in refused.value.problems[0].what
    _change(comment, alice, item)
    factual_comment_close(comment=comment, user=alice)
    area_transition(area=area, user=hmi, action="publish")
    # Reopening the comment behind the service's back still opens nothing once published.
    FactualAccuracyComment.objects.filter(pk=comment.pk).update(closed_at=None)
    comment.refresh_from_db()
    with pytest.raises(WorkflowRefused, match="published"):
        _change(comment, alice, item, text="After publication.")
    item.refresh_from_db()
    assert item.text == CORRECTED


def test_a_stale_page_or_an_unchanged_text_saves_nothing(area, item, liaison, alice):
    comment = _accept(_on_item(area, liaison, item), alice)
    with pytest.raises(WorkflowRefused, match="same as the text now"):
        _change(comment, alice, item, text="A strength.")
    with pytest.raises(WorkflowRefused, match="Someone else saved"):
        factual_change_save(comment=comment, user=alice, version=item.version - 1, text="Old.")
    with pytest.raises(WorkflowRefused, match="HTML"):
        _change(comment, alice, item, text="<b>bold</b>")
    item.refresh_from_db()
    assert item.text == "A strength." and not FactualChange.objects.exists()


def test_a_grade_comment_is_answered_only_by_referral_to_the_national_panel(
    area, liaison, alice, hmi
):
    comment = factual_comment_add(
        area=area, user=liaison, comment="The grade is too low.", proposed_correction="Excellent."
    )
    assert comment.section == CommentSection.GRADE
    for response in (CommentResponse.ACCEPTED, CommentResponse.NOT_ACCEPTED):
        with pytest.raises(WorkflowRefused, match="A grade cannot change"):
            factual_comment_answer(comment=comment, user=alice, response=response, text="x")
    with pytest.raises(WorkflowRefused, match="A grade never changes"):
        factual_change_save(comment=comment, user=alice, version=1, text="Excellent.")
    with pytest.raises(WorkflowRefused, match="lead inspector"):
        factual_comment_refer(comment=comment, user=alice, reason="Check it.")
    with pytest.raises(WorkflowRefused, match="Write why"):
        factual_comment_refer(comment=comment, user=hmi, reason=" ")
    area.refresh_from_db()
    assert area.status == AssessmentStatus.RELEASED and area.final_grade is not None
    factual_comment_refer(comment=comment, user=hmi, reason="The force disputes the grade.")
    area.refresh_from_db()
    comment.refresh_from_db()
    assert area.status == AssessmentStatus.REGIONALLY_MODERATED and area.final_grade is None
    assert comment.response == CommentResponse.REFERRED and comment.is_closed
    event = AssessmentEvent.objects.filter(area=area).latest("pk")
    assert (event.action, event.actor, event.reason) == (
        "factual_refer_back",
        hmi,
        "The force disputes the grade.",
    )
    national = PanelDecision.objects.filter(area=area, stage=PanelKind.NATIONAL)
    assert not national.exclude(state__in=[DecisionState.VOID, DecisionState.DECLINED]).exists()
    assert area.agenda_items.filter(session__panel__kind=PanelKind.NATIONAL).exists()


def test_a_comment_on_another_section_is_not_referred(area, item, liaison, hmi):
    comment = _on_item(area, liaison, item)
    with pytest.raises(WorkflowRefused, match="Only a comment on the grade"):
        factual_comment_refer(comment=comment, user=hmi, reason="No.")
    area.refresh_from_db()
    assert area.status == AssessmentStatus.RELEASED


def test_the_lead_cannot_refer_a_released_area_back_from_the_area_page(client, area, hmi):
    client.force_login(hmi)
    url = reverse("moderation:area_action", args=[area.pk])
    client.post(url, {"action": "factual_refer_back", "reason": "Sneaky."})
    area.refresh_from_db()
    assert area.status == AssessmentStatus.RELEASED


def test_the_admin_keeps_changes_and_comments_read_only(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    for model in (FactualChange, FactualAccuracyComment, EvidenceItem):
        model_admin = site._registry[model]
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model


# Views.


def test_the_liaison_comments_on_one_item_from_the_draft(client, area, item, liaison, alice):
    client.force_login(liaison)
    page = client.get(_draft(area)).content.decode()
    assert f'value="item-{item.pk}"' in page
    url = reverse("moderation:factual_comment_add", args=[area.pk])
    data = {"section": f"item-{item.pk}", "comment": "Wrong.", "proposed_correction": "Right."}
    client.post(url, data)
    comment = FactualAccuracyComment.objects.get()
    assert (comment.section, comment.evidence_item) == (CommentSection.EVIDENCE, item)
    dcfp = area.inspection.areas.get(framework__code="dcfp").criteria.first()
    other = evidence_item_create(assessment=dcfp, user=alice, kind="strength", text="Other.")
    data["section"] = f"item-{other.pk}"
    assert client.post(url, data).status_code == 404
    assert FactualAccuracyComment.objects.count() == 1


def test_the_draft_lists_its_open_comments_at_the_top_linked_to_their_sections(
    client, area, item, liaison, alice
):
    comment = _on_item(area, liaison, item)
    client.force_login(alice)
    page = client.get(_draft(area)).content.decode()
    top = page[page.index('id="open-comments"') : page.index('id="draft-area-')]
    assert f'href="#item-{item.pk}"' in top and f'href="#comment-{comment.pk}"' in top
    assert f'id="item-{item.pk}"' in page
    assert "awaiting the team’s answer" in top


def test_the_team_changes_and_closes_from_the_draft_and_the_liaison_sees_before_and_after(
    client, area, item, liaison, alice
):
    comment = _accept(_on_item(area, liaison, item), alice)
    client.force_login(alice)
    page = client.get(_draft(area)).content.decode()
    assert reverse("moderation:factual_comment_change", args=[comment.pk]) in page
    assert "Save the change first" in page
    change = reverse("moderation:factual_comment_change", args=[comment.pk])
    data = {"version": item.version, "text": CORRECTED, "lead": ""}
    page = client.post(change, data, follow=True).content.decode()
    assert "Change saved" in page
    page = client.post(
        reverse("moderation:factual_comment_close", args=[comment.pk]), follow=True
    ).content.decode()
    assert "Comment closed" in page
    client.force_login(liaison)
    page = client.get(_draft(area)).content.decode()
    assert "We will correct it." in page and "Accepted with change" in page
    assert "Before" in page and "After" in page and CORRECTED in page
    assert "No comment from the force is open." in page


def test_bad_input_to_the_change_saves_nothing_and_says_why(client, area, item, liaison, alice):
    comment = _accept(_on_item(area, liaison, item), alice)
    client.force_login(alice)
    change = reverse("moderation:factual_comment_change", args=[comment.pk])
    page = client.post(change, {"version": item.version, "text": ""}, follow=True).content.decode()
    assert "Write the corrected text. Nothing was saved." in page
    for version in ({}, {"version": "abc"}):
        page = client.post(change, {"text": "x", **version}, follow=True).content.decode()
        assert "Reload the page" in page
    page = client.post(
        reverse("moderation:factual_comment_close", args=[comment.pk]), follow=True
    ).content.decode()
    assert "Make the change first" in page
    item.refresh_from_db()
    comment.refresh_from_db()
    assert item.text == "A strength." and not comment.is_closed


def test_the_liaison_cannot_make_the_change_through_the_view(client, area, item, liaison, alice):
    comment = _accept(_on_item(area, liaison, item), alice)
    client.force_login(liaison)
    change = reverse("moderation:factual_comment_change", args=[comment.pk])
    page = client.post(change, {"version": item.version, "text": "Mine."}, follow=True)
    assert "Only the inspection team" in page.content.decode()
    page = client.get(_draft(area)).content.decode()
    assert change not in page
    item.refresh_from_db()
    assert item.text == "A strength."


def test_the_lead_refers_a_grade_comment_from_the_draft(client, area, liaison, alice, hmi):
    comment = factual_comment_add(
        area=area, user=liaison, comment="Grade.", proposed_correction="Higher."
    )
    refer = reverse("moderation:factual_comment_refer", args=[comment.pk])
    client.force_login(alice)
    page = client.get(_draft(area)).content.decode()
    assert refer not in page and "Send answer" not in page
    assert "lead inspector" in client.post(refer, {"reason": "x"}, follow=True).content.decode()
    client.force_login(hmi)
    assert refer in client.get(_draft(area)).content.decode()
    page = client.post(refer, {"reason": ""}, follow=True).content.decode()
    assert "Write why the grade goes back" in page
    area.refresh_from_db()
    assert area.status == AssessmentStatus.RELEASED
    page = client.post(refer, {"reason": "Disputed."}, follow=True).content.decode()
    assert "referred back to the national panel" in page
    area.refresh_from_db()
    assert area.status == AssessmentStatus.REGIONALLY_MODERATED


def test_another_forces_team_gets_404_on_the_new_steps(client, area, item, liaison, alice, bob):
    comment = _accept(_on_item(area, liaison, item), alice)
    client.force_login(bob)
    for name in ("factual_comment_change", "factual_comment_close", "factual_comment_refer"):
        response = client.post(reverse(f"moderation:{name}", args=[comment.pk]), {"text": "x"})
        assert response.status_code in (404, 302), name
    item.refresh_from_db()
    comment.refresh_from_db()
    assert item.text == "A strength." and not comment.is_closed


def test_a_referred_grade_tells_the_team_and_the_national_panel(
    area, liaison, alice, hmi, panel, mailoutbox, django_capture_on_commit_callbacks
):
    comment = factual_comment_add(
        area=area, user=liaison, comment="Grade.", proposed_correction="Higher."
    )
    with django_capture_on_commit_callbacks(execute=True):
        factual_comment_refer(comment=comment, user=hmi, reason="Disputed by the force.")
    recipients = {address for message in mailoutbox for address in message.to}
    assert {alice.email, panel.email, liaison.email} <= recipients
