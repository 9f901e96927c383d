"""The whole grading path in the browser: completion, submission, regional and national
moderation, release, the force's factual-accuracy comment and its answer, publication, and the
final grade in the national table."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from inspections.models import AssessmentStatus
from moderation.models import FactualAccuracyComment, PanelDecision
from tests.e2e.conftest import log_in
from tests.moderation.moderation_support import complete_criterion, np_area, panels_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _problem_solving(area):
    return area.criteria.get(criterion__parent__order=1, criterion__order=3)


def _status(page, text):
    expect(page.locator("#area-status")).to_contain_text(text)


def _open_item(page, session_title):
    page.get_by_role("link", name="Moderation", exact=True).click()
    page.get_by_role("link", name=session_title).click()
    page.get_by_role("link", name="Force A", exact=True).click()


def _alice_completes(page, area):
    page.goto(reverse("moderation:area_detail", args=[area.pk]))
    expect(page.locator("#gaps")).to_contain_text("Write the summary statement.")
    page.locator("#gaps").get_by_role("link", name="Write the summary statement.").click()
    page.select_option("select[name=slot_coverage]", "most")
    page.select_option("select[name=slot_evaluation]", "partly")
    page.select_option("select[name=slot_resolution]", "moderate")
    page.get_by_role("button", name="Save statement").click()
    expect(page.get_by_text("Summary statement saved.")).to_be_visible()
    page.locator("#list-strength").locator("..").get_by_role(
        "button", name="Add to strengths"
    ).click()
    page.fill("textarea[name=text]", "Partners and the force agree local priorities monthly.")
    page.get_by_role("button", name="Save").click()
    for kind in ("work_in_progress", "area_for_improvement"):
        section = page.locator(f"section[aria-labelledby=list-{kind}]")
        section.get_by_role("button", name="Mark “none identified”").click()
        expect(page.get_by_text("The list is marked “none identified”.")).to_be_visible()
    page.goto(reverse("moderation:area_detail", args=[area.pk]))
    expect(page.locator("#gaps li")).to_have_count(1)
    expect(page.locator("#gaps")).to_contain_text("Propose a grade")


def _hmi_proposes_and_submits(page, area):
    page.goto(reverse("moderation:area_detail", args=[area.pk]))
    page.get_by_label(re.compile("^Meeting the standard")).check()
    page.fill(
        "textarea[name=rationale]",
        "Teams are stable (1.1), engagement is broad (1.2) and problem solving is settled "
        "(1.3); plans are funded (4).",
    )
    page.get_by_role("button", name="Save proposed grade").click()
    expect(page.get_by_text("Proposed grade saved: Meeting the standard.")).to_be_visible()
    expect(page.locator("#ready")).to_be_visible()
    page.get_by_role("button", name="Submit to the regional panel").click()
    _status(page, "Submitted for regional moderation")


def _panel_records(page, session_title, outcome, grade=None, reason=""):
    _open_item(page, session_title)
    page.get_by_label(outcome).check()
    if grade:
        page.select_option("select[name=grade]", label=grade)
    if reason:
        page.fill("#decision-form textarea[name=reason]", reason)
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()


def _chair_confirms(page, session_title, status):
    _open_item(page, session_title)
    expect(page.locator("#conflict-notice")).to_be_visible()
    expect(page.locator("#decision-form")).to_have_count(0)
    page.get_by_role("button", name="Confirm as chair").click()
    expect(page.get_by_text("Decision confirmed.")).to_be_visible()
    _status(page, status)


def test_force_a_neighbourhood_policing_from_drafting_to_the_national_table(
    new_page, alice, hmi, panel, liaison, inspection_a, programme_2008, force_a
):
    area = np_area(inspection_a)
    regional, national = panels_for(programme_2008, force_a, area.framework, hmi, [panel])
    for assessment in area.criteria.exclude(pk=_problem_solving(area).pk):
        complete_criterion(assessment, alice)

    alice_page, hmi_page, panel_page, liaison_page = new_page(), new_page(), new_page(), new_page()
    log_in(alice_page, "alice")
    _alice_completes(alice_page, area)

    log_in(hmi_page, "hmi")
    _hmi_proposes_and_submits(hmi_page, area)

    # Regional: hmi led the team, so panel records and hmi, as chair, confirms.
    log_in(panel_page, "panel")
    _panel_records(panel_page, regional.title, "Confirm the grade")
    _chair_confirms(hmi_page, regional.title, "Regionally moderated")

    # National: panel changes the grade with a reason, the chair confirms.
    _panel_records(
        panel_page,
        national.title,
        "Change the grade",
        grade="Exceeding the standard",
        reason="Beside its peers the evidence for 1.3 and the survey trend justify exceeding.",
    )
    _chair_confirms(hmi_page, national.title, "Nationally moderated")
    expect(hmi_page.get_by_text("Exceeding the standard").first).to_be_visible()

    hmi_page.goto(reverse("moderation:area_detail", args=[area.pk]))
    hmi_page.get_by_role("button", name="Release the draft to the force").click()
    _status(hmi_page, "Released for factual-accuracy check")

    # The liaison comments on the draft, and sees no moderation notes.
    log_in(liaison_page, "liaison")
    liaison_page.locator("#liaison-drafts").get_by_role("link", name="draft report").click()
    expect(liaison_page.locator(".final-grade")).to_contain_text("Exceeding the standard")
    expect(liaison_page.get_by_text("justify exceeding")).to_have_count(0)
    staffing = area.criteria.get(criterion__parent__order=1, criterion__order=1)
    section = liaison_page.locator(f"#section-{staffing.pk}")
    section.get_by_text("Comment on this section").click()
    section.locator("textarea[name=comment]").fill("The number of teams has changed.")
    section.locator("textarea[name=proposed_correction]").fill("There are now 42 teams.")
    section.get_by_role("button", name="Send comment").click()
    expect(liaison_page.get_by_text("Comment sent to the inspection team.")).to_be_visible()

    # Publication waits for the answer: no button, and a link to the open comment.
    hmi_page.goto(reverse("moderation:area_detail", args=[area.pk]))
    expect(hmi_page.get_by_role("button", name="Publish")).to_have_count(0)
    blocked = hmi_page.locator("#blocked-publish")
    expect(blocked).to_contain_text("The force’s comment still needs an answer.")
    _status(hmi_page, "Released for factual-accuracy check")

    alice_page.goto(reverse("moderation:draft_report", args=[inspection_a.pk]))
    comment = FactualAccuracyComment.objects.get()
    answer = alice_page.locator(f"#comment-{comment.pk}")
    answer.get_by_label("Accepted with change").check()
    answer.locator("textarea[name=text]").fill("Corrected to 42 teams.")
    answer.get_by_role("button", name="Send answer").click()
    expect(alice_page.get_by_text("Answer recorded and sent to the force.")).to_be_visible()
    # The comment named the criterion's summary statement: only that opens for the change.
    answer = alice_page.locator(f"#comment-{comment.pk}")
    answer.get_by_label("Corrected summary statement").fill("There are now 42 teams.")
    answer.get_by_role("button", name="Save the change").click()
    expect(alice_page.get_by_text("Change saved.")).to_be_visible()
    alice_page.locator(f"#comment-{comment.pk}").get_by_role(
        "button", name="Close the comment"
    ).click()
    expect(alice_page.get_by_text("Comment closed")).to_be_visible()

    hmi_page.goto(reverse("moderation:area_detail", args=[area.pk]))
    hmi_page.get_by_role("button", name="Publish").click()
    _status(hmi_page, "Published")

    area.refresh_from_db()
    assert area.status == AssessmentStatus.PUBLISHED
    assert area.final_grade.label == "Exceeding the standard"
    assert PanelDecision.objects.filter(state="confirmed").count() == 2

    hmi_page.goto(reverse("inspections:national_grades", args=[programme_2008.year]))
    row = hmi_page.locator("tr[data-force='Force A']")
    expect(row.locator(".national-grade", has_text="Exceeding the standard")).to_have_count(1)
