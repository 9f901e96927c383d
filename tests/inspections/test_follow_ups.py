"""Follow-ups: assessed by the team on the criterion page, checked before submission."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from inspections.completeness import still_missing
from inspections.exceptions import AssessmentLocked, EditConflict
from inspections.models import (
    AssessmentStatus,
    EvidenceKind,
    FollowUp,
    FollowUpOutcome,
    Programme,
)
from inspections.selectors.inspections import criteria_with_lists
from inspections.services import inspection_create
from inspections.services.follow_ups import follow_up_assess
from inspections.services.opening import inspection_open
from moderation.inbox import inbox_for
from moderation.sufficiency import area_gaps, gaps_by_area
from tests.factories import EvidenceItemFactory
from tests.moderation.moderation_support import complete_criterion


@pytest.fixture
def earlier_2007(reference, force_a, alice):
    """Force A's published 2007 inspection with one area for improvement in Neighbourhood
    Policing and one in Performance Management."""
    earlier = inspection_create(force=force_a, programme=Programme.objects.get(year=2007))
    earlier.status = "published"
    earlier.save()
    for code, text in (
        ("np", "Supervision ratios are high."),
        ("performance-management", "Targets lag."),
    ):
        criterion = earlier.areas.get(framework__code=code).criteria.get()
        EvidenceItemFactory(
            criterion_assessment=criterion,
            kind=EvidenceKind.AREA_FOR_IMPROVEMENT,
            text=text,
            author=alice,
        )
    return earlier


@pytest.fixture
def opened(earlier_2007, programme_2008, force_a, alice, hmi):
    inspection = inspection_open(force=force_a, programme=programme_2008, user=hmi, lead=hmi)
    inspection.inspection.memberships.create(user=alice, role="inspector")
    return inspection.inspection


def _placed(inspection) -> FollowUp:
    return inspection.follow_ups.get(criterion_assessment__isnull=False)


def _assess(follow_up, user, **kwargs):
    fields = {"outcome": FollowUpOutcome.PARTLY_ADDRESSED, "account": "Ratios fell in two units."}
    return follow_up_assess(
        follow_up=follow_up, user=user, version=follow_up.version, **{**fields, **kwargs}
    )


@pytest.mark.django_db
def test_assessing_a_follow_up_is_attributed_and_in_its_history(opened, alice):
    follow_up = _assess(_placed(opened), alice, evidence="Duty rosters, March.")
    assert follow_up.assessed_by == alice and follow_up.version == 2
    latest = follow_up.history.first()
    assert latest.history_user == alice and latest.history_change_reason == "Follow-up assessed"
    assert latest.outcome == "partly_addressed"


@pytest.mark.django_db
def test_a_stale_save_is_refused(opened, alice):
    follow_up = _placed(opened)
    _assess(follow_up, alice)
    with pytest.raises(EditConflict):
        _assess(follow_up, alice, account="Another view.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields", [{"outcome": "maybe"}, {"account": " "}, {"account": "<b>done</b>"}]
)
def test_bad_assessments_are_refused_and_nothing_is_saved(opened, alice, fields):
    follow_up = _placed(opened)
    with pytest.raises(ValidationError):
        _assess(follow_up, alice, **fields)
    follow_up.refresh_from_db()
    assert follow_up.version == 1 and not follow_up.outcome


@pytest.mark.django_db
def test_a_submitted_area_locks_its_follow_ups(opened, alice):
    follow_up = _placed(opened)
    follow_up.criterion_assessment.area.__class__.objects.filter(
        pk=follow_up.criterion_assessment.area_id
    ).update(status=AssessmentStatus.SUBMITTED)
    with pytest.raises(AssessmentLocked):
        _assess(follow_up, alice)


@pytest.mark.django_db
def test_submission_checks_ask_for_every_follow_up_of_the_area(opened, alice):
    follow_up = _placed(opened)
    area = follow_up.criterion_assessment.area
    assert any("Assess the follow-up" in gap.what for gap in area_gaps(area=area))
    assert any("Assess the follow-up" in gap.what for gap in gaps_by_area(areas=[area])[area.pk])
    _assess(follow_up, alice)
    assert not any("follow-up" in gap.what for gap in area_gaps(area=area))


@pytest.mark.django_db
def test_the_criterion_page_shows_its_follow_ups_and_the_team_assesses_them(client, opened, alice):
    follow_up = _placed(opened)
    client.force_login(alice)
    page = client.get(follow_up.criterion_assessment.get_absolute_url())
    assert b"Follow-ups from the last inspection" in page.content
    assert b"Supervision ratios are high." in page.content
    url = reverse("inspections:follow_up_detail", args=[follow_up.pk])
    response = client.post(
        url, {"outcome": "addressed", "account": "Now one to eight.", "evidence": "", "version": 1}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.outcome == "addressed" and follow_up.assessed_by == alice
    history = client.get(reverse("inspections:follow_up_history", args=[follow_up.pk]))
    assert b"Addressed" in history.content


@pytest.mark.django_db
def test_an_empty_form_gets_its_errors_not_a_500(client, opened, alice):
    client.force_login(alice)
    url = reverse("inspections:follow_up_detail", args=[_placed(opened).pk])
    response = client.post(url, {"version": 1})
    assert response.status_code == 400
    assert b"Choose how far" in response.content


@pytest.mark.django_db
def test_it_checks_access(client, opened, bob, panel):
    follow_up = _placed(opened)
    whole = opened.follow_ups.get(criterion_assessment__isnull=True)
    for pk in (follow_up.pk, whole.pk):
        client.force_login(bob)
        assert client.get(reverse("inspections:follow_up_detail", args=[pk])).status_code == 404
        client.force_login(panel)  # a moderator reads, never assesses
        url = reverse("inspections:follow_up_detail", args=[pk])
        assert client.get(url).status_code == 200
        assert (
            client.post(url, {"outcome": "addressed", "account": "x", "version": 1}).status_code
            == 403
        )


@pytest.mark.django_db
def test_follow_ups_without_a_successor_are_listed_for_the_inspection(client, opened, alice):
    client.force_login(alice)
    page = client.get(reverse("inspections:inspection_follow_ups", args=[opened.pk]))
    assert b"Targets lag." in page.content
    detail = client.get(reverse("inspections:inspection_detail", args=[opened.pk]))
    assert b"Follow-ups of the inspection as a whole (1)" in detail.content


@pytest.mark.django_db
def test_the_moderation_area_page_shows_the_follow_ups(client, opened, alice, hmi):
    follow_up = _assess(_placed(opened), alice)
    client.force_login(hmi)
    url = reverse("moderation:area_detail", args=[follow_up.criterion_assessment.area_id])
    page = client.get(url)
    assert b"Follow-ups from the last inspection" in page.content
    assert b"Ratios fell in two units." in page.content


@pytest.mark.django_db
def test_an_unassessed_follow_up_keeps_its_criterion_still_empty_on_the_page_and_inbox(
    client, opened, alice
):
    follow_up = _placed(opened)
    assessment = follow_up.criterion_assessment
    complete_criterion(assessment, alice)
    row = criteria_with_lists(areas=[assessment.area]).get(pk=assessment.pk)
    assert still_missing(row).labels == ["1 follow-up assessment"]
    client.force_login(alice)
    detail = reverse("inspections:inspection_detail", args=[opened.pk])
    assert b'<span class="app-missing">1 follow-up assessment</span>' in client.get(detail).content
    tasks = next(g for g in inbox_for(user=alice).groups if g.key == "criteria").tasks
    listed = [task for task in tasks if task.url == assessment.get_absolute_url()]
    assert len(listed) == 1 and "the 1 follow-up assessment." in listed[0].about
    _assess(follow_up, alice)
    row = criteria_with_lists(areas=[assessment.area]).get(pk=assessment.pk)
    assert not still_missing(row)
    assert b"follow-up assessment</span>" not in client.get(detail).content
    tasks = next(g for g in inbox_for(user=alice).groups if g.key == "criteria").tasks
    assert assessment.get_absolute_url() not in [task.url for task in tasks]
