"""Issue 15 in the browser: the factual-accuracy check completed. The liaison comments on one
evidence item of a released area; the lead accepts, corrects that item on the draft page and
closes the comment; the liaison sees the answer and the change, before and after. axe-core
checks every page loaded."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from inspections.models import EvidenceItem
from moderation.models import FactualAccuracyComment, FactualChange
from moderation.services.transitions import area_transition
from tests.e2e.conftest import log_in
from tests.moderation.moderation_support import decide, np_area, panels_for, submit

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
CORRECTED = "Partners and the force agree local priorities in 42 neighbourhoods."


def _released(programme, force, inspection, alice, hmi, panel):
    area = np_area(inspection)
    panels_for(programme, force, area.framework, hmi, [panel])
    submit(area, alice, hmi)
    decide(area, panel, hmi)
    decide(area, panel, hmi)
    area_transition(area=area, user=hmi, action="release")
    return area


def _change_and_close(page, comment, label: str, text: str) -> None:
    """The team saves the change the accepted comment opened, then closes the comment."""
    box = page.locator(f"#comment-{comment.pk}")
    box.get_by_label(label).fill(text)
    box.get_by_role("button", name="Save the change").click()
    expect(page.get_by_text("Change saved.")).to_be_visible()
    page.locator(f"#comment-{comment.pk}").get_by_role("button", name="Close the comment").click()
    expect(page.get_by_text("Comment closed")).to_be_visible()


def test_factual_comment_accepted_changed_closed_and_seen_by_the_liaison(
    new_page, alice, hmi, panel, liaison, inspection_a, programme_2008, force_a
):
    area = _released(programme_2008, force_a, inspection_a, alice, hmi, panel)
    item = EvidenceItem.objects.filter(criterion_assessment__area=area).order_by("pk").first()
    draft = reverse("moderation:draft_report", args=[inspection_a.pk])

    liaison_page, hmi_page = new_page(), new_page()
    log_in(liaison_page, "liaison")
    liaison_page.goto(draft)
    section = liaison_page.locator(f"#section-{item.criterion_assessment_id}")
    section.get_by_text("Comment on this section").click()
    section.get_by_label("Which part is inaccurate").select_option(f"item-{item.pk}")
    section.locator("textarea[name=comment]").fill("The number of neighbourhoods is wrong.")
    section.locator("textarea[name=proposed_correction]").fill(CORRECTED)
    section.get_by_role("button", name="Send comment").click()
    expect(liaison_page.get_by_text("Comment sent to the inspection team.")).to_be_visible()
    comment = FactualAccuracyComment.objects.get()
    top = liaison_page.locator("#open-comments")
    expect(top).to_contain_text("awaiting the team’s answer")

    # The lead follows the link at the top of the draft to the item, and accepts.
    log_in(hmi_page, "hmi")
    hmi_page.goto(draft)
    hmi_page.locator("#open-comments").locator(f'a[href="#item-{item.pk}"]').click()
    expect(hmi_page).to_have_url(f"{hmi_page.url.split('#')[0]}#item-{item.pk}")
    box = hmi_page.locator(f"#comment-{comment.pk}")
    box.get_by_label("Accepted with change").check()
    box.locator("textarea[name=text]").fill("We will give the right number.")
    box.get_by_role("button", name="Send answer").click()
    expect(hmi_page.get_by_text("Answer recorded and sent to the force.")).to_be_visible()

    # Only that item opens; it cannot close before the change is saved.
    box = hmi_page.locator(f"#comment-{comment.pk}")
    expect(box.get_by_text("Save the change first")).to_be_visible()
    expect(box.get_by_role("button", name="Close the comment")).to_have_count(0)
    _change_and_close(hmi_page, comment, "Corrected text of the evidence item", CORRECTED)

    item.refresh_from_db()
    assert item.text == CORRECTED
    assert FactualChange.objects.get().comment == comment

    # The liaison sees the answer and the change, before and after.
    liaison_page.goto(draft)
    seen = liaison_page.locator(f"#comment-{comment.pk}")
    expect(seen).to_contain_text("Accepted with change")
    expect(seen).to_contain_text("We will give the right number.")
    expect(seen.locator("tr", has_text="Before")).to_contain_text("A strength.")
    expect(seen.locator("tr", has_text="After")).to_contain_text(CORRECTED)
    expect(liaison_page.locator("#open-comments")).to_contain_text("No comment")

    # Publication is open again.
    hmi_page.goto(reverse("moderation:area_detail", args=[area.pk]))
    expect(hmi_page.get_by_role("button", name="Publish")).to_be_visible()


def test_factual_comment_on_the_force_overview_corrects_just_that_section(
    new_page, alice, hmi, panel, liaison, inspection_a, programme_2008, force_a
):
    _released(programme_2008, force_a, inspection_a, alice, hmi, panel)
    draft = reverse("moderation:draft_report", args=[inspection_a.pk])
    fixed = "The force area has four boroughs and a city centre."

    liaison_page, hmi_page = new_page(), new_page()
    log_in(liaison_page, "liaison")
    liaison_page.goto(draft)
    section = liaison_page.locator("#overview-geography")
    section.get_by_text("Comment on this section").click()
    section.locator("textarea[name=comment]").fill("The count of boroughs is wrong.")
    section.locator("textarea[name=proposed_correction]").fill(fixed)
    section.get_by_role("button", name="Send comment").click()
    expect(liaison_page.get_by_text("Comment sent to the inspection team.")).to_be_visible()
    comment = FactualAccuracyComment.objects.get()
    assert comment.overview_field == "geography"

    # The overview page is read-only for the team while the draft is with the force.
    log_in(hmi_page, "hmi")
    hmi_page.goto(reverse("inspections:overview_detail", args=[inspection_a.pk]))
    expect(hmi_page.locator("#overview-locked")).to_be_visible()
    expect(hmi_page.get_by_role("button", name="Edit the overview")).to_have_count(0)

    hmi_page.goto(draft)
    hmi_page.locator("#open-comments").locator('a[href="#overview-geography"]').click()
    box = hmi_page.locator(f"#comment-{comment.pk}")
    box.get_by_label("Accepted with change").check()
    box.locator("textarea[name=text]").fill("We will correct the description.")
    box.get_by_role("button", name="Send answer").click()
    _change_and_close(hmi_page, comment, "Corrected text of the force overview", fixed)

    inspection_a.refresh_from_db()
    assert inspection_a.geography == fixed
    liaison_page.goto(draft)
    expect(liaison_page.locator("#overview-geography")).to_contain_text(fixed)
    expect(liaison_page.locator(f"#comment-{comment.pk} tr", has_text="After")).to_contain_text(
        fixed
    )
