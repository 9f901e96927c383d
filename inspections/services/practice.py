"""Developing practice: forces submit examples, the inspection team selects which to publish.

Reads come first: who may submit, edit, read or review an entry. Anything a user may not see
raises Http404, never 403, so a stranger cannot learn that an entry exists. Writes follow:
each records the acting user on the history row.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from forces.models import Force, ForceLiaison
from grading.models import Framework
from inspections.exceptions import EditConflict
from inspections.models import DevelopingPractice, Inspection
from inspections.permissions import visible_inspection_ids
from inspections.services.versions import fingerprint

# The fields a force writes; everything else is set by the product.
PRACTICE_TEXT_FIELDS = (
    "title",
    "problem",
    "solution",
    "evaluation",
    "external_validation",
    "outcomes",
    "contact",
)


class PracticeSelected(Exception):
    """The entry is selected for publication, so the force can no longer change it."""

    def __init__(self, practice: DevelopingPractice):
        self.practice = practice
        super().__init__(
            f"“{practice.title}” has been selected for publication, so it can no longer be "
            "changed. Ask the inspection team if something in it needs correcting."
        )


# Reads


def liaison_force(*, user: AbstractBaseUser) -> Force | None:
    """The force the user speaks for, or None if they are not an active force liaison."""
    if not (user.is_authenticated and user.is_active):
        return None
    if not user.has_perm("inspections.add_developingpractice"):
        return None
    link = ForceLiaison.objects.filter(user=user).select_related("force").first()
    return link.force if link else None


def liaison_inspections(*, force: Force) -> QuerySet[Inspection]:
    """The force's inspections, most recent programme first (the default choice)."""
    return (
        Inspection.objects.filter(force=force)
        .select_related("programme", "force")
        .order_by("-programme__year")
    )


def _with_relations(queryset: QuerySet[DevelopingPractice]) -> QuerySet[DevelopingPractice]:
    return queryset.select_related(
        "framework", "submitted_by", "inspection__force", "inspection__programme"
    )


def practices_for_force(*, force: Force) -> QuerySet[DevelopingPractice]:
    return _with_relations(DevelopingPractice.objects.filter(inspection__force=force)).order_by(
        "-inspection__programme__year", "framework__name", "title"
    )


def practice_get_for_liaison(*, force: Force, pk: int) -> DevelopingPractice:
    """An entry of the liaison's own force; another force's entry is a 404."""
    return get_object_or_404(practices_for_force(force=force), pk=pk)


def practice_get_for_reader(*, user: AbstractBaseUser, pk: int) -> DevelopingPractice:
    """Published entries are for everyone signed in; unpublished ones only for those who may
    see the inspection, and for the liaison of the force that wrote them."""
    readable = Q(selected_for_publication=True) | Q(inspection__in=visible_inspection_ids(user))
    force = liaison_force(user=user)
    if force is not None:
        readable |= Q(inspection__force=force)
    queryset = _with_relations(DevelopingPractice.objects.filter(readable))
    return get_object_or_404(queryset, pk=pk)


def practice_get_in_visible_inspection(*, user: AbstractBaseUser, pk: int) -> DevelopingPractice:
    """An entry of an inspection the user may see, published or not: what a review needs."""
    queryset = _with_relations(
        DevelopingPractice.objects.filter(inspection__in=visible_inspection_ids(user))
    )
    return get_object_or_404(queryset, pk=pk)


def inspection_is_visible(*, user: AbstractBaseUser, inspection_id: int) -> bool:
    return Inspection.objects.filter(pk=inspection_id, pk__in=visible_inspection_ids(user)).exists()


def practices_published() -> QuerySet[DevelopingPractice]:
    """The library: every selected entry, demo forces included."""
    return _with_relations(DevelopingPractice.objects.filter(selected_for_publication=True))


def practices_for_review(*, inspection: Inspection) -> QuerySet[DevelopingPractice]:
    return (
        DevelopingPractice.objects.filter(inspection=inspection)
        .select_related("framework", "submitted_by")
        .order_by("framework__name", "title")
    )


def practice_version(practice: DevelopingPractice) -> str:
    """What the edit form carries: a digest of the area and the force's texts, so the team's
    selection toggle does not count as a change to the force's words."""
    texts = (getattr(practice, name) for name in PRACTICE_TEXT_FIELDS)
    return fingerprint(practice.framework_id, *texts)


# Writes


def _check_area(inspection: Inspection, framework: Framework) -> None:
    if not inspection.programme.frameworks.filter(pk=framework.pk).exists():
        raise ValidationError(
            {"framework": f"{framework.name} is not an area of the {inspection.programme}."}
        )


@transaction.atomic
def developing_practice_submit(
    *,
    inspection: Inspection,
    user: AbstractBaseUser,
    framework: Framework,
    title: str,
    problem: str,
    solution: str,
    contact: str,
    evaluation: str = "",
    external_validation: str = "",
    outcomes: str = "",
) -> DevelopingPractice:
    """Record a force's new example against one area of the inspection's programme.

    Invariants: the area belongs to the inspection's programme; a new entry is never
    selected for publication; nothing is saved unless every field is valid.
    """
    _check_area(inspection, framework)
    practice = DevelopingPractice(
        inspection=inspection,
        framework=framework,
        title=title,
        problem=problem,
        solution=solution,
        evaluation=evaluation,
        external_validation=external_validation,
        outcomes=outcomes,
        contact=contact,
        submitted_by=user,
        selected_for_publication=False,
    )
    practice.full_clean()
    practice._history_user = user
    practice.save()
    return practice


@transaction.atomic
def developing_practice_update(
    *,
    practice: DevelopingPractice,
    user: AbstractBaseUser,
    framework: Framework,
    version: str | None = None,
    **texts: str,
) -> DevelopingPractice:
    """Change the force's text of an entry that is not yet selected for publication.

    Invariants: the row is locked and re-read, so a selection made while the liaison was
    typing wins (PracticeSelected); when `version` (practice_version as the form was opened)
    no longer matches, someone else saved meanwhile and EditConflict carries the entry as now
    saved, with nothing written; the area stays within the inspection's programme.
    """
    unknown = set(texts) - set(PRACTICE_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown developing practice fields: {', '.join(sorted(unknown))}")
    current = DevelopingPractice.objects.select_for_update(of=("self",)).get(pk=practice.pk)
    if current.selected_for_publication:
        raise PracticeSelected(current)
    if version is not None and version != practice_version(current):
        raise EditConflict(current)
    _check_area(practice.inspection, framework)
    current.framework = framework
    for name, value in texts.items():
        setattr(current, name, value)
    current.full_clean()
    current._history_user = user
    current.save()
    return current


@transaction.atomic
def developing_practice_select(
    *, practice: DevelopingPractice, user: AbstractBaseUser, selected: bool
) -> DevelopingPractice:
    """Mark or unmark an entry as selected for publication.

    Invariants: the row is locked while it changes; setting the state it already has writes
    nothing, so the history shows only real decisions.
    """
    current = DevelopingPractice.objects.select_for_update(of=("self",)).get(pk=practice.pk)
    if current.selected_for_publication != selected:
        current.selected_for_publication = selected
        current._history_user = user
        current.save(update_fields=["selected_for_publication", "updated_at"])
    return current
