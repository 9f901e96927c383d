"""The draft report the force checks for factual accuracy, its comments and the answers.

The page shows only areas released to the force (or published), as the report will print
them: grade, statements and evidence. It never shows rationales, panel decisions or dissents.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from forces.models import ForceLiaison
from inspections.exceptions import WorkflowRefused
from inspections.models import AreaAssessment, AssessmentStatus, CriterionAssessment
from inspections.permissions import is_team_member, visible_area_ids
from inspections.selectors.inspections import inspection_get_for_user
from moderation.forms import FactualAnswerForm, FactualCommentForm
from moderation.models import FactualAccuracyComment
from moderation.selectors import draft_report_sections
from moderation.services.factual import factual_comment_add, factual_comment_answer
from moderation.views.areas import attempt, form_data

NOT_SAVED = " Nothing was saved."


@login_required
def draft_report(request, pk):
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    is_liaison = ForceLiaison.objects.filter(
        user_id=request.user.pk, force_id=inspection.force_id
    ).exists()
    context = {
        "inspection": inspection,
        "sections": draft_report_sections(user=request.user, inspection=inspection),
        "may_comment": is_liaison,
        "may_answer": is_team_member(request.user, inspection),
        "released": AssessmentStatus.RELEASED,
        "comment_form": FactualCommentForm(),
        "answer_form": FactualAnswerForm(),
    }
    return render(request, "moderation/draft_report.html", context)


def _section(area, value: str):
    if not value:
        return None
    if not value.isdigit():
        raise WorkflowRefused("That section was not understood; nothing changed.")
    return get_object_or_404(CriterionAssessment, pk=int(value), area=area)


@login_required
@require_POST
def comment_add(request, pk):
    area = get_object_or_404(
        AreaAssessment.objects.select_related("inspection"),
        pk=pk,
        pk__in=visible_area_ids(request.user),
    )
    form = FactualCommentForm(request.POST)

    def add():
        data = form_data(form, suffix=NOT_SAVED)
        factual_comment_add(
            area=area,
            user=request.user,
            comment=data["comment"],
            proposed_correction=data["proposed_correction"],
            criterion_assessment=_section(area, data["section"]),
        )

    attempt(request, add, "Comment sent to the inspection team.")
    return redirect("moderation:draft_report", pk=area.inspection_id)


@login_required
@require_POST
def comment_answer(request, pk):
    comment = get_object_or_404(
        FactualAccuracyComment.objects.select_related("area"),
        pk=pk,
        area__in=visible_area_ids(request.user),
    )
    form = FactualAnswerForm(request.POST)

    def answer():
        data = form_data(form, suffix=NOT_SAVED)
        factual_comment_answer(
            comment=comment, user=request.user, response=data["response"], text=data["text"]
        )

    attempt(request, answer, "Answer recorded and sent to the force.")
    return redirect("moderation:draft_report", pk=comment.area.inspection_id)
