"""Recording an addressee's response to a national recommendation.

One function writes responses, for the pages and for administrators alike: it checks that
the recommendation is addressed to that force or body, that its national report is published
(nothing is asked of anyone before), and that the user answers for the addressee (the force's
liaison; a body's named responders) or is an administrator correcting it, who must give a
reason. Each save records who wrote it and why in the response's history.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from forces.models import Force
from inspections import roles
from inspections.exceptions import EditConflict
from inspections.models import (
    AddresseeBody,
    Recommendation,
    RecommendationResponse,
    ResponseStatus,
)
from inspections.selectors.recommendations import addressees_of, published_on
from inspections.validators import validate_plain_text

ACCOUNT_LIMIT = 5_000


class ResponseRefused(Exception):
    """The response cannot be recorded as asked; nothing was saved. The message is written
    for the person who asked."""


def response_version(response: RecommendationResponse | None) -> str:
    return response.updated_at.isoformat() if response is not None else ""


def answers_for(user: AbstractBaseUser, *, force: Force | None, body: AddresseeBody | None):
    """True when `user` answers for the addressee (not counting administrators)."""
    addressees = addressees_of(user)
    if force is not None:
        return addressees.force_id == force.pk
    return body is not None and body.pk in addressees.body_ids


def _check_addressed(recommendation: Recommendation, force, body) -> None:
    if (force is None) == (body is None):
        raise ResponseRefused("A response is from one force or one body.")
    if force is not None and not (recommendation.to_all_forces and not force.is_fictional):
        raise ResponseRefused(
            f"Recommendation {recommendation.number} is not addressed to {force.name}."
        )
    if body is not None and not recommendation.bodies.filter(pk=body.pk).exists():
        raise ResponseRefused(
            f"Recommendation {recommendation.number} is not addressed to {body.name}."
        )


def _check_content(status: str, account: str) -> str:
    if status not in ResponseStatus.values:
        raise ResponseRefused("Choose the response's status.")
    account = account.replace("\r\n", "\n").strip()
    if not account:
        raise ResponseRefused("Write the account of the response; it cannot be empty.")
    if len(account) > ACCOUNT_LIMIT:
        raise ResponseRefused(f"Keep the account to {ACCOUNT_LIMIT:,} characters.")
    try:
        validate_plain_text(account)
    except ValidationError as exc:
        raise ResponseRefused(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
    return account


def _reason(user, *, force, body, reason: str, created: bool) -> str:
    reason = reason.strip()
    if answers_for(user, force=force, body=body):
        return reason or ("Response recorded" if created else "Response updated")
    if roles.has_role(user, roles.ADMINISTRATOR):
        if not reason:
            raise ResponseRefused(
                "Say why you are recording this response on the addressee's behalf."
            )
        return f"Recorded by an administrator: {reason}"
    raise ResponseRefused("Only the addressee's responders record its response.")


@transaction.atomic
def response_record(
    *,
    recommendation: Recommendation,
    user: AbstractBaseUser,
    status: str,
    account: str,
    version: str,
    force: Force | None = None,
    body: AddresseeBody | None = None,
    reason: str = "",
) -> RecommendationResponse:
    """Record or change one addressee's response to a recommendation.

    Invariants: the recommendation is addressed to exactly that force or body and its
    national report is published; the user is the force's liaison or one of the body's
    responders, or an administrator giving a reason; the account is plain text and not
    empty; a save from a page opened before another save of the same response is refused
    with EditConflict. The history row names the user and the reason.
    """
    recommendation = (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=recommendation.pk)
    )
    _check_addressed(recommendation, force, body)
    if published_on(recommendation.programme) is None:
        raise ResponseRefused(
            "Responses are recorded once the national report is published; it is still a draft."
        )
    account = _check_content(status, account)
    current = recommendation.responses.filter(force=force, body=body).first()
    if response_version(current) != version:
        raise EditConflict(current)
    change_reason = _reason(user, force=force, body=body, reason=reason, created=current is None)
    response = current or RecommendationResponse(
        recommendation=recommendation, force=force, body=body
    )
    response.status, response.account, response.responded_by = status, account, user
    response._history_user = user
    response._change_reason = change_reason
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as exc:
        raise ResponseRefused(
            "Someone else recorded this response a moment ago. Open it again to see theirs."
        ) from exc
    return response
