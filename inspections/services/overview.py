"""The force overview and context: the six texts printed before an inspection's findings."""

import hashlib
import json
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from inspections.exceptions import EditConflict, OverviewLocked
from inspections.models import RELEASED_AREAS, AreaAssessment, Inspection, InspectionOpening
from inspections.validators import validate_plain_text

# In the order the report prints them.
OVERVIEW_FIELDS = (
    "overview",
    "geography",
    "demographics",
    "strategic_priorities",
    "performance_overview",
    "developments",
)
OVERVIEW_TEXT_LIMIT = 20_000
# How far back a conflicting save looks for the version its form was opened on.
HISTORY_SEARCH_DEPTH = 50


def overview_texts(record) -> dict[str, str]:
    """The six texts of an inspection or of one of its history rows."""
    return {name: getattr(record, name) for name in OVERVIEW_FIELDS}


def overview_fingerprint(record) -> str:
    """A digest of the six texts. A form carries it so a save can tell whether anyone
    changed the overview since the form was opened; other changes to the inspection (its
    status, dates or team) do not count as a conflict."""
    texts = json.dumps([getattr(record, name) for name in OVERVIEW_FIELDS])
    return hashlib.sha256(texts.encode()).hexdigest()


def overview_version_of(*, inspection: Inspection, fingerprint: str) -> dict[str, str] | None:
    """The texts as they were when `fingerprint` was taken, found in the inspection's recent
    history; None when no recent history row matches."""
    for record in inspection.history.all()[:HISTORY_SEARCH_DEPTH]:
        if overview_fingerprint(record) == fingerprint:
            return overview_texts(record)
    return None


@dataclass
class OverviewMerge:
    """What a refused save should offer next.

    `texts` go back into the form: the user's own text wherever they changed a section,
    the newer saved text where only the other person did. `conflicting` names the sections
    both changed differently; `taken` those filled from the newer save.
    """

    texts: dict[str, str]
    conflicting: list[str] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)


def overview_merge(
    *, original: dict[str, str] | None, theirs: dict[str, str], mine: dict[str, str]
) -> OverviewMerge:
    """Combine a refused save with the newer one so that neither loses text.

    Without the original (history too old or missing) every difference counts as a
    conflict and the user's text is kept, so nothing is replaced without being shown.
    """
    merge = OverviewMerge(texts=dict(mine))
    for name in OVERVIEW_FIELDS:
        if mine[name] == theirs[name]:
            continue
        if original is None:
            merge.conflicting.append(name)
        elif mine[name] == original[name]:
            merge.texts[name] = theirs[name]
            merge.taken.append(name)
        elif theirs[name] != original[name]:
            merge.conflicting.append(name)
    return merge


def _check(fields: dict[str, str]) -> None:
    unknown = set(fields) - set(OVERVIEW_FIELDS)
    if unknown:
        raise TypeError(f"Not overview fields: {', '.join(sorted(unknown))}")
    for value in fields.values():
        validate_plain_text(value)
        if len(value) > OVERVIEW_TEXT_LIMIT:
            raise ValidationError(
                f"An overview section may be at most {OVERVIEW_TEXT_LIMIT:,} characters."
            )


def overview_is_locked(inspection: Inspection) -> bool:
    """Whether an area of the inspection is released to the force or published: the overview
    is printed in that report, so the team no longer edits it freely."""
    return AreaAssessment.objects.filter(inspection=inspection, status__in=RELEASED_AREAS).exists()


@transaction.atomic
def inspection_overview_update(
    *,
    inspection: Inspection,
    user: AbstractBaseUser,
    fingerprint: str | None = None,
    factual_check: bool = False,
    change_reason: str = "",
    **fields: str,
) -> list[str]:
    """Save any of the six overview texts and return the names of those that changed.

    Only the given fields are written, so a concurrent change to, say, the status survives.
    When `fingerprint` is given and the saved texts no longer match it, nothing is written
    and EditConflict carries the inspection as now saved. Once part of the report is with the
    force or published, OverviewLocked refuses the save, unless it answers an accepted
    factual-accuracy comment (`factual_check`, from moderation.services.factual_changes, which
    checks the comment; `change_reason` then names it on the history row). The history row
    names `user`; when nothing changed, no row is written. Any save clears the mark of an
    overview carried from the previous inspection.
    """
    _check(fields)
    # The row lock makes the fingerprint check and the write one step for concurrent savers,
    # and holds off a release between the check below and the write.
    current = Inspection.objects.select_for_update(of=("self",)).get(pk=inspection.pk)
    if not factual_check and overview_is_locked(current):
        raise OverviewLocked()
    if fingerprint is not None and fingerprint != overview_fingerprint(current):
        raise EditConflict(current)
    changed = [name for name, value in fields.items() if getattr(current, name) != value]
    if changed:
        for name in changed:
            setattr(current, name, fields[name])
            setattr(inspection, name, fields[name])
        current._history_user = user
        if change_reason:
            current._change_reason = change_reason
        current.save(update_fields=changed)
    _overview_reviewed(inspection=current, user=user)
    return changed


def _overview_reviewed(*, inspection: Inspection, user: AbstractBaseUser) -> None:
    """Saving an overview carried from the previous inspection is the team's review of it."""
    opening = InspectionOpening.objects.filter(
        inspection=inspection, overview_needs_review=True
    ).first()
    if opening is not None:
        opening.overview_needs_review = False
        opening._history_user, opening._change_reason = user, "Force overview reviewed"
        opening.save(update_fields=["overview_needs_review"])
