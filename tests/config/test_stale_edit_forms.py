"""Every edit form of the product refuses a save from a stale page: it answers 409, shows
both texts, and overwrites nothing; saving again from the refusal page then saves.

The forms walked are listed in EDIT_FORMS; a check below fails when a URL whose name looks
like an edit (…_edit, …_save, …_proposal, …_answer, …_update) is neither walked nor listed
in NOT_EDITABLE with the reason it cannot be saved twice.
"""

import datetime
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.messages import get_messages
from django.urls import get_resolver, reverse

from forces.models import ForceLiaison
from inspections import roles
from inspections.models import AddresseeBody, CriterionAssessment, EvidenceKind, ResponseStatus
from inspections.services import evidence as evidence_services
from inspections.services.overview import inspection_overview_update
from inspections.services.practice import developing_practice_update
from inspections.services.responses import response_record, response_version
from inspections.services.statements import criterion_statement_save
from moderation.models import FactualAccuracyComment
from moderation.services.factual import factual_comment_add
from moderation.services.proposals import grade_propose
from moderation.services.transitions import area_transition
from reports.models import ReportText, ReportTextKey
from reports.services.recommendations import (
    national_summary_save,
    recommendation_update,
    recommendation_version,
)
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

MINE = "Mine, typed on a page opened before the other save."
THEIRS = "Theirs, saved meanwhile by someone else."
EDIT_NAME = re.compile(r"_(edit|save|proposal|answer|update)$")


@dataclass
class World:
    """One record for each edit form, with the person who edits it and someone else."""

    alice: object
    hmi: object
    admin: object
    liaison: object
    liaison2: object
    item: object
    sub_point: object
    assessment: object
    inspection: object
    area: object
    practice: object
    recommendation: object
    programme: object


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


@dataclass
class EditForm:
    """An edit form: where it is shown and posted, who edits it, which of its texts the walk
    changes (`field`, with `mine` as this user's text), how someone else saves meanwhile,
    and how to read what is saved."""

    url_name: str
    editor: str
    page: Callable[[World], str]
    field: str
    mine: str
    theirs: str
    save_meanwhile: Callable[[World, str], object]
    saved: Callable[[World], str]
    post: Callable[[World], str] | None = None


def _evidence_save(item_of):
    def save(w: World, text: str):
        item = item_of(w)
        item.refresh_from_db()
        evidence_services.evidence_item_update(
            item=item, user=w.hmi, version=item.version, text=text, lead="", source=""
        )

    return save


def _item_text(item_of):
    def read(w: World) -> str:
        item_of(w).refresh_from_db()
        return item_of(w).text

    return read


def _statement_save(w: World, text: str):
    w.assessment.refresh_from_db()
    criterion_statement_save(
        assessment=w.assessment,
        user=w.hmi,
        version=w.assessment.version,
        chosen_levels={},
        override=text,
    )


def _practice_save(w: World, text: str):
    w.practice.refresh_from_db()
    texts = {
        name: getattr(w.practice, name)
        for name in ("title", "solution", "evaluation", "external_validation", "outcomes")
    }
    developing_practice_update(
        practice=w.practice,
        user=w.liaison2,
        framework=w.practice.framework,
        problem=text,
        contact=w.practice.contact,
        **texts,
    )


def _refreshed(record, name: str) -> str:
    record.refresh_from_db()
    return getattr(record, name)


def _response_page(w: World) -> str:
    """A published recommendation to the Home Office, which both liaisons answer for."""
    home_office = AddresseeBody.objects.get(slug="home-office")
    home_office.responders.add(w.liaison, w.liaison2)
    w.programme.national_published_on = datetime.date(2008, 9, 1)
    w.programme.save()
    w.recommendation.bodies.add(home_office)
    if not w.recommendation.responses.exists():
        _response_save(w, "The first account.")
    return reverse(
        "reports:response_edit",
        args=[w.programme.year, w.recommendation.pk, "body", home_office.pk],
    )


def _response_save(w: World, text: str):
    home_office = AddresseeBody.objects.get(slug="home-office")
    current = w.recommendation.responses.filter(body=home_office).first()
    response_record(
        recommendation=w.recommendation,
        user=w.liaison2,
        body=home_office,
        status=ResponseStatus.ACCEPTED,
        account=text,
        version=response_version(current),
    )


def _response_account(w: World) -> str:
    return w.recommendation.responses.get().account


def _summary_body(w: World) -> str:
    text = ReportText.objects.filter(key=ReportTextKey.NATIONAL_SUMMARY, programme=w.programme)
    return text.values_list("body", flat=True).first() or ""


EDIT_FORMS = [
    EditForm(
        url_name="inspections:evidence_edit",
        editor="alice",
        page=lambda w: reverse("inspections:evidence_edit", args=[w.item.pk]),
        field="text",
        mine=MINE,
        theirs=THEIRS,
        save_meanwhile=_evidence_save(lambda w: w.item),
        saved=_item_text(lambda w: w.item),
    ),
    # A sub-point is edited through the same form and URL as its parent item.
    EditForm(
        url_name="inspections:evidence_edit",
        editor="alice",
        page=lambda w: reverse("inspections:evidence_edit", args=[w.sub_point.pk]),
        field="text",
        mine=MINE,
        theirs=THEIRS,
        save_meanwhile=_evidence_save(lambda w: w.sub_point),
        saved=_item_text(lambda w: w.sub_point),
    ),
    EditForm(
        url_name="inspections:statement_save",
        editor="alice",
        page=lambda w: w.assessment.get_absolute_url(),
        post=lambda w: reverse("inspections:statement_save", args=[w.assessment.pk]),
        field="override",
        mine=MINE,
        theirs=THEIRS,
        save_meanwhile=_statement_save,
        saved=lambda w: _refreshed(w.assessment, "statement"),
    ),
    EditForm(
        url_name="inspections:overview_edit",
        editor="alice",
        page=lambda w: reverse("inspections:overview_edit", args=[w.inspection.pk]),
        field="geography",
        mine=MINE,
        theirs=THEIRS,
        save_meanwhile=lambda w, text: inspection_overview_update(
            inspection=w.inspection, user=w.hmi, geography=text
        ),
        saved=lambda w: _refreshed(w.inspection, "geography"),
    ),
    EditForm(
        url_name="inspections:practice_edit",
        editor="liaison",
        page=lambda w: reverse("inspections:practice_edit", args=[w.practice.pk]),
        field="problem",
        mine=MINE,
        theirs=THEIRS,
        save_meanwhile=_practice_save,
        saved=lambda w: _refreshed(w.practice, "problem"),
    ),
    # One lead per inspection: "someone else" is the lead's other page (another tab or
    # computer), which is just as stale from this page's point of view.
    EditForm(
        url_name="moderation:grade_proposal",
        editor="hmi",
        page=lambda w: reverse("moderation:area_detail", args=[w.area.pk]),
        post=lambda w: reverse("moderation:grade_proposal", args=[w.area.pk]),
        field="rationale",
        mine=f"Mine: {NP_RATIONALE}",
        theirs=f"Theirs: {NP_RATIONALE}",
        save_meanwhile=lambda w, text: grade_propose(
            area=w.area, user=w.hmi, grade=grade("Exceeding", w.area), rationale=text
        ),
        saved=lambda w: _refreshed(w.area, "grade_rationale"),
    ),
    EditForm(
        url_name="reports:recommendation_edit",
        editor="hmi",
        page=lambda w: reverse(
            "reports:recommendation_edit", args=[w.programme.year, w.recommendation.pk]
        ),
        field="text",
        mine=MINE,
        theirs=THEIRS,
        save_meanwhile=lambda w, text: recommendation_update(
            recommendation=w.recommendation,
            user=w.admin,
            version=recommendation_version(w.recommendation),
            number=w.recommendation.number,
            text=text,
        ),
        saved=lambda w: _refreshed(w.recommendation, "text"),
    ),
    EditForm(
        url_name="reports:national_summary_edit",
        editor="hmi",
        page=lambda w: reverse("reports:national_summary_edit", args=[w.programme.year]),
        field="body",
        mine=MINE,
        theirs=THEIRS,
        save_meanwhile=lambda w, text: national_summary_save(
            programme=w.programme, user=w.admin, version="", title="Summary", body=text
        ),
        saved=_summary_body,
    ),
    EditForm(
        url_name="reports:response_edit",
        editor="liaison",
        page=_response_page,
        field="account",
        mine=MINE,
        theirs=THEIRS,
        save_meanwhile=_response_save,
        saved=_response_account,
    ),
]
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
    assert _refreshed(world.practice, "problem") != MINE


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
