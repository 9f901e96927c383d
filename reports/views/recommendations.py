"""A programme's recommendations and national summary: inspectorate staff read the drafts and
everyone signed in the published text (anyone else gets 404); lead inspectors and
administrators add, edit, delete and reorder them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from inspections.exceptions import EditConflict
from inspections.models import Programme, Recommendation
from inspections.selectors.outcomes import programme_get_by_year
from reports.forms.recommendations import NationalSummaryForm, RecommendationForm
from reports.permissions import (
    edits_national_report,
    sees_national_text,
    sees_response_progress,
)
from reports.services import recommendations as services

STEPS = {"up": -1, "down": 1}


def _readable_programme(request, year: int) -> Programme:
    programme = programme_get_by_year(year=year)
    if not sees_national_text(request.user, programme):
        raise Http404("The national report is not published yet.")
    return programme


def _editable_programme(request, year: int) -> Programme:
    programme = _readable_programme(request, year)
    if not edits_national_report(request.user):
        raise PermissionDenied("Only lead inspectors change the national report's text.")
    return programme


def _recommendation(programme: Programme, pk: int) -> Recommendation:
    return get_object_or_404(Recommendation, programme=programme, pk=pk)


def _list_redirect(programme: Programme):
    return redirect("reports:recommendation_list", year=programme.year)


@login_required
def recommendation_list(request, year):
    programme = _readable_programme(request, year)
    rows = list(
        programme.recommendations.select_related("updated_by")
        .prefetch_related("bodies")
        .order_by("number")
    )
    numbers = [row.number for row in rows]
    context = {
        "programme": programme,
        "recommendations": rows,
        "summary": services.national_summary_get(programme=programme),
        "can_edit": edits_national_report(request.user),
        "sees_progress": sees_response_progress(request.user),
        "has_gaps": numbers != list(range(1, len(numbers) + 1)),
    }
    return render(request, "reports/recommendations/list.html", context)


def _taken(programme: Programme, exclude: Recommendation | None = None) -> list[int]:
    rows = programme.recommendations.exclude(pk=exclude.pk if exclude else None)
    return list(rows.values_list("number", flat=True))


def _form_page(request, programme, form, *, recommendation=None, theirs=None, status=200):
    context = {
        "programme": programme,
        "form": form,
        "recommendation": recommendation,
        "theirs": theirs,
    }
    return render(request, "reports/recommendations/form.html", context, status=status)


@login_required
def recommendation_add(request, year):
    programme = _editable_programme(request, year)
    initial = {"number": services.recommendation_next_number(programme=programme)}
    taken = _taken(programme)
    form = RecommendationForm(request.POST or None, initial=initial, taken_numbers=taken)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            created = services.recommendation_create(programme=programme, user=request.user, **data)
        except services.RecommendationRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Recommendation {created.number} added.")
            return _list_redirect(programme)
    return _form_page(request, programme, form, status=400 if form.is_bound else 200)


def _conflict_page(request, programme, recommendation, data: dict, current):
    """Refuse the save but keep the user's text in the form beside the saved one; the form
    now carries the saved version, so saving again replaces theirs knowingly."""
    form = RecommendationForm(
        initial={**data, "version": services.recommendation_version(current)},
        taken_numbers=_taken(programme, exclude=current),
    )
    form.conflict = str(EditConflict(current))
    context = {"recommendation": recommendation, "theirs": current}
    return _form_page(request, programme, form, status=409, **context)


@login_required
def recommendation_edit(request, year, pk):
    programme = _editable_programme(request, year)
    recommendation = _recommendation(programme, pk)
    initial = {
        "number": recommendation.number,
        "text": recommendation.text,
        "addressed_to": recommendation.addressed_to,
        "to_all_forces": recommendation.to_all_forces,
        "bodies": list(recommendation.bodies.all()),
        "version": services.recommendation_version(recommendation),
    }
    taken = _taken(programme, exclude=recommendation)
    form = RecommendationForm(request.POST or None, initial=initial, taken_numbers=taken)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.recommendation_update(
                recommendation=recommendation, user=request.user, **form.cleaned_data
            )
        except EditConflict as exc:
            data = form.cleaned_data
            return _conflict_page(request, programme, recommendation, data, exc.current)
        except services.RecommendationRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Recommendation {saved.number} saved.")
            return _list_redirect(programme)
    status = 400 if form.is_bound else 200
    return _form_page(request, programme, form, recommendation=recommendation, status=status)


def _version(request) -> str:
    # A missing version never matches a saved row, so the change is refused, not forced.
    return request.POST.get("version", "")


@login_required
def recommendation_delete(request, year, pk):
    programme = _editable_programme(request, year)
    recommendation = _recommendation(programme, pk)
    if request.method == "POST":
        try:
            services.recommendation_delete(
                recommendation=recommendation, user=request.user, version=_version(request)
            )
        except (EditConflict, services.RecommendationRefused) as exc:
            messages.error(request, f"{exc} Nothing was deleted.")
        else:
            messages.success(request, f"Recommendation {recommendation.number} deleted.")
        return _list_redirect(programme)
    context = {
        "programme": programme,
        "recommendation": recommendation,
        "version": services.recommendation_version(recommendation),
    }
    return render(request, "reports/recommendations/confirm_delete.html", context)


@require_POST
@login_required
def recommendation_move(request, year, pk, direction):
    programme = _editable_programme(request, year)
    recommendation = _recommendation(programme, pk)
    if direction not in STEPS:
        raise Http404("Recommendations move up or down.")
    try:
        services.recommendation_move(
            recommendation=recommendation,
            user=request.user,
            version=_version(request),
            step=STEPS[direction],
        )
    except (EditConflict, services.RecommendationRefused) as exc:
        messages.error(request, f"{exc} The order was not changed.")
    return _list_redirect(programme)


@require_POST
@login_required
def recommendations_renumber(request, year):
    programme = _editable_programme(request, year)
    changed = services.recommendations_renumber(programme=programme, user=request.user)
    messages.success(request, f"Numbered in order; {changed} recommendation(s) renumbered.")
    return _list_redirect(programme)


def _summary_page(request, programme, form, *, theirs=None, status=200):
    context = {"programme": programme, "form": form, "theirs": theirs}
    return render(request, "reports/recommendations/summary_form.html", context, status=status)


def _summary_conflict(request, programme, data: dict, exc: EditConflict):
    """As for a recommendation: the user's text stays in the form, the saved text beside."""
    version = services.national_summary_version(exc.current)
    form = NationalSummaryForm(initial={**data, "version": version})
    form.conflict = str(exc)
    return _summary_page(request, programme, form, theirs=exc.current, status=409)


@login_required
def national_summary_edit(request, year):
    programme = _editable_programme(request, year)
    current = services.national_summary_get(programme=programme)
    initial = {"version": services.national_summary_version(current)}
    if current is not None:
        initial.update(title=current.title, body=current.body)
    form = NationalSummaryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.national_summary_save(programme=programme, user=request.user, **data)
        except EditConflict as exc:
            return _summary_conflict(request, programme, data, exc)
        except services.RecommendationRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "National summary saved.")
            return _list_redirect(programme)
    return _summary_page(request, programme, form, status=400 if form.is_bound else 200)
