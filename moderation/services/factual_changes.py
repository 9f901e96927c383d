"""The change an accepted factual-accuracy comment calls for, made in exactly the section it
names (an evidence item, a criterion's summary statement or a force overview section) through
the ordinary edit services.

The edit services refuse any write once an area has left drafting (the overview's once part
of the report is with the force); `factual_check` lets this one through while the area is
released, after the checks here (see `factual_change_save`).
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from inspections.exceptions import AssessmentLocked, EditConflict, WorkflowRefused
from inspections.models import CriterionAssessment, EvidenceItem, Inspection
from inspections.overview_sections import SECTION_NAMES
from inspections.services.evidence import evidence_item_update
from inspections.services.overview import inspection_overview_update
from inspections.services.statements import criterion_statement_save
from inspections.validators import LEAD_LIMIT, checked_text
from moderation.models import CommentSection, FactualAccuracyComment, FactualChange
from moderation.services.factual import comment_lock, released_area_lock, team_check

NOTHING_SAVED = " Nothing was saved."


def _open_for_change(comment: FactualAccuracyComment, user: AbstractBaseUser):
    """Lock the comment's criterion, its area and the comment, and check that the comment
    opens its section to `user` now; returns the locked comment."""
    if comment.section == CommentSection.GRADE:
        raise WorkflowRefused("A grade never changes during the factual-accuracy check.")
    if comment.criterion_assessment_id is not None:
        CriterionAssessment.objects.select_for_update(of=("self",)).get(
            pk=comment.criterion_assessment_id
        )
    area = released_area_lock(comment.area_id)
    team_check(user, area)
    current = comment_lock(comment)
    if not current.awaits_change:
        raise WorkflowRefused(
            "Only a comment accepted with change, and not yet closed, opens its section for "
            "a change."
        )
    return current


def _record_changes(comment, user, changes: list[tuple[str, str, str]]) -> list[FactualChange]:
    return [
        FactualChange.objects.create(
            comment=comment, field=field, before=before, after=after, made_by=user
        )
        for field, before, after in changes
        if before != after
    ]


def _reason(comment: FactualAccuracyComment) -> str:
    # History keeps at most 100 characters of a reason: the comment's number says the rest.
    return f"Answers factual-accuracy comment {comment.pk}"


def _conflict(exc: Exception) -> WorkflowRefused:
    if isinstance(exc, EditConflict):
        return WorkflowRefused(
            "Someone else saved this section since you opened the page: read it again, then "
            "make the change." + NOTHING_SAVED
        )
    if isinstance(exc, ValidationError):
        return WorkflowRefused(" ".join(exc.messages) + NOTHING_SAVED)
    return WorkflowRefused(str(exc) + NOTHING_SAVED)


@transaction.atomic
def factual_change_save(
    *,
    comment: FactualAccuracyComment,
    user: AbstractBaseUser,
    version: int,
    text: str,
    lead: str = "",
    fingerprint: str = "",
) -> list[FactualChange]:
    """Make the change an accepted comment calls for, in exactly the section it names.

    Invariants: the area is released (not published); the comment is accepted and not closed;
    the user is on the inspection team and is not the force's liaison; the write goes through
    the ordinary edit service (evidence item, statement or overview), with its version check
    (the overview's `fingerprint`), and its history row names the comment; each field changed
    is recorded as a FactualChange with the text before and after. Nothing is written on any
    refusal, nor when nothing changed.
    """
    current = _open_for_change(comment, user)
    text = checked_text(text, "the corrected text", required=True)
    try:
        if current.section == CommentSection.EVIDENCE:
            return _change_item(current, user, version, text, lead)
        if current.section == CommentSection.OVERVIEW:
            return _change_overview(current, user, fingerprint, text)
        return _change_statement(current, user, version, text)
    except (EditConflict, AssessmentLocked, ValidationError) as exc:
        raise _conflict(exc) from exc


def _change_item(comment, user, version: int, text: str, lead: str) -> list[FactualChange]:
    if comment.evidence_item_id is None:
        raise WorkflowRefused("The evidence item this comment named no longer exists.")
    lead = checked_text(lead, "the lead phrase", required=False)
    if len(lead) > LEAD_LIMIT:
        raise WorkflowRefused(f"Keep the lead phrase under {LEAD_LIMIT} characters.")
    item = EvidenceItem.objects.get(pk=comment.evidence_item_id)
    changes = [("Evidence item text", item.text, text), ("Lead phrase", item.lead, lead)]
    if all(before == after for _, before, after in changes):
        raise WorkflowRefused("The text is the same as the text now: nothing to save.")
    evidence_item_update(
        item=item,
        user=user,
        version=version,
        text=text,
        lead=lead,
        source=item.source,
        factual_check=True,
        change_reason=_reason(comment),
    )
    return _record_changes(comment, user, changes)


def _change_statement(comment, user, version: int, text: str) -> list[FactualChange]:
    assessment = CriterionAssessment.objects.select_related("criterion").get(
        pk=comment.criterion_assessment_id
    )
    if assessment.statement == text:
        raise WorkflowRefused("The text is the same as the text now: nothing to save.")
    before = assessment.statement
    criterion_statement_save(
        assessment=assessment,
        user=user,
        version=version,
        chosen_levels=assessment.chosen_levels,
        override=text,
        factual_check=True,
        change_reason=_reason(comment),
    )
    return _record_changes(comment, user, [("Summary statement", before, text)])


def _change_overview(comment, user, fingerprint: str, text: str) -> list[FactualChange]:
    if not fingerprint:
        raise WorkflowRefused("Reload the page and make the change again." + NOTHING_SAVED)
    inspection = Inspection.objects.get(pk=comment.area.inspection_id)
    name = comment.overview_field
    before = getattr(inspection, name)
    if before == text:
        raise WorkflowRefused("The text is the same as the text now: nothing to save.")
    inspection_overview_update(
        inspection=inspection,
        user=user,
        fingerprint=fingerprint,
        factual_check=True,
        change_reason=_reason(comment),
        **{name: text},
    )
    return _record_changes(comment, user, [(f"Overview: {SECTION_NAMES[name]}", before, text)])
