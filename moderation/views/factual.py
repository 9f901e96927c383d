"""The draft report the force checks for factual accuracy, its comments and the answers.

The page shows only areas released to the force (or published), as the report will print
them: grade, statements and evidence. It never shows rationales, panel decisions or dissents.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from inspections.permissions import is_force_liaison, is_team_member
from inspections.selectors.inspections import inspection_get_for_user
from moderation.forms import FactualAnswerForm, FactualCommentForm
from moderation.selectors import (
    commentable_area_get_for_user,
    draft_report_sections,
    draft_section_get,
    factual_comment_get_for_user,
)
from moderation.services.factual import factual_comment_add, factual_comment_answer
from moderation.views.areas import attempt, form_data

NOT_SAVED = " Nothing was saved."


@login_required
def draft_report(request, pk):
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    context = {
        "inspection": inspection,
        "sections": draft_report_sections(user=request.user, inspection=inspection),
        "may_comment": is_force_liaison(request.user, inspection),
        "may_answer": is_team_member(request.user, inspection),
        "comment_form": FactualCommentForm(),
        "answer_form": FactualAnswerForm(),
    }
    return render(request, "moderation/draft_report.html", context)


@login_required
@require_POST
def comment_add(request, pk):
    area = commentable_area_get_for_user(user=request.user, pk=pk)
    form = FactualCommentForm(request.POST)

    def add():
        data = form_data(form, suffix=NOT_SAVED)
        factual_comment_add(
            area=area,
            user=request.user,
            comment=data["comment"],
            proposed_correction=data["proposed_correction"],
            criterion_assessment=draft_section_get(area=area, value=data["section"]),
        )

    attempt(request, add, "Comment sent to the inspection team.")
    return redirect("moderation:draft_report", pk=area.inspection_id)


@login_required
@require_POST
def comment_answer(request, pk):
    comment = factual_comment_get_for_user(user=request.user, pk=pk)
    form = FactualAnswerForm(request.POST)

    def answer():
        data = form_data(form, suffix=NOT_SAVED)
        factual_comment_answer(
            comment=comment, user=request.user, response=data["response"], text=data["text"]
        )

    attempt(request, answer, "Answer recorded and sent to the force.")
    return redirect("moderation:draft_report", pk=comment.area.inspection_id)
