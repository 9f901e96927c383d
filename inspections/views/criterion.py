from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from grading.models import criteria_tree_order
from inspections.exceptions import AssessmentLocked, EditConflict
from inspections.forms.evidence import statement_form_class, statement_initial
from inspections.models import CriterionAssessment, EvidenceKind
from inspections.outcomes.panel import outcome_panel_context
from inspections.selectors.evidence import evidence_lists
from inspections.selectors.follow_ups import criterion_follow_ups
from inspections.selectors.inspections import criterion_assessment_get_for_user
from inspections.services.statements import criterion_statement_save
from inspections.views.access import editable, require_team


def _page(request, assessment, form=None, conflict=None, status=200):
    area = assessment.area
    can_edit = editable(request.user, area)
    if form is None and can_edit:
        form = statement_form_class(assessment.criterion)(initial=statement_initial(assessment))
    siblings = list(
        CriterionAssessment.objects.filter(area__inspection=area.inspection_id)
        .order_by("area__order", *criteria_tree_order("criterion__"))
        .values_list("pk", flat=True)
    )
    index = siblings.index(assessment.pk)
    context = {
        "assessment": assessment,
        "criterion": assessment.criterion,
        "area": area,
        "inspection": area.inspection,
        "lists": evidence_lists(assessment=assessment),
        "follow_ups": criterion_follow_ups(assessment=assessment),
        "none_identified": {
            kind for kind in EvidenceKind.values if getattr(assessment, f"none_identified_{kind}")
        },
        "kinds": EvidenceKind.choices,
        "form": form,
        "conflict": conflict,
        "can_edit": can_edit,
        "previous_pk": siblings[index - 1] if index > 0 else None,
        "next_pk": siblings[index + 1] if index + 1 < len(siblings) else None,
        **outcome_panel_context(assessment=assessment, can_edit=can_edit),
    }
    return render(request, "inspections/criterion_detail.html", context, status=status)


@login_required
def criterion_detail(request, pk):
    assessment = criterion_assessment_get_for_user(user=request.user, pk=pk)
    return _page(request, assessment)


@login_required
@require_POST
def statement_save(request, pk):
    assessment = criterion_assessment_get_for_user(user=request.user, pk=pk)
    require_team(request.user, assessment.area.inspection)
    form = statement_form_class(assessment.criterion)(request.POST)
    if not form.is_valid():
        return _page(request, assessment, form=form, status=400)
    try:
        criterion_statement_save(
            assessment=assessment,
            user=request.user,
            version=form.cleaned_data["version"],
            chosen_levels=form.chosen_levels(),
            override=form.cleaned_data["override"],
        )
    except AssessmentLocked as exc:
        messages.error(request, str(exc))
    except EditConflict as exc:
        form = statement_form_class(assessment.criterion)(
            initial={**form.cleaned_data, "version": exc.current.version}
        )
        return _page(request, assessment, form=form, conflict=exc, status=409)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _page(request, assessment, form=form, status=400)
    else:
        messages.success(request, "Summary statement saved.")
    return redirect("inspections:criterion_detail", pk=assessment.pk)
