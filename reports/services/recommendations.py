"""The numbered recommendations of a programme's national report, edited by lead inspectors.

Every change goes through here: each row written records who wrote it (updated_by and the
history row's user), numbers stay unique within the programme, and a save from a page opened
before someone else's save is refused (EditConflict) rather than overwriting it.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F, Max

from inspections.exceptions import EditConflict
from inspections.models import Programme, Recommendation
from reports.models import ReportText, ReportTextKey

# Numbers printed in the report; PositiveSmallIntegerField holds far more, but a report with
# hundreds of recommendations is a typing mistake.
MAX_NUMBER = 999


class RecommendationRefused(Exception):
    """The change cannot be made as asked (duplicate number, empty text, ...); nothing was
    saved. The message is written for the person who asked."""


def recommendation_version(recommendation: Recommendation | None) -> str:
    """What a form carries to tell whether the row changed since it was opened."""
    if recommendation is None:
        return ""
    return recommendation.updated_at.isoformat()


def recommendation_next_number(*, programme: Programme) -> int:
    highest = programme.recommendations.aggregate(highest=Max("number"))["highest"]
    return (highest or 0) + 1


def _check(programme: Programme, number: int, text: str, exclude_pk: int | None = None) -> None:
    if not text.strip():
        raise RecommendationRefused("Write the recommendation's text; it cannot be empty.")
    if not 1 <= number <= MAX_NUMBER:
        raise RecommendationRefused(f"Give a number from 1 to {MAX_NUMBER}.")
    taken = programme.recommendations.filter(number=number).exclude(pk=exclude_pk)
    if taken.exists():
        raise RecommendationRefused(
            f"Recommendation {number} already exists in the {programme.year} programme. "
            "Choose another number, or move the recommendations with the arrows on the list."
        )


def _save(recommendation: Recommendation, user: AbstractBaseUser) -> None:
    recommendation.updated_by = user
    recommendation._history_user = user
    try:
        # A savepoint, so a number taken by a save that raced ours leaves the transaction
        # usable and the refusal reads like any other.
        with transaction.atomic():
            recommendation.save()
    except IntegrityError as exc:
        raise RecommendationRefused(
            f"Recommendation {recommendation.number} was saved by someone else a moment ago. "
            "Choose another number."
        ) from exc


@transaction.atomic
def recommendation_create(
    *,
    programme: Programme,
    user: AbstractBaseUser,
    text: str,
    addressed_to: str = "",
    number: int | None = None,
    to_all_forces: bool = False,
    bodies=(),
) -> Recommendation:
    """Add a recommendation, numbered after the last one unless a free number is given.

    Invariants: the number is unique within the programme and the text is not empty;
    otherwise RecommendationRefused and nothing is saved.
    """
    if number is None:
        number = recommendation_next_number(programme=programme)
    _check(programme, number, text)
    recommendation = Recommendation(
        programme=programme,
        number=number,
        text=text.strip(),
        addressed_to=addressed_to.strip(),
        to_all_forces=to_all_forces,
    )
    _save(recommendation, user)
    recommendation.bodies.set(bodies)
    return recommendation


def _locked(recommendation: Recommendation, version: str) -> Recommendation:
    current = (
        Recommendation.objects.select_for_update(of=("self",)).filter(pk=recommendation.pk).first()
    )
    if current is None:
        raise RecommendationRefused(
            f"Recommendation {recommendation.number} was deleted by someone else."
        )
    if recommendation_version(current) != version:
        raise EditConflict(current)
    return current


@transaction.atomic
def recommendation_update(
    *,
    recommendation: Recommendation,
    user: AbstractBaseUser,
    version: str,
    number: int,
    text: str,
    addressed_to: str = "",
    to_all_forces: bool = False,
    bodies=(),
) -> Recommendation:
    """Change a recommendation's number, text or addressees (the words printed, whether
    every force responds, and which national bodies do).

    Invariants: the row is locked and re-read; if it changed since `version` was taken the
    save is refused with EditConflict (carrying the saved row); the number stays unique.
    """
    current = _locked(recommendation, version)
    _check(current.programme, number, text, exclude_pk=current.pk)
    current.number, current.text = number, text.strip()
    current.addressed_to = addressed_to.strip()
    current.to_all_forces = to_all_forces
    _save(current, user)
    current.bodies.set(bodies)
    return current


@transaction.atomic
def recommendation_delete(
    *, recommendation: Recommendation, user: AbstractBaseUser, version: str
) -> None:
    """Delete a recommendation; its history keeps the deletion and who made it.

    Invariants: refused with EditConflict when it changed since the confirmation page was
    opened, so nobody deletes text they have not seen. Other numbers are left as they are.
    """
    current = _locked(recommendation, version)
    current._history_user = user
    current.delete()


def _apply_numbers(programme: Programme, user: AbstractBaseUser, numbers: dict[int, int]) -> int:
    """Give each recommendation (by pk) its new number, in two steps so that no step ever
    holds two rows with one number: moved rows first go above every number in use (a plain
    update, no history), then take their final numbers (saved, with history)."""
    rows = list(
        Recommendation.objects.select_for_update(of=("self",))
        .filter(programme=programme)
        .order_by("number")
    )
    moved = [row for row in rows if numbers.get(row.pk, row.number) != row.number]
    if not moved:
        return 0
    # Every number above the highest in use is free, and adding the same offset keeps the
    # moved rows distinct from one another.
    offset = max(row.number for row in rows)
    Recommendation.objects.filter(pk__in=[row.pk for row in moved]).update(
        number=F("number") + offset
    )
    for row in moved:
        row.number = numbers[row.pk]
        _save(row, user)
    return len(moved)


@transaction.atomic
def recommendation_move(
    *, recommendation: Recommendation, user: AbstractBaseUser, version: str, step: int
) -> Recommendation:
    """Swap a recommendation with its neighbour above (step -1) or below (step +1).

    Invariants: refused with EditConflict when it changed since the list was opened, and
    with RecommendationRefused when there is no neighbour that way; the two swap numbers.
    """
    current = _locked(recommendation, version)
    siblings = list(current.programme.recommendations.order_by("number"))
    index = [row.pk for row in siblings].index(current.pk) + step
    if step not in (-1, 1) or not 0 <= index < len(siblings):
        where = "first" if step < 0 else "last"
        raise RecommendationRefused(f"Recommendation {current.number} is already the {where}.")
    other = siblings[index]
    _apply_numbers(current.programme, user, {current.pk: other.number, other.pk: current.number})
    current.refresh_from_db()
    return current


@transaction.atomic
def recommendations_renumber(*, programme: Programme, user: AbstractBaseUser) -> int:
    """Number the programme's recommendations 1, 2, 3 ... in their present order, closing
    the gaps a deletion leaves. Returns how many changed; rows already right are untouched."""
    rows = programme.recommendations.order_by("number").values_list("pk", flat=True)
    return _apply_numbers(programme, user, {pk: index for index, pk in enumerate(rows, 1)})


def national_summary_get(*, programme: Programme) -> ReportText | None:
    """The programme's own national summary, if it has one (not the default)."""
    return ReportText.objects.filter(
        key=ReportTextKey.NATIONAL_SUMMARY, programme=programme
    ).first()


def national_summary_version(text: ReportText | None) -> str:
    return text.updated_at.isoformat() if text is not None else ""


@transaction.atomic
def national_summary_save(
    *, programme: Programme, user: AbstractBaseUser, version: str, title: str, body: str
) -> ReportText:
    """Write the programme's national summary, creating its row on the first save.

    Invariants: the body is not empty; a save from a page opened before someone else's save
    (or before the row was created) is refused with EditConflict; the history row records
    the user. The default text (the row without a programme) is never changed here.
    """
    if not body.strip():
        raise RecommendationRefused("Write the summary; it cannot be empty.")
    current = (
        ReportText.objects.select_for_update(of=("self",))
        .filter(key=ReportTextKey.NATIONAL_SUMMARY, programme=programme)
        .first()
    )
    if national_summary_version(current) != version:
        raise EditConflict(current)
    if current is None:
        current = ReportText(key=ReportTextKey.NATIONAL_SUMMARY, programme=programme)
    current.title = title.strip() or "Summary"
    current.body = body.strip()
    current._history_user = user
    try:
        with transaction.atomic():
            current.save()
    except IntegrityError as exc:
        # Two first saves at once: the other one created the row.
        raise RecommendationRefused(
            "Someone else saved the summary a moment ago. Open it again to see their text."
        ) from exc
    return current
