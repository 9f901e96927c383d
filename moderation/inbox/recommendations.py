"""The inbox's responses to recommendations: what a force's liaison or a national body's
responder has yet to answer in published national reports, overdue ones flagged.

Asks the same rules as the response pages (inspections.selectors.recommendations). One query
finds whom the user answers for, and nothing more is asked of anyone who answers for nobody;
then one query for the force's unanswered recommendations and one for the bodies'.
"""

from datetime import datetime, time

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from inspections.models import Recommendation, RecommendationResponse
from inspections.selectors.recommendations import (
    addressees_of,
    due_on,
    is_overdue,
    published_on,
    with_publication,
)

GROUP = ("responses", "Recommendations awaiting your response")


def _task(task_class, recommendation, publication, kind: str, addressee_pk: int, name: str):
    programme = recommendation.programme
    published = published_on(
        programme, last=publication.last_published_on, unpublished=publication.has_unpublished
    )
    if published is None:
        return None  # a draft national report asks nothing of anyone yet
    due = due_on(programme, published)
    when = "Overdue: was due" if is_overdue(due) else "Due"
    url = reverse(
        "reports:response_edit", args=[programme.year, recommendation.pk, kind, addressee_pk]
    )
    return task_class(
        label=f"Respond to recommendation {recommendation.number} of the {programme.year} "
        "national report",
        about=f"{name}. {when} by {due:%-d %B %Y}",
        url=url,
        since=timezone.make_aware(datetime.combine(due, time.min)),
    )


def _force_tasks(task_class, addressees) -> list:
    answered = RecommendationResponse.objects.filter(
        recommendation=OuterRef("pk"), force_id=addressees.force_id
    )
    rows = with_publication(
        Recommendation.objects.filter(to_all_forces=True).exclude(Exists(answered)),
        "programme_id",
    ).select_related("programme")
    force, name = addressees.force_id, addressees.force_name
    return [_task(task_class, row, row, "force", force, name) for row in rows]


def _body_tasks(task_class, addressees) -> list:
    answered = RecommendationResponse.objects.filter(
        recommendation=OuterRef("recommendation_id"), body=OuterRef("addresseebody_id")
    )
    links = with_publication(
        Recommendation.bodies.through.objects.filter(
            addresseebody_id__in=addressees.body_ids
        ).exclude(Exists(answered)),
        "recommendation__programme_id",
    ).select_related("recommendation__programme", "addresseebody")
    return [
        _task(task_class, link.recommendation, link, "body", link.addresseebody_id,
              link.addresseebody.name)
        for link in links
    ]  # fmt: skip


def response_tasks(*, user: AbstractBaseUser, task_class) -> dict:
    """{"responses": [task, ...]}: the recommendations of published national reports the
    user's force or bodies have not answered, each due a number of days after publication;
    {} for anyone who answers for nobody. `task_class` is the inbox's Task."""
    addressees = addressees_of(user)
    if not addressees:
        return {}
    tasks = []
    if addressees.force_id is not None:
        tasks += _force_tasks(task_class, addressees)
    if addressees.body_ids:
        tasks += _body_tasks(task_class, addressees)
    return {GROUP[0]: [task for task in tasks if task is not None]}
