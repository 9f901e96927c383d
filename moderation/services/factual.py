"""The factual-accuracy check: the force comments on its released draft, the team answers.

Comments and answers are only possible while the area is released to the force; after
publication everything is frozen. Publication itself is refused while comments are open
(see the publish guard in `services.moderation`).
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from inspections.exceptions import WorkflowRefused
from inspections.models import AreaAssessment, AssessmentStatus, CriterionAssessment
from inspections.permissions import is_force_liaison, is_team_member
from inspections.validators import checked_text
from moderation import notifications
from moderation.models import CommentResponse, FactualAccuracyComment


def _released(area_pk: int) -> AreaAssessment:
    area = (
        AreaAssessment.objects.select_for_update(of=("self",))
        .select_related("framework", "inspection__force")
        .get(pk=area_pk)
    )
    if area.status != AssessmentStatus.RELEASED:
        raise WorkflowRefused(
            f"{area.framework.name} is {area.get_status_display().lower()}: comments are "
            "taken only while the draft is with the force for its factual-accuracy check."
        )
    return area


@transaction.atomic
def factual_comment_add(
    *,
    area: AreaAssessment,
    user: AbstractBaseUser,
    comment: str,
    proposed_correction: str,
    criterion_assessment: CriterionAssessment | None = None,
) -> FactualAccuracyComment:
    """The force's liaison comments on a section of its own released draft.

    Invariants: the user speaks for the inspected force; the area is released; the section is
    one of the area's criteria (or, without one, its summary of judgement).
    """
    current = _released(area.pk)
    if not is_force_liaison(user, current.inspection):
        raise WorkflowRefused("Only the force's liaison comments on its draft report.")
    if criterion_assessment is not None and criterion_assessment.area_id != current.pk:
        raise WorkflowRefused("That section belongs to another part of the report.")
    record = FactualAccuracyComment(
        area=current,
        criterion_assessment=criterion_assessment,
        comment=checked_text(comment, "your comment", required=True),
        proposed_correction=checked_text(proposed_correction, "the correction you propose", True),
        author=user,
    )
    record._history_user = user
    record.save()
    notifications.comment_added(record)
    return record


@transaction.atomic
def factual_comment_answer(
    *, comment: FactualAccuracyComment, user: AbstractBaseUser, response: str, text: str
) -> FactualAccuracyComment:
    """A member of the inspection team answers a comment once: accepted with the change made,
    or not accepted and why. Only while the area is released."""
    if response not in CommentResponse.values:
        raise WorkflowRefused("Choose whether the comment is accepted or not.")
    area = _released(comment.area_id)
    if not is_team_member(user, area.inspection):
        raise WorkflowRefused("Only the inspection team answers the force's comments.")
    current = FactualAccuracyComment.objects.select_for_update(of=("self",)).get(pk=comment.pk)
    if not current.is_open:
        raise WorkflowRefused("This comment has already been answered.")
    what = "the change made" if response == CommentResponse.ACCEPTED else "why not"
    current.response = response
    current.response_text = checked_text(text, what, required=True)
    current.responded_by, current.responded_at = user, timezone.now()
    current._history_user = user
    current.save()
    notifications.comment_answered(current)
    return current
