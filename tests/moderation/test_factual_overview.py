"""Issue 15: the force overview can be corrected during the factual-accuracy check too. Once
part of the report is with the force the overview is read-only; a comment on one of its
sections, accepted, opens exactly that section for the team's change, recorded with the
comment it answers."""

import pytest
from django.urls import reverse

from inspections.exceptions import OverviewLocked, WorkflowRefused
from inspections.models import Inspection
from inspections.services.overview import inspection_overview_update, overview_fingerprint
from moderation.models import CommentResponse, CommentSection, FactualAccuracyComment
from moderation.services.factual import (
    factual_comment_add,
    factual_comment_answer,
    factual_comment_close,
    factual_comment_refer,
)
from moderation.services.factual_changes import factual_change_save

pytestmark = pytest.mark.django_db
CORRECTED = "The force covers four boroughs and one city."


@pytest.fixture
def area(released_area):
    return released_area


def _on_overview(area, liaison, name="geography"):
    return factual_comment_add(
        area=area,
        user=liaison,
        comment="It is four boroughs, not three.",
        proposed_correction=CORRECTED,
        overview_field=name,
    )


def _accepted(area, liaison, alice, name="geography"):
    return factual_comment_answer(
        comment=_on_overview(area, liaison, name),
        user=alice,
        response=CommentResponse.ACCEPTED,
        text="We will correct the description.",
    )


def _inspection(area) -> Inspection:
    return Inspection.objects.get(pk=area.inspection_id)


def _draft(area):
    return reverse("moderation:draft_report", args=[area.inspection_id])


def test_the_overview_is_read_only_once_part_of_the_report_is_with_the_force(area, alice):
    inspection = _inspection(area)
    before = inspection.geography
    with pytest.raises(OverviewLocked):
        inspection_overview_update(inspection=inspection, user=alice, geography="Changed.")
    assert _inspection(area).geography == before


def test_an_accepted_overview_comment_opens_its_section_and_the_change_is_recorded(
    area, liaison, alice
):
    comment = _accepted(area, liaison, alice)
    assert comment.section == CommentSection.OVERVIEW and comment.criterion_assessment is None
    inspection = _inspection(area)
    before = inspection.geography
    (change,) = factual_change_save(
        comment=comment,
        user=alice,
        version=0,
        text=CORRECTED,
        fingerprint=overview_fingerprint(inspection),
    )
    inspection = _inspection(area)
    assert inspection.geography == CORRECTED
    assert (change.before, change.after, change.made_by) == (before, CORRECTED, alice)
    assert change.field == "Overview: Geographical description of the force area"
    row = inspection.history.first()
    assert row.history_user == alice
    assert f"comment {comment.pk}" in row.history_change_reason
    factual_comment_close(comment=comment, user=alice)
    comment.refresh_from_db()
    assert comment.is_closed


def test_the_comment_opens_only_its_own_section(area, liaison, alice):
    _accepted(area, liaison, alice)
    inspection = _inspection(area)
    before = (inspection.geography, inspection.demographics)
    # The ordinary edit stays refused, for the opened section and any other.
    for name in ("geography", "demographics"):
        with pytest.raises(OverviewLocked):
            inspection_overview_update(inspection=inspection, user=alice, **{name: "Changed."})
    assert (_inspection(area).geography, _inspection(area).demographics) == before


def test_an_unanswered_or_rejected_overview_comment_opens_nothing(area, liaison, alice):
    comment = _on_overview(area, liaison)
    fingerprint = overview_fingerprint(_inspection(area))
    with pytest.raises(WorkflowRefused):
        factual_change_save(
            comment=comment, user=alice, version=0, text=CORRECTED, fingerprint=fingerprint
        )
    factual_comment_answer(
        comment=comment, user=alice, response=CommentResponse.NOT_ACCEPTED, text="It is three."
    )
    with pytest.raises(WorkflowRefused):
        factual_change_save(
            comment=comment, user=alice, version=0, text=CORRECTED, fingerprint=fingerprint
        )
    assert _inspection(area).geography != CORRECTED


def test_a_stale_overview_page_or_a_missing_fingerprint_saves_nothing(area, liaison, alice):
    comment = _accepted(area, liaison, alice)
    for fingerprint in ("", "0" * 64):
        with pytest.raises(WorkflowRefused, match="Nothing was saved|Reload"):
            factual_change_save(
                comment=comment, user=alice, version=0, text=CORRECTED, fingerprint=fingerprint
            )
    assert _inspection(area).geography != CORRECTED
    assert not comment.changes.exists()


def test_only_known_overview_sections_take_comments_and_they_are_never_referred(area, liaison, hmi):
    with pytest.raises(WorkflowRefused):
        _on_overview(area, liaison, name="status")
    comment = _on_overview(area, liaison)
    with pytest.raises(WorkflowRefused):
        factual_comment_refer(comment=comment, user=hmi, reason="No.")
    assert FactualAccuracyComment.objects.count() == 1


def test_the_draft_shows_the_overview_and_the_liaison_comments_on_a_section(client, area, liaison):
    client.force_login(liaison)
    page = client.get(_draft(area)).content.decode()
    assert 'id="overview-geography"' in page and 'value="overview-geography"' in page
    url = reverse("moderation:factual_comment_add", args=[area.pk])
    data = {"section": "overview-geography", "comment": "Wrong.", "proposed_correction": "Right."}
    client.post(url, data)
    comment = FactualAccuracyComment.objects.get()
    assert (comment.section, comment.overview_field) == ("overview", "geography")
    # A name that is not an overview section is refused, saving nothing.
    client.post(url, {**data, "section": "overview-force"})
    assert FactualAccuracyComment.objects.count() == 1


def test_the_team_corrects_the_overview_from_the_draft_and_the_liaison_sees_it(
    client, area, liaison, alice
):
    comment = _accepted(area, liaison, alice)
    client.force_login(alice)
    page = client.get(_draft(area)).content.decode()
    top = page[page.index('id="open-comments"') : page.index('id="draft-overview"')]
    assert 'href="#overview-geography"' in top
    change = reverse("moderation:factual_comment_change", args=[comment.pk])
    fingerprint = overview_fingerprint(_inspection(area))
    data = {"version": 0, "text": CORRECTED, "lead": "", "fingerprint": fingerprint}
    assert "Change saved" in client.post(change, data, follow=True).content.decode()
    client.post(reverse("moderation:factual_comment_close", args=[comment.pk]))
    client.force_login(liaison)
    page = client.get(_draft(area)).content.decode()
    assert CORRECTED in page and "No comment from the force is open." in page


def test_the_overview_page_says_why_it_cannot_be_edited(client, area, alice):
    client.force_login(alice)
    detail = reverse("inspections:overview_detail", args=[area.inspection_id])
    page = client.get(detail).content.decode()
    assert 'id="overview-locked"' in page
    assert reverse("inspections:overview_edit", args=[area.inspection_id]) not in page
    edit = reverse("inspections:overview_edit", args=[area.inspection_id])
    response = client.post(edit, {"geography": "Changed."}, follow=True)
    assert "The force overview is read-only" in response.content.decode()
    assert _inspection(area).geography != "Changed."
