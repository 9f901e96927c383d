"""The guard and the effect of each workflow step, named by its row in `moderation.workflow`.

A guard returns the problems that stand in the way (empty when the step may go ahead); an
effect makes the changes the step brings beyond the status itself. Both take keyword
arguments only and run inside `area_transition`'s transaction, after it has locked the
inspection and the area and checked the state and the actor; neither saves the area.
Guards only read, so the area page asks them too (`selectors.lead_steps_for_area`) to offer
the steps that can go ahead and say what holds up the others; what a guard must read under
lock is locked first by the row's `lock`.

`moderation.workflow` imports this module to build its table, so nothing here may import
`workflow`, nor a module that does (`notifications`, the other services).
"""

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils import timezone

from inspections.models import AreaAssessment, CriterionAssessment
from moderation.models import (
    AgendaItem,
    CommentSection,
    DecisionState,
    FactualAccuracyComment,
    ModerationPanel,
    PanelDecision,
    PanelKind,
    PanelSession,
)
from moderation.sufficiency import Gap, area_gaps, area_guidance

# Locks.


def lock_criteria(*, area: AreaAssessment) -> None:
    # Locking every criterion row waits for evidence writers in flight and keeps new ones out
    # until the status has changed.
    list(
        CriterionAssessment.objects.select_for_update(of=("self",))
        .filter(area=area)
        .values_list("pk")
    )


# Guards.


def needs_nothing_missing(*, area: AreaAssessment, decision: PanelDecision | None) -> list:
    return area_gaps(area=area, guidance=area_guidance(area))


def needs_confirmed_decision(*, area: AreaAssessment, decision: PanelDecision | None) -> list:
    if decision is None or decision.state != DecisionState.CONFIRMED:
        return ["A panel decision confirmed by the chair is needed."]
    return []


def needs_final_grade(*, area: AreaAssessment, decision: PanelDecision | None) -> list:
    return [] if area.final_grade_id else ["The national panel has not concluded a grade."]


def needs_comments_answered(*, area: AreaAssessment, decision: PanelDecision | None) -> list:
    """One problem per comment of the force still unanswered, linking to it on the draft."""
    draft = reverse("moderation:draft_report", args=[area.inspection_id])
    comments = (
        FactualAccuracyComment.objects.filter(area=area)
        .not_closed()
        .select_related("area__framework", "criterion_assessment__criterion", "evidence_item")
    )
    return [
        Gap(
            comment.section_name,
            "The force’s comment still needs an answer."
            if comment.is_open
            else "The change accepted still needs to be made and the comment closed.",
            f"{draft}#comment-{comment.pk}",
        )
        for comment in comments
    ]


def needs_open_grade_comment(*, area: AreaAssessment, decision: PanelDecision | None) -> list:
    """Only a force's comment on the grade takes a released area back to the panels."""
    comments = FactualAccuracyComment.objects.filter(area=area, section=CommentSection.GRADE)
    if not comments.unanswered().exists():
        return ["Only an unanswered comment of the force on the grade refers it back."]
    return []


# Effects.


def _place_on_agenda(area: AreaAssessment, kind: str, user: AbstractBaseUser) -> None:
    """Put the area on the latest open session of the panel whose business it now is. The
    session's row is locked, so a chair closing it meanwhile either waits for the item or
    closes first, and then the area waits for the next session."""
    panel = ModerationPanel.objects.covering(area, kind).first()
    open_sessions = PanelSession.objects.select_for_update(of=("self",)).filter(
        panel=panel, is_open=True
    )
    session = open_sessions.first() if panel else None
    if session is not None:
        AgendaItem.objects.get_or_create(
            session=session,
            area=area,
            defaults={"added_by": user, "order": session.items.count() + 1},
        )


def place_on_regional_agenda(
    *, area: AreaAssessment, decision: PanelDecision | None, user: AbstractBaseUser
) -> None:
    _place_on_agenda(area, PanelKind.REGIONAL, user)


def place_on_national_agenda(
    *, area: AreaAssessment, decision: PanelDecision | None, user: AbstractBaseUser
) -> None:
    _place_on_agenda(area, PanelKind.NATIONAL, user)


def set_final_grade(
    *, area: AreaAssessment, decision: PanelDecision, user: AbstractBaseUser
) -> None:
    area.final_grade = decision.grade


def void_earlier_decisions(
    *, area: AreaAssessment, decision: PanelDecision, user: AbstractBaseUser
) -> None:
    """A referral reopens the assessment: every earlier approval of it no longer stands."""
    earlier = PanelDecision.objects.filter(area=area).exclude(pk=decision.pk)
    earlier = earlier.exclude(state__in=[DecisionState.VOID, DecisionState.DECLINED])
    earlier.update(state=DecisionState.VOID, voided_at=timezone.now())
    area.final_grade = None


def reopen_for_national_panel(
    *, area: AreaAssessment, decision: PanelDecision | None, user: AbstractBaseUser
) -> None:
    """The grade goes back before the national panel: its decisions on the area no longer
    stand, the final grade is cleared and the area is on the panel's open session again."""
    national = PanelDecision.objects.filter(area=area, stage=PanelKind.NATIONAL)
    national = national.exclude(state__in=[DecisionState.VOID, DecisionState.DECLINED])
    national.update(state=DecisionState.VOID, voided_at=timezone.now())
    area.final_grade = None
    _place_on_agenda(area, PanelKind.NATIONAL, user)


def no_further_effect(
    *, area: AreaAssessment, decision: PanelDecision | None, user: AbstractBaseUser
) -> None:
    """The status change (with its event and e-mail) is the whole of the step."""
