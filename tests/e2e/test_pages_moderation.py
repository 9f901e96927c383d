"""Every moderation page, as each persona that uses it, checked by axe-core (the `new_page`
fixture fails a test on any WCAG 2.2 A/AA violation on any page it loads): panels, a session's
agenda, an agenda item with its decision form (also with errors), the area's grade and
moderation page (also with errors), and the draft report; and the decision form recorded by
keyboard alone."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from moderation.models import DecisionOutcome, FactualAccuracyComment, PanelDecision
from moderation.services.factual import factual_comment_add
from moderation.services.panels import panel_decision_record
from tests.e2e.axe import wait_for_check
from tests.moderation.moderation_support import np_area, panels_for, submit, to_released

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def submitted(programme_2008, force_a, inspection_a, alice, hmi, panel):
    """Force A's Neighbourhood Policing, submitted: on the regional session's agenda."""
    area = np_area(inspection_a)
    sessions = panels_for(programme_2008, force_a, area.framework, hmi, [panel])
    submit(area, alice, hmi)
    return area, sessions


def log_in(page, username: str) -> None:
    """Sign in and land on the moderation panels, not on the (other family's) home page."""
    panels = reverse("moderation:panel_list")
    page.goto(f"/accounts/login/?next={panels}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "secret")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{panels}")


def _item_url(area):
    return reverse("moderation:agenda_item_detail", args=[area.agenda_items.get().pk])


def _visit(page, url):
    response = page.goto(url)
    assert response.status < 400, (url, response.status)
    page.wait_for_load_state()


def test_panel_pages_as_member_chair_and_administrator(new_page, submitted, hmi, panel, admin_user):
    area, (regional, national) = submitted
    member = new_page()
    log_in(member, "panel")
    _visit(member, reverse("moderation:panel_list"))
    expect(member.get_by_role("heading", name="Moderation panels", level=1)).to_be_visible()
    _visit(member, reverse("moderation:session_detail", args=[regional.pk]))
    expect(member.locator("#agenda")).to_contain_text("Submitted for regional moderation")
    _visit(member, reverse("moderation:session_detail", args=[national.pk]))
    _visit(member, _item_url(area))
    expect(member.locator("#decision-form")).to_be_visible()

    # The decision form with errors: refer back without the reasons.
    member.get_by_label("Refer back to the team").check()
    member.get_by_role("button", name="Record decision").click()
    expect(member.locator(".govuk-error-summary")).to_contain_text("There is a problem")
    assert not PanelDecision.objects.exists()

    panel_decision_record(item=area.agenda_items.get(), user=panel, outcome="confirm")
    _visit(member, _item_url(area))
    expect(member.locator(".four-eyes-notice")).to_be_visible()

    chair = new_page()
    log_in(chair, "hmi")
    _visit(chair, reverse("moderation:panel_list"))
    _visit(chair, reverse("moderation:session_detail", args=[regional.pk]))
    _visit(chair, _item_url(area))
    expect(chair.locator("#conflict-notice")).to_be_visible()
    chair.get_by_text("Do not confirm this decision").click()
    expect(chair.get_by_label("Why you do not confirm it")).to_be_visible()

    admin = new_page()
    log_in(admin, "admin")
    _visit(admin, reverse("moderation:panel_list"))
    _visit(admin, reverse("moderation:session_detail", args=[regional.pk]))
    _visit(admin, _item_url(area))


def test_area_page_as_inspector_lead_and_moderator(
    new_page, programme_2008, force_a, inspection_a, hmi, panel
):
    area = np_area(inspection_a)
    panels_for(programme_2008, force_a, area.framework, hmi, [panel])
    url = reverse("moderation:area_detail", args=[area.pk])

    inspector = new_page()
    log_in(inspector, "alice")
    _visit(inspector, url)
    expect(inspector.locator("#gaps")).to_contain_text("Write the summary statement.")

    lead = new_page()
    log_in(lead, "hmi")
    _visit(lead, url)
    expect(lead.locator("#blocked-submit")).to_contain_text("not possible yet")
    expect(lead.get_by_role("button", name="Submit to the regional panel")).to_have_count(0)
    # The proposal form with errors: no grade, no rationale.
    lead.get_by_role("button", name="Save proposed grade").click()
    summary = lead.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose a grade.")
    summary.get_by_role("link", name="Choose a grade.").click()
    expect(lead.locator("#id_grade_0")).to_be_focused()

    moderator = new_page()
    log_in(moderator, "panel")
    _visit(moderator, url)
    expect(moderator.locator("#area-status")).to_contain_text("Drafting")


def test_draft_report_and_the_blocked_publication(
    new_page, programme_2008, force_a, inspection_a, alice, hmi, panel, liaison
):
    area = np_area(inspection_a)
    panels_for(programme_2008, force_a, area.framework, hmi, [panel])
    to_released(area, alice, hmi, panel)
    draft = reverse("moderation:draft_report", args=[inspection_a.pk])

    force = new_page()
    log_in(force, "liaison")
    _visit(force, draft)
    expect(force.locator(".final-grade").first).to_contain_text("Meeting the standard")
    force.get_by_text("Comment on this section").first.click()
    factual_comment_add(
        area=area,
        user=liaison,
        comment="The team count is out of date.",
        proposed_correction="There are 42 teams.",
        criterion_assessment=area.criteria.first(),
    )
    _visit(force, draft)
    comment = FactualAccuracyComment.objects.get()
    expect(force.locator(f"#comment-{comment.pk}")).to_contain_text("Awaiting the team")

    lead = new_page()
    log_in(lead, "hmi")
    _visit(lead, reverse("moderation:area_detail", args=[area.pk]))
    expect(lead.get_by_role("button", name="Publish")).to_have_count(0)
    expect(lead.locator("#status-notice")).to_contain_text("factual-accuracy check")
    lead.locator("#blocked-publish").get_by_role("link").click()
    expect(lead).to_have_url(re.compile(rf"/draft/#comment-{comment.pk}$"))
    expect(lead.locator(f"#comment-{comment.pk}")).to_contain_text("Awaiting the team")

    team = new_page()
    log_in(team, "alice")
    _visit(team, draft)
    expect(team.locator(f"#comment-{comment.pk}").get_by_role("button")).to_have_text("Send answer")


def _tab_to(page, element_id, limit=80):
    """Press Tab until the element with `element_id` has the focus."""
    for _ in range(limit):
        if page.evaluate("() => document.activeElement && document.activeElement.id") == (
            element_id
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def _axe_done(page):
    """Wait for axe-core's check of the page just loaded (run by the `new_page` fixture), so
    the fixture's last check does not start while it runs."""
    wait_for_check(page)


def _focused_id(page):
    return page.evaluate("() => document.activeElement.id")


def test_decision_form_by_keyboard(new_page, submitted, panel):
    """A member records a decision without the mouse: Tab to the form, submit it empty, follow
    the error summary's link back to the question, choose with Space and the arrow keys, pass
    the grade, write the reason and press Enter."""
    area, _ = submitted
    page = new_page()
    log_in(page, "panel")
    _visit(page, _item_url(area))

    _tab_to(page, "id_outcome_0")
    _tab_to(page, "id_reason")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Record decision")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose confirm, change or refer back.")
    expect(summary).to_be_focused()

    page.keyboard.press("Tab")
    expect(
        summary.get_by_role("link", name="Choose confirm, change or refer back.")
    ).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#id_outcome_0")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#id_outcome_0")).to_be_checked()

    # Arrow keys move between the radios (the group is one stop for Tab).
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_outcome_1")).to_be_checked()
    page.keyboard.press("ArrowUp")
    expect(page.locator("#id_outcome_0")).to_be_checked()
    page.keyboard.press("Tab")
    assert _focused_id(page) == "id_grade"
    page.keyboard.press("Tab")
    assert _focused_id(page) == "id_reason"
    page.keyboard.type("The evidence bears the proposed grade out.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Record decision")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    _axe_done(page)

    decision = PanelDecision.objects.get()
    assert decision.outcome == DecisionOutcome.CONFIRM and decision.recorded_by == panel
    assert decision.reason == "The evidence bears the proposed grade out."


def _fits(page, width=320):
    """Nothing but a table's own scrolling region is wider than the screen."""
    overflow = page.evaluate(
        """(width) => [...document.querySelectorAll("main *")]
            .filter((el) => !el.closest(".app-table-scroll"))
            .filter((el) => el.getBoundingClientRect().right > width + 1)
            .map((el) => el.tagName + "." + el.className).slice(0, 5)""",
        width,
    )
    assert overflow == [], (page.url, overflow)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def test_the_pages_work_320_px_wide(new_page, submitted, hmi, panel):
    area, (regional, _) = submitted
    page = new_page()
    page.set_viewport_size({"width": 320, "height": 900})
    log_in(page, "hmi")
    for url in (
        reverse("moderation:panel_list"),
        reverse("moderation:session_detail", args=[regional.pk]),
        _item_url(area),
        reverse("moderation:area_detail", args=[area.pk]),
        reverse("moderation:draft_report", args=[area.inspection_id]),
    ):
        _visit(page, url)
        _fits(page)
    _axe_done(page)
