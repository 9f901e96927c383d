"""Every edit form of the product refuses a save from a stale page: it answers 409, shows
both texts, and overwrites nothing; saving again from the refusal page then saves.

The forms walked are listed in EDIT_FORMS; a check below fails when a URL whose name looks
like an edit (…_edit, …_save, …_proposal, …_answer, …_update) is neither walked nor listed
in NOT_EDITABLE with the reason it cannot be saved twice.
"""

import html

import pytest
from django.contrib.messages import get_messages
from django.urls import get_resolver, reverse

from forces.models import ForceLiaison
from inspections import roles
from inspections.models import CriterionAssessment, EvidenceKind
from inspections.services import evidence as evidence_services
from moderation.models import FactualAccuracyComment
from moderation.services.factual import factual_comment_add
from moderation.services.proposals import grade_propose
from moderation.services.transitions import area_transition
from tests.config.stale_edit_support import EDIT_FORMS, EDIT_NAME, MINE, THEIRS, World, refreshed
from tests.factories import UserFactory
from tests.inspections.practice_support import _practice
from tests.moderation.moderation_support import (
    NP_RATIONALE,
    decide,
    grade,
    np_area,
    panels_for,
    submit,
)
from tests.reports.national_support import recommend

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(inspection_a, alice, hmi, admin_user, liaison, force_a, programme_2008):
    assessment = CriterionAssessment.objects.get(
        area__inspection=inspection_a, criterion__parent__order=1, criterion__order=1
    )
    item = evidence_services.evidence_item_create(
        assessment=assessment, user=alice, kind=EvidenceKind.STRENGTH, text="The first text."
    )
    sub_point = evidence_services.evidence_item_create(
        assessment=assessment, user=alice, kind="", text="A sub-point.", parent=item
    )
    area = np_area(inspection_a)
    # The lead has proposed a grade already, so the page's form edits that proposal.
    grade_propose(area=area, user=hmi, grade=grade("Meeting", area), rationale=NP_RATIONALE)
    liaison2 = UserFactory(username="liaison2", groups=[roles.FORCE_LIAISON])
    ForceLiaison.objects.create(user=liaison2, force=force_a)
    return World(
        alice=alice,
        hmi=hmi,
        admin=admin_user,
        liaison=liaison,
        liaison2=liaison2,
        item=item,
        sub_point=sub_point,
        assessment=assessment,
        inspection=inspection_a,
        area=area,
        practice=_practice(inspection_a, submitted_by=liaison),
        recommendation=recommend(programme_2008, 1, "The first recommendation."),
        programme=programme_2008,
    )


# Forms whose URL looks like an edit but whose record can be saved only once.
NOT_EDITABLE = {
    "moderation:factual_comment_answer": "a comment is answered once; a second answer, "
    "stale or not, is refused (test_a_stale_second_answer_is_refused_and_keeps_the_first)",
}


def _post_data(form, field: str, text: str) -> dict:
    """What the browser would send back: every field as the page filled it, one changed."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None:
            continue
        data[bound.html_name] = getattr(value, "pk", value)
    data[field] = text
    return data


def _url_names(patterns, namespace="") -> set[str]:
    names = set()
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_edit_url_is_walked_or_says_why_not():
    edit_urls = {
        name
        for name in _url_names(get_resolver().url_patterns)
        if not name.startswith("admin:") and EDIT_NAME.search(name)
    }
    walked = {form.url_name for form in EDIT_FORMS}
    assert edit_urls == walked | set(NOT_EDITABLE), (
        "An edit URL is missing from the stale-save walk (EDIT_FORMS) or from NOT_EDITABLE: "
        f"{sorted(edit_urls ^ (walked | set(NOT_EDITABLE)))}"
    )


@pytest.mark.parametrize(
    "edit", EDIT_FORMS, ids=[f"{f.url_name}-{n}" for n, f in enumerate(EDIT_FORMS)]
)
def test_a_stale_save_is_refused_with_both_texts_and_overwrites_nothing(client, world, edit):
    client.force_login(getattr(world, edit.editor))
    opened = client.get(edit.page(world))
    assert opened.status_code == 200
    stale = _post_data(opened.context["form"], edit.field, edit.mine)

    edit.save_meanwhile(world, edit.theirs)
    post_url = (edit.post or edit.page)(world)
    refused = client.post(post_url, stale)

    assert refused.status_code == 409
    page = html.unescape(refused.content.decode())
    assert edit.mine in page and edit.theirs in page
    assert edit.saved(world) == edit.theirs

    # The refusal page's form carries the saved version: saving from it replaces theirs
    # knowingly.
    again = _post_data(refused.context["form"], edit.field, edit.mine)
    assert client.post(post_url, again).status_code == 302
    assert edit.saved(world) == edit.mine


def test_a_save_without_its_version_is_refused_not_forced(client, world):
    client.force_login(world.liaison)
    url = reverse("inspections:practice_edit", args=[world.practice.pk])
    data = _post_data(client.get(url).context["form"], "problem", MINE)
    del data["version"]
    assert client.post(url, data).status_code == 409
    assert refreshed(world.practice, "problem") != MINE


@pytest.fixture
def released_area(world, programme_2008, force_a, panel):
    area = world.area
    panels_for(programme_2008, force_a, area.framework, world.hmi, [panel])
    submit(area, world.alice, world.hmi)
    decide(area, panel, world.hmi)
    decide(area, panel, world.hmi)
    area_transition(area=area, user=world.hmi, action="release")
    area.refresh_from_db()
    return area


def test_a_stale_second_answer_is_refused_and_keeps_the_first(client, world, released_area):
    comment = factual_comment_add(
        area=released_area,
        user=world.liaison,
        comment="The team count is out of date.",
        proposed_correction="There are 42 teams.",
        criterion_assessment=released_area.criteria.first(),
    )
    url = reverse("moderation:factual_comment_answer", args=[comment.pk])
    client.force_login(world.alice)
    client.post(url, {"response": "accepted", "text": THEIRS})
    client.force_login(world.hmi)
    response = client.post(url, {"response": "not_accepted", "text": MINE})
    assert "already been answered" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    comment = FactualAccuracyComment.objects.get(pk=comment.pk)
    assert (comment.response, comment.response_text) == ("accepted", THEIRS)
