"""What the stale-edit test walks: every edit form of the product, how to save it outside
the page (the "other person") and how to read its text back."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from inspections.models import AddresseeBody, ResponseStatus
from inspections.services import evidence as evidence_services
from inspections.services.overview import inspection_overview_update
from inspections.services.practice import developing_practice_update
from inspections.services.responses import response_record, response_version
from inspections.services.statements import criterion_statement_save
from moderation.services.proposals import grade_propose
from reports.models import ReportText, ReportTextKey
from reports.services.recommendations import (
    national_summary_save,
    recommendation_update,
    recommendation_version,
)
from tests.moderation.moderation_support import (
    NP_RATIONALE,
    grade,
)

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


def refreshed(record, name: str) -> str:
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
        saved=lambda w: refreshed(w.assessment, "statement"),
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
        saved=lambda w: refreshed(w.inspection, "geography"),
    ),
    EditForm(
        url_name="inspections:practice_edit",
        editor="liaison",
        page=lambda w: reverse("inspections:practice_edit", args=[w.practice.pk]),
        field="problem",
        mine=MINE,
        theirs=THEIRS,
        save_meanwhile=_practice_save,
        saved=lambda w: refreshed(w.practice, "problem"),
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
        saved=lambda w: refreshed(w.area, "grade_rationale"),
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
        saved=lambda w: refreshed(w.recommendation, "text"),
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
