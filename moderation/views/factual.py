"""The draft report the force checks for factual accuracy, its comments and the answers.

The page shows only areas released to the force (or published), as the report will print
them: grade, statements and evidence. It never shows rationales, panel decisions or dissents.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from inspections.permissions import is_force_liaison, is_team_member
from inspections.selectors.inspections import inspection_get_for_user
from inspections.services.overview import overview_fingerprint
from moderation.forms import (
    FactualAnswerForm,
    FactualChangeForm,
    FactualCommentForm,
    FactualReferForm,
)
from moderation.selectors.factual import (
    commentable_area_get_for_user,
    draft_open_comments,
    draft_overview,
    draft_report_sections,
    draft_section_get,
    factual_comment_get_for_user,
)
from moderation.services.factual import (
    factual_comment_add,
    factual_comment_answer,
    factual_comment_close,
    factual_comment_refer,
)
from moderation.services.factual_changes import factual_change_save
from moderation.views.areas import attempt, form_data
from moderation.workflow import is_team_lead

NOT_SAVED = " Nothing was saved."


@login_required
def draft_report(request, pk):
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    sections = draft_report_sections(user=request.user, inspection=inspection)
    overview = draft_overview(inspection=inspection, sections=sections)
    context = {
        "inspection": inspection,
        "sections": sections,
        "overview": overview,
        "overview_area": next((s["area"] for s in sections if s["area"].is_with_force), None),
        "overview_fingerprint": overview_fingerprint(inspection),
        "open_comments": draft_open_comments(sections=sections, overview=overview),
        "may_comment": is_force_liaison(request.user, inspection),
        "may_answer": is_team_member(request.user, inspection)
        and not is_force_liaison(request.user, inspection),
        "may_refer": bool(sections) and is_team_lead(request.user, sections[0]["area"]),
        "answer_form": FactualAnswerForm(),
        "refer_form": FactualReferForm(),
    }
    return render(request, "moderation/draft_report.html", context)


def _back(comment):
    return redirect("moderation:draft_report", pk=comment.area.inspection_id)


@login_required
@require_POST
def comment_add(request, pk):
    area = commentable_area_get_for_user(user=request.user, pk=pk)
    form = FactualCommentForm(request.POST)

    def add():
        data = form_data(form, suffix=NOT_SAVED)
        criterion, item, overview_field = draft_section_get(area=area, value=data["section"])
        factual_comment_add(
            area=area,
            user=request.user,
            comment=data["comment"],
            proposed_correction=data["proposed_correction"],
            criterion_assessment=criterion,
            evidence_item=item,
            overview_field=overview_field,
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
    return _back(comment)


@login_required
@require_POST
def comment_change(request, pk):
    comment = factual_comment_get_for_user(user=request.user, pk=pk)
    form = FactualChangeForm(request.POST)

    def change():
        data = form_data(form, suffix=NOT_SAVED)
        factual_change_save(
            comment=comment,
            user=request.user,
            version=data["version"],
            text=data["text"],
            lead=data["lead"],
            fingerprint=data["fingerprint"],
        )

    attempt(request, change, "Change saved. Close the comment when the change is complete.")
    return _back(comment)


@login_required
@require_POST
def comment_close(request, pk):
    comment = factual_comment_get_for_user(user=request.user, pk=pk)
    attempt(
        request,
        lambda: factual_comment_close(comment=comment, user=request.user),
        "Comment closed: the force can see the change made.",
    )
    return _back(comment)


@login_required
@require_POST
def comment_refer(request, pk):
    comment = factual_comment_get_for_user(user=request.user, pk=pk)
    form = FactualReferForm(request.POST)

    def refer():
        data = form_data(form, suffix=NOT_SAVED)
        factual_comment_refer(comment=comment, user=request.user, reason=data["reason"])

    attempt(request, refer, "The grade is referred back to the national panel.")
    return _back(comment)
