"""Demo data for responses to recommendations: the 2007 programme's national report, with
three recommendations of the demo's own wording, published, and responses from some forces
and from the Home Office, so the progress page, the 2008 report's progress section and the
inbox have something to show.

Two demo users answer: `kent-liaison` (Kent's liaison, who still owes one response, shown
overdue in their inbox) and `home-office` (the Home Office's responder). Every response goes
through the service, and its history names the demo as the reason. A rerun replaces the
demo's own recommendations; a 2007 programme holding other recommendations is left alone.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from forces.models import Force
from inspections import roles
from inspections.demo.content import PASSWORD
from inspections.demo.people import demo_liaison_ensure
from inspections.models import (
    AddresseeBody,
    Programme,
    Recommendation,
    RecommendationResponse,
    ResponseStatus,
)
from inspections.services.responses import response_record

YEAR = 2007
PUBLISHED_ON = datetime.date(2007, 11, 1)
REASON = "demo data (responses)"
# (number, text, every force asked, bodies asked)
RECOMMENDATIONS = [
    (
        1,
        "Every force should publish, for each neighbourhood, who its named officers are and "
        "how to reach them, and check twice a year that the details are right.",
        True,
        [],
    ),
    (
        2,
        "The Home Office should agree with forces one way of counting the time "
        "neighbourhood officers spend away from their neighbourhoods.",
        True,
        ["home-office"],
    ),
    (
        3,
        "ACPO should gather the evaluated examples of joint problem solving into one "
        "library that every force can search.",
        False,
        ["acpo"],
    ),
]
STATUSES = [
    ResponseStatus.IMPLEMENTED,
    ResponseStatus.ACCEPTED,
    ResponseStatus.PARTLY_ACCEPTED,
    ResponseStatus.ACCEPTED,
    ResponseStatus.NOT_ACCEPTED,
]
ACCOUNTS = {
    ResponseStatus.IMPLEMENTED: "Done and checked by the force's own audit team.",
    ResponseStatus.ACCEPTED: "Accepted; the work is planned for the coming year.",
    ResponseStatus.PARTLY_ACCEPTED: "Accepted for urban areas; rural areas follow later.",
    ResponseStatus.NOT_ACCEPTED: "Not accepted: the force already does this another way.",
}


def _user(username: str, first: str, last: str, group: str | None):
    user, _ = get_user_model().objects.update_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
    )
    user.set_password(PASSWORD)
    user.save()
    user.groups.set([roles.role_groups_ensure()[group]] if group else [])
    return user


def _respond(recommendation, admin, *, force=None, body=None, index=0, user=None):
    status = STATUSES[index % len(STATUSES)]
    response_record(
        recommendation=recommendation,
        user=user or admin,
        force=force,
        body=body,
        status=status,
        account=ACCOUNTS[status],
        version="",
        reason=REASON,
    )


def _demo_delete(programme: Programme) -> None:
    """The demo's earlier recommendations and responses, with their history rows, so a rerun
    leaves the same rows."""
    ids = list(programme.recommendations.values_list("pk", flat=True))
    programme.recommendations.all().delete()
    RecommendationResponse.history.filter(recommendation_id__in=ids).delete()
    Recommendation.history.filter(id__in=ids).delete()


@transaction.atomic
def recommendation_demo_load(*, admin) -> dict:
    """Replace the demo's 2007 recommendations and their responses; returns counts."""
    programme = Programme.objects.get(year=YEAR)
    texts = {text for _, text, _, _ in RECOMMENDATIONS}
    existing = set(programme.recommendations.values_list("text", flat=True))
    if existing - texts:
        return {"recommendations": 0, "responses": 0, "skipped": True}
    _demo_delete(programme)
    if programme.national_published_on is None:
        programme.national_published_on = PUBLISHED_ON
        programme.save(update_fields=["national_published_on"])
    kent = Force.objects.get(slug="kent")
    liaison = _user("kent-liaison", "Kim", "Okafor", roles.FORCE_LIAISON)
    demo_liaison_ensure(user=liaison, force=kent)
    official = _user("home-office", "Hana", "Price", None)
    bodies = {body.slug: body for body in AddresseeBody.objects.all()}
    bodies["home-office"].responders.add(official)
    forces = list(Force.objects.territorial().exclude(pk=kent.pk).order_by("name")[:18])
    responses = 0
    for number, text, every_force, slugs in RECOMMENDATIONS:
        recommendation = Recommendation.objects.create(
            programme=programme, number=number, text=text, to_all_forces=every_force
        )
        recommendation.bodies.set([bodies[slug] for slug in slugs])
        if every_force:
            for index, force in enumerate(forces[: 18 - 6 * number]):
                _respond(recommendation, admin, force=force, index=index + number)
                responses += 1
        if number == 1:  # Kent has answered the first and still owes the second
            _respond(recommendation, admin, force=kent, user=liaison)
            responses += 1
        if "home-office" in slugs:
            _respond(recommendation, admin, body=bodies["home-office"], user=official, index=2)
            responses += 1
    return {"recommendations": len(RECOMMENDATIONS), "responses": responses, "skipped": False}
