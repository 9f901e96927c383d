"""Developing practice: forces submit it, inspection teams select it, everyone reads the library.

A force's liaison sees nothing of an inspection before its release, yet writes developing
practice for it; so the liaison's pages go through the liaison's force, not through
inspection visibility, and never show the inspection itself.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from forces.models import Force
from inspections.exceptions import EditConflict
from inspections.filters.practice import DevelopingPracticeFilter
from inspections.forms.practice import DevelopingPracticeForm, PracticeSelectForm
from inspections.permissions import can_edit_inspection
from inspections.selectors.inspections import inspection_get_for_user
from inspections.services import practice as services
from inspections.views.access import require_team

LIBRARY_PAGE_SIZE = 20


def _liaison_force_or_403(user) -> Force:
    force = services.liaison_force(user=user)
    if force is None:
        raise PermissionDenied("Only a force's liaison can submit and edit developing practice.")
    return force


def _form_page(request, form, template_context: dict, status: int | None = None):
    status = status or (400 if form.is_bound else 200)
    context = {"form": form, **template_context}
    return render(request, "inspections/practice_form.html", context, status=status)


def _differences(form, theirs, mine: dict) -> list[dict]:
    """Each part of the entry someone else saved differently from what this user sent."""
    pairs = [("framework", theirs.framework.name, mine["framework"].name)]
    pairs += [(name, getattr(theirs, name), mine[name]) for name in services.PRACTICE_TEXT_FIELDS]
    return [
        {"label": form.fields[name].label or name.capitalize(), "theirs": saved, "mine": sent}
        for name, saved, sent in pairs
        if saved != sent
    ]


def _conflict_page(request, form, exc: EditConflict, context: dict):
    """Refuse the save but lose nothing: the user's text stays in the form, which now
    carries the saved version, and each part someone else saved differently is shown beside
    the user's."""
    mine = form.cleaned_data
    initial = {name: mine[name] for name in ("framework", *services.PRACTICE_TEXT_FIELDS)}
    initial["version"] = services.practice_version(exc.current)
    fresh = DevelopingPracticeForm(practice=context["practice"], initial=initial)
    page = {**context, "conflict": exc, "differences": _differences(form, exc.current, mine)}
    return _form_page(request, fresh, page, status=409)


@login_required
def practice_library(request):
    published = services.practices_published().order_by(
        "-inspection__programme__year", "inspection__force__name", "title", "pk"
    )
    practice_filter = DevelopingPracticeFilter(request.GET, queryset=published, request=request)
    page = Paginator(practice_filter.qs, LIBRARY_PAGE_SIZE).get_page(request.GET.get("page"))
    filtered = any(request.GET.get(name) for name in practice_filter.filters)
    context = {
        "filter": practice_filter,
        "page": page,
        "filtered": filtered,
        "is_liaison": services.liaison_force(user=request.user) is not None,
    }
    return render(request, "inspections/practice_library.html", context)


@login_required
def practice_detail(request, pk):
    practice = services.practice_get_for_reader(user=request.user, pk=pk)
    force = services.liaison_force(user=request.user)
    own = force is not None and practice.inspection.force_id == force.pk
    context = {
        "practice": practice,
        "own_force": own,
        "can_edit": own and not practice.selected_for_publication,
        "can_review": services.inspection_is_visible(
            user=request.user, inspection_id=practice.inspection_id
        ),
    }
    return render(request, "inspections/practice_detail.html", context)


@login_required
def practice_submit(request):
    force = _liaison_force_or_403(request.user)
    inspections = list(services.liaison_inspections(force=force))
    form = DevelopingPracticeForm(request.POST or None, inspections=inspections)
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.developing_practice_submit(
                inspection=form.cleaned_data["inspection"],
                user=request.user,
                framework=form.cleaned_data["framework"],
                **form.texts(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, f"“{practice.title}” is submitted to the inspection team.")
            return redirect("inspections:practice_mine")
    return _form_page(request, form, {"force": force, "inspections": inspections})


def _locked(request, exc: services.PracticeSelected):
    messages.error(request, str(exc))
    return redirect("inspections:practice_detail", pk=exc.practice.pk)


@login_required
def practice_edit(request, pk):
    force = _liaison_force_or_403(request.user)
    practice = services.practice_get_for_liaison(force=force, pk=pk)
    if practice.selected_for_publication:
        return _locked(request, services.PracticeSelected(practice))
    form = DevelopingPracticeForm(request.POST or None, practice=practice)
    if request.method == "POST" and form.is_valid():
        try:
            services.developing_practice_update(
                practice=practice,
                user=request.user,
                framework=form.cleaned_data["framework"],
                version=form.cleaned_data["version"],
                **form.texts(),
            )
        except services.PracticeSelected as exc:
            return _locked(request, exc)
        except EditConflict as exc:
            return _conflict_page(request, form, exc, {"force": force, "practice": practice})
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, f"Your changes to “{form.cleaned_data['title']}” are saved.")
            return redirect("inspections:practice_mine")
    return _form_page(request, form, {"force": force, "practice": practice})


@login_required
def practice_mine(request):
    force = _liaison_force_or_403(request.user)
    context = {
        "force": force,
        "practices": services.practices_for_force(force=force),
        "has_inspection": services.liaison_inspections(force=force).exists(),
    }
    return render(request, "inspections/practice_mine.html", context)


@login_required
def practice_review(request, pk):
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    practices = list(services.practices_for_review(inspection=inspection))
    context = {
        "inspection": inspection,
        "practices": practices,
        "selected_count": sum(practice.selected_for_publication for practice in practices),
        "can_select": can_edit_inspection(request.user, inspection),
    }
    return render(request, "inspections/practice_review.html", context)


@login_required
@require_POST
def practice_select(request, pk):
    practice = services.practice_get_in_visible_inspection(user=request.user, pk=pk)
    require_team(request.user, practice.inspection)
    form = PracticeSelectForm(request.POST)
    if form.is_valid():
        selected = form.cleaned_data["selected"]
        services.developing_practice_select(practice=practice, user=request.user, selected=selected)
        outcome = "is selected" if selected else "is no longer selected"
        messages.success(request, f"“{practice.title}” {outcome} for publication.")
    else:
        messages.error(request, "That choice was not understood; nothing changed.")
    review = reverse("inspections:practice_review", args=[practice.inspection_id])
    return redirect(f"{review}#practice-{practice.pk}")
