"""Reads about recommendations' addressees and their responses: when responses are due, who
answers for whom, and each recommendation's progress across every addressee.

A response is due `response_days` (the programme's, else the RECOMMENDATION_RESPONSE_DAYS
setting) after the national report's publication: the date an administrator set on the
programme, else the day its last force report was published once all of them are. Before
publication nothing is due and nobody is asked to respond.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, Max, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from forces.models import Force
from inspections.models import (
    AddresseeBody,
    Inspection,
    InspectionStatus,
    Programme,
    Recommendation,
    RecommendationResponse,
    ResponseStatus,
)


def with_publication(queryset, programme_ref: str = "pk"):
    """Annotate programmes (or rows reaching one through the field `programme_ref`) with what
    decides their national report's publication date, in the same query: the last force
    report's date and whether any force report is still unpublished."""
    inspections = Inspection.objects.filter(programme=OuterRef(programme_ref))
    return queryset.annotate(
        last_published_on=Subquery(
            inspections.values("programme").annotate(last=Max("publication_date")).values("last")
        ),
        has_unpublished=Exists(inspections.exclude(status=InspectionStatus.PUBLISHED)),
    )


def published_on(programme: Programme, *, last=None, unpublished=None) -> datetime.date | None:
    """The national report's publication date, or None while it is a draft."""
    if programme.national_published_on:
        return programme.national_published_on
    if last is None and unpublished is None:
        annotated = with_publication(Programme.objects.filter(pk=programme.pk)).get()
        last, unpublished = annotated.last_published_on, annotated.has_unpublished
    return None if unpublished else last


def due_on(programme: Programme, published: datetime.date | None) -> datetime.date | None:
    if published is None:
        return None
    days = programme.response_days or settings.RECOMMENDATION_RESPONSE_DAYS
    return published + datetime.timedelta(days=days)


def is_overdue(due: datetime.date | None, today: datetime.date | None = None) -> bool:
    return due is not None and (today or timezone.localdate()) > due


@dataclass(frozen=True)
class Addressees:
    """Whom one user answers for: their force (as its liaison) and the bodies naming them."""

    force_id: int | None = None
    body_ids: frozenset[int] = frozenset()
    force_name: str = ""

    def __bool__(self) -> bool:
        return self.force_id is not None or bool(self.body_ids)


def addressees_of(user: AbstractBaseUser) -> Addressees:
    """One query: the user's force as liaison and the bodies they respond for."""
    if not (user.is_authenticated and user.is_active):
        return Addressees()
    rows = list(
        get_user_model()
        .objects.filter(pk=user.pk)
        .values_list(
            "force_liaison__force_id",
            "force_liaison__force__name",
            "force_liaison__force__is_fictional",
            "addressee_bodies__pk",
        )
    )
    # A user is liaison for one force at most (ForceLiaison.user is one-to-one); demo and
    # training forces are never asked to respond, as the service refuses them.
    force_id, force_name = next(
        ((f, name) for f, name, fictional, _ in rows if f is not None and not fictional),
        (None, ""),
    )
    bodies = frozenset(body_id for *_, body_id in rows if body_id is not None)
    return Addressees(force_id=force_id, body_ids=bodies, force_name=force_name)


@dataclass
class AddresseeRow:
    """One addressee of a recommendation and its response, if recorded."""

    kind: str  # "force" or "body"
    pk: int
    name: str
    response: RecommendationResponse | None
    overdue: bool

    @property
    def status_label(self) -> str:
        return self.response.get_status_display() if self.response else "Awaiting response"


@dataclass
class RecommendationProgress:
    recommendation: Recommendation
    rows: list[AddresseeRow]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def awaiting(self) -> int:
        return sum(row.response is None for row in self.rows)

    @property
    def overdue(self) -> int:
        return sum(row.overdue for row in self.rows)

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        return [(value, label, self.counts.get(value, 0)) for value, label in STATUS_CHOICES]


STATUS_CHOICES = ResponseStatus.choices


@dataclass
class ProgrammeProgress:
    programme: Programme
    published: datetime.date | None
    due: datetime.date | None
    recommendations: list[RecommendationProgress]

    @property
    def is_overdue(self) -> bool:
        return is_overdue(self.due)


def _rows(recommendation, forces, responses, overdue_now: bool) -> list[AddresseeRow]:
    rows = []
    if recommendation.to_all_forces:
        for force in forces:
            response = responses.get(("force", force.pk))
            rows.append(AddresseeRow("force", force.pk, force.name, response, False))
    for body in recommendation.bodies.all():
        response = responses.get(("body", body.pk))
        rows.append(AddresseeRow("body", body.pk, body.name, response, False))
    for row in rows:
        row.overdue = overdue_now and row.response is None
    return rows


def programme_progress(*, programme: Programme, recommendation_pk: int | None = None):
    """Every recommendation of the programme with a row per addressee (each territorial force
    for one addressed to all forces, then each body), counts per status and what is overdue.
    A fixed number of queries whatever the number of forces and responses."""
    published = published_on(programme)
    due = due_on(programme, published)
    overdue_now = is_overdue(due)
    recommendations = programme.recommendations.prefetch_related(
        Prefetch("bodies", queryset=AddresseeBody.objects.order_by("name")),
        Prefetch(
            "responses",
            queryset=RecommendationResponse.objects.select_related("responded_by"),
        ),
    ).order_by("number")
    if recommendation_pk is not None:
        recommendations = recommendations.filter(pk=recommendation_pk)
    forces = list(Force.objects.territorial().order_by("name"))
    found = []
    for recommendation in recommendations:
        responses = {}
        for response in recommendation.responses.all():
            key = ("force", response.force_id) if response.force_id else ("body", response.body_id)
            responses[key] = response
        rows = _rows(recommendation, forces, responses, overdue_now)
        counts: dict[str, int] = {}
        for row in rows:
            if row.response:
                counts[row.response.status] = counts.get(row.response.status, 0) + 1
        found.append(RecommendationProgress(recommendation, rows, counts))
    return ProgrammeProgress(programme, published, due, found)


@dataclass(frozen=True)
class Awaited:
    """A recommendation one user must answer (for their force or a body) and has not."""

    recommendation: Recommendation
    kind: str
    addressee_pk: int
    addressee_name: str
    due: datetime.date | None
    response: RecommendationResponse | None = None

    @property
    def overdue(self) -> bool:
        return self.response is None and is_overdue(self.due)


def _addressed_q(addressees: Addressees) -> Q:
    addressed = Q(pk__in=[])
    if addressees.force_id is not None:
        addressed |= Q(to_all_forces=True)
    if addressees.body_ids:
        addressed |= Q(bodies__in=addressees.body_ids)
    return addressed


def recommendations_for(*, user: AbstractBaseUser, addressees: Addressees | None = None):
    """What `user` answers for, in published national reports: one entry per recommendation
    and addressee, with the response if recorded. Four queries at most."""
    addressees = addressees if addressees is not None else addressees_of(user)
    if not addressees:
        return []
    recommendations = (
        with_publication(
            Recommendation.objects.filter(_addressed_q(addressees)).distinct(), "programme_id"
        )
        .select_related("programme")
        .prefetch_related("bodies", "responses")
    )
    entries = []
    for recommendation in recommendations.order_by("-programme__year", "number"):
        published = published_on(
            recommendation.programme,
            last=recommendation.last_published_on,
            unpublished=recommendation.has_unpublished,
        )
        if published is None:
            continue
        due = due_on(recommendation.programme, published)
        entries.extend(_entries(recommendation, addressees, due))
    return entries


def _entries(recommendation, addressees: Addressees, due) -> list[Awaited]:
    responses = {(r.force_id, r.body_id): r for r in recommendation.responses.all()}
    entries = []
    if recommendation.to_all_forces and addressees.force_id is not None:
        name = addressees.force_name
        response = responses.get((addressees.force_id, None))
        entries.append(Awaited(recommendation, "force", addressees.force_id, name, due, response))
    for body in recommendation.bodies.all():
        if body.pk in addressees.body_ids:
            response = responses.get((None, body.pk))
            entries.append(Awaited(recommendation, "body", body.pk, body.name, due, response))
    return entries
