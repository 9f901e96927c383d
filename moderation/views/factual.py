"""The draft report the force checks for factual accuracy, its comments and the answers.

The page shows only areas released to the force (or published), as the report will print
them: grade, statements and evidence. It never shows rationales, panel decisions or dissents.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from forces.models import ForceLiaison
from grading.models import criteria_tree_order
from inspections.exceptions import WorkflowRefused
from inspections.models import AreaAssessment, AssessmentStatus, CriterionAssessment, EvidenceItem
from inspections.permissions import RELEASED_AREAS, is_team_member, visible_area_ids
from inspections.selectors.inspections import inspection_get_for_user
from moderation.forms import FactualAnswerForm, FactualCommentForm
from moderation.models import FactualAccuracyComment
from moderation.services.factual import factual_comment_add, factual_comment_answer
from moderation.sufficiency import LIST_TITLES
from moderation.views.areas import attempt, form_data

NOT_SAVED = " Nothing was saved."


def _released_areas(user, inspection):
    return list(
        AreaAssessment.objects.filter(
            inspection=inspection, status__in=RELEASED_AREAS, pk__in=visible_area_ids(user)
        )
        .select_related("framework", "final_grade")
        .order_by("order")
    )


def _evidence_by_criterion(criteria) -> dict[int, dict]:
    items = EvidenceItem.objects.filter(criterion_assessment__in=criteria).order_by("order")
    children: dict[int, list] = {}
    for item in items:
        if item.parent_id:
            children.setdefault(item.parent_id, []).append(item)
    lists: dict[int, dict] = {c.pk: {kind: [] for kind in LIST_TITLES} for c in criteria}
    for item in items:
        if item.parent_id is None:
            item.children = children.get(item.pk, [])
            lists[item.criterion_assessment_id][item.kind].append(item)
    return lists


def _sections(areas) -> list[dict]:
    criteria = list(
        CriterionAssessment.objects.filter(area__in=areas)
        .select_related("criterion__parent__parent")
        .order_by("area__order", *criteria_tree_order("criterion__"))
    )
    evidence = _evidence_by_criterion(criteria)
    comments = FactualAccuracyComment.objects.filter(area__in=areas).select_related(
        "author", "responded_by"
    )
    by_section: dict[tuple, list] = {}
    for comment in comments:
        by_section.setdefault((comment.area_id, comment.criterion_assessment_id), []).append(
            comment
        )
    sections = []
    for area in areas:
        rows = [
            {
                "assessment": c,
                "lists": [(LIST_TITLES[k], v) for k, v in evidence[c.pk].items()],
                "comments": by_section.get((area.pk, c.pk), []),
            }
            for c in criteria
            if c.area_id == area.pk
        ]
        sections.append(
            {"area": area, "criteria": rows, "comments": by_section.get((area.pk, None), [])}
        )
    return sections


@login_required
def draft_report(request, pk):
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    areas = _released_areas(request.user, inspection)
    is_liaison = ForceLiaison.objects.filter(
        user_id=request.user.pk, force_id=inspection.force_id
    ).exists()
    context = {
        "inspection": inspection,
        "sections": _sections(areas),
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
