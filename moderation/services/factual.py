"""The factual-accuracy check: the force comments on its released draft, the team answers.

Comments and answers are only possible while the area is released to the force; after
publication everything is frozen. Publication itself is refused while comments are not closed
(see the publish guard in `services.steps`).

A comment names one section: the area's grade, a criterion's summary statement, one evidence
item or one section of the force overview. The team answers "not accepted" (closed at once) or
"accepted with change": the named section, and nothing else, then opens to the team for the
change, which goes through the ordinary edit service (`services.factual_changes`) and is
recorded as a FactualChange (before and after) and on the edited record's history row with the
comment it answers; the comment closes only once a change is saved. Grades never change here: a
comment on the grade is answered by referring the area back to the national panel through the
workflow table.

Lock order, as every evidence writer and correction: the criterion, then the area, then the
comment.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from inspections.exceptions import WorkflowRefused
from inspections.models import AreaAssessment, AssessmentStatus, CriterionAssessment, EvidenceItem
from inspections.permissions import is_force_liaison, is_team_member
from inspections.services.overview import OVERVIEW_FIELDS
from inspections.validators import checked_text
from moderation import notifications
from moderation.models import CommentResponse, CommentSection, FactualAccuracyComment
from moderation.services.transitions import area_transition


def released_area_lock(area_pk: int) -> AreaAssessment:
    area = (
        AreaAssessment.objects.select_for_update(of=("self",))
        .select_related("framework", "inspection__force")
        .get(pk=area_pk)
    )
    if area.status != AssessmentStatus.RELEASED:
        raise WorkflowRefused(
            f"{area.framework.name} is {area.get_status_display().lower()}: comments are "
            "taken and answered only while the draft is with the force for its "
            "factual-accuracy check."
        )
    return area


def _section(
    area: AreaAssessment,
    criterion_assessment: CriterionAssessment | None,
    evidence_item: EvidenceItem | None,
) -> tuple[str, CriterionAssessment | None]:
    if evidence_item is not None:
        criterion_assessment = evidence_item.criterion_assessment
    if criterion_assessment is not None and criterion_assessment.area_id != area.pk:
        raise WorkflowRefused("That section belongs to another part of the report.")
    if evidence_item is not None:
        return CommentSection.EVIDENCE, criterion_assessment
    if criterion_assessment is not None:
        return CommentSection.STATEMENT, criterion_assessment
    return CommentSection.GRADE, None


@transaction.atomic
def factual_comment_add(
    *,
    area: AreaAssessment,
    user: AbstractBaseUser,
    comment: str,
    proposed_correction: str,
    criterion_assessment: CriterionAssessment | None = None,
    evidence_item: EvidenceItem | None = None,
    overview_field: str = "",
) -> FactualAccuracyComment:
    """The force's liaison comments on a section of its own released draft.

    Invariants: the user speaks for the inspected force; the area is released; the section is
    one evidence item or the summary statement of one of the area's criteria, one section of
    the inspection's force overview (`overview_field`) or, without any, the area's grade.
    """
    current = released_area_lock(area.pk)
    if not is_force_liaison(user, current.inspection):
        raise WorkflowRefused("Only the force's liaison comments on its draft report.")
    if overview_field:
        if overview_field not in OVERVIEW_FIELDS or criterion_assessment or evidence_item:
            raise WorkflowRefused("That section was not understood; nothing changed.")
        section = CommentSection.OVERVIEW
    else:
        section, criterion_assessment = _section(current, criterion_assessment, evidence_item)
    record = FactualAccuracyComment(
        area=current,
        criterion_assessment=criterion_assessment,
        evidence_item=evidence_item,
        section=section,
        overview_field=overview_field,
        comment=checked_text(comment, "your comment", required=True),
        proposed_correction=checked_text(proposed_correction, "the correction you propose", True),
        author=user,
    )
    record._history_user = user
    record.save()
    notifications.comment_added(record)
    return record


def team_check(user: AbstractBaseUser, area: AreaAssessment) -> None:
    if is_force_liaison(user, area.inspection) or not is_team_member(user, area.inspection):
        raise WorkflowRefused("Only the inspection team answers the force's comments.")


def comment_lock(comment: FactualAccuracyComment) -> FactualAccuracyComment:
    return (
        FactualAccuracyComment.objects.select_for_update(of=("self",))
        .select_related("area__framework", "criterion_assessment__criterion", "evidence_item")
        .get(pk=comment.pk)
    )


@transaction.atomic
def factual_comment_answer(
    *, comment: FactualAccuracyComment, user: AbstractBaseUser, response: str, text: str
) -> FactualAccuracyComment:
    """A member of the inspection team answers a comment once: accepted with change (which
    opens the comment's section for the change, see `factual_change_save`), or not accepted
    and why (which closes it). Only while the area is released; never a comment on the grade,
    which is answered by `factual_comment_refer`."""
    if response not in (CommentResponse.ACCEPTED, CommentResponse.NOT_ACCEPTED):
        raise WorkflowRefused("Choose whether the comment is accepted or not.")
    area = released_area_lock(comment.area_id)
    team_check(user, area)
    current = comment_lock(comment)
    if not current.is_open:
        raise WorkflowRefused("This comment has already been answered.")
    if current.section == CommentSection.GRADE:
        raise WorkflowRefused(
            "A grade cannot change during the factual-accuracy check: the lead inspector "
            "answers a comment on the grade by referring it back to the national panel."
        )
    what = "the change you will make" if response == CommentResponse.ACCEPTED else "why not"
    current.response = response
    current.response_text = checked_text(text, what, required=True)
    current.responded_by, current.responded_at = user, timezone.now()
    if response == CommentResponse.NOT_ACCEPTED:
        current.closed_by, current.closed_at = user, current.responded_at
    current._history_user = user
    current.save()
    notifications.comment_answered(current)
    return current


@transaction.atomic
def factual_comment_close(
    *, comment: FactualAccuracyComment, user: AbstractBaseUser
) -> FactualAccuracyComment:
    """Close an accepted comment once its change is saved; the force is told.

    Invariants: the area is released; the user is on the team; the comment is accepted, not
    yet closed, and at least one change answering it is saved."""
    area = released_area_lock(comment.area_id)
    team_check(user, area)
    current = comment_lock(comment)
    if not current.awaits_change:
        raise WorkflowRefused("Only a comment accepted with change, and not yet closed, closes.")
    if not current.changes.exists():
        raise WorkflowRefused(
            "Make the change first: a comment accepted with change closes only once the "
            "change is saved."
        )
    current.closed_by, current.closed_at = user, timezone.now()
    current._history_user = user
    current.save()
    notifications.comment_answered(current)
    return current


@transaction.atomic
def factual_comment_refer(
    *, comment: FactualAccuracyComment, user: AbstractBaseUser, reason: str
) -> FactualAccuracyComment:
    """Answer a comment on the grade by referring the area back to the national panel (the
    workflow's `factual_refer_back` step, for the lead inspector only, with its reasons).

    Invariants: only a comment on the grade, unanswered; the step and its event go through
    `area_transition`; the comment is closed as referred, with the reasons as its answer."""
    if comment.section != CommentSection.GRADE:
        raise WorkflowRefused(
            "Only a comment on the grade is referred to the panels; answer this one here."
        )
    if is_force_liaison(user, comment.area.inspection):
        raise WorkflowRefused("Only the inspection team answers the force's comments.")
    reason = checked_text(reason, "why the grade goes back to the panel", required=True)
    area_transition(area=comment.area, user=user, action="factual_refer_back", reason=reason)
    current = comment_lock(comment)
    if not current.is_open:
        raise WorkflowRefused("This comment has already been answered.")
    now = timezone.now()
    current.response, current.response_text = CommentResponse.REFERRED, reason
    current.responded_by = current.closed_by = user
    current.responded_at = current.closed_at = now
    current._history_user = user
    current.save()
    notifications.comment_answered(current)
    return current
