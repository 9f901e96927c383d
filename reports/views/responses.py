"""Responses to a national report's recommendations.

Inspectorate staff see the progress of every recommendation across all forces and bodies (the
page, its drill-down per recommendation and the CSV); anyone else gets 404 there. A force's
liaison and a body's named responders see and record only their own responses; an
administrator may record one on an addressee's behalf, giving a reason. Every save goes
through inspections.services.responses.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from forces.models import Force
from inspections import roles
from inspections.exceptions import EditConflict
from inspections.models import AddresseeBody, Programme, Recommendation, ResponseStatus
from inspections.selectors.history import history_entries
from inspections.selectors.outcomes import programme_get_by_year
from inspections.selectors.recommendations import (
    due_on,
    programme_progress,
    published_on,
    recommendations_for,
)
from inspections.services import responses as response_services
from reports.forms.responses import ResponseForm
from reports.permissions import sees_response_progress

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(value) -> str:
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _progress_programme(request, year: int) -> Programme:
    if not sees_response_progress(request.user):
        raise Http404("Only inspectorate staff see every addressee's response.")
    return programme_get_by_year(year=year)


@login_required
def recommendation_progress(request, year):
    progress = programme_progress(programme=_progress_programme(request, year))
    context = {"progress": progress, "status_choices": ResponseStatus.choices}
    return render(request, "reports/responses/progress.html", context)


@login_required
def recommendation_responses(request, year, pk):
    programme = _progress_programme(request, year)
    progress = programme_progress(programme=programme, recommendation_pk=pk)
    if not progress.recommendations:
        raise Http404("No such recommendation in this programme.")
    context = {"progress": progress, "item": progress.recommendations[0]}
    return render(request, "reports/responses/recommendation.html", context)


CSV_HEADINGS = [
    "Recommendation",
    "Addressee",
    "Kind",
    "Status",
    "Overdue",
    "Due",
    "Account",
    "Responded by",
    "Last changed",
]


def _csv_cells(item, row, due: str) -> list:
    answer = row.response
    if answer is None:
        return [item.recommendation.number, row.name, row.kind, row.status_label,
                "yes" if row.overdue else "no", due, "", "", ""]  # fmt: skip
    who = answer.responded_by.get_full_name() or answer.responded_by.username
    return [item.recommendation.number, row.name, row.kind, row.status_label, "no", due,
            answer.account, who, answer.updated_at.isoformat()]  # fmt: skip


@login_required
def recommendation_progress_csv(request, year):
    progress = programme_progress(programme=_progress_programme(request, year))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"recommendation-responses-{progress.programme.year}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADINGS)
    due = progress.due.isoformat() if progress.due else ""
    for item in progress.recommendations:
        for row in item.rows:
            writer.writerow([_csv_safe(cell) for cell in _csv_cells(item, row, due)])
    return response


@login_required
def responses_mine(request):
    entries = recommendations_for(user=request.user)
    return render(request, "reports/responses/mine.html", {"entries": entries})


def _addressee(kind: str, addressee_pk: int):
    if kind == "force":
        return get_object_or_404(Force.objects.territorial(), pk=addressee_pk), None
    if kind == "body":
        return None, get_object_or_404(AddresseeBody, pk=addressee_pk)
    raise Http404("A response is from a force or a body.")


def _respondable(request, year, pk, kind, addressee_pk):
    """The recommendation and addressee, or 404 for anyone who neither answers for that
    addressee nor is an administrator, and for a recommendation not addressed to it."""
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("programme"), programme__year=year, pk=pk
    )
    force, body = _addressee(kind, addressee_pk)
    allowed = response_services.answers_for(request.user, force=force, body=body)
    if not (allowed or roles.has_role(request.user, roles.ADMINISTRATOR)):
        raise Http404("You do not answer for this addressee.")
    addressed = recommendation.to_all_forces if force else recommendation.bodies.contains(body)
    if not addressed or published_on(recommendation.programme) is None:
        raise Http404("This recommendation asks nothing of this addressee yet.")
    return recommendation, force, body


RESPONSE_LABELS = {"status": "Status", "account": "Account"}


@login_required
def response_history(request, year, pk, kind, addressee_pk):
    """Every version of one addressee's response, who recorded it and why: for inspectorate
    staff, and for those who may respond for the addressee (404 for anyone else)."""
    staff = sees_response_progress(request.user)
    if staff:
        recommendation = get_object_or_404(
            Recommendation.objects.select_related("programme"), programme__year=year, pk=pk
        )
        force, body = _addressee(kind, addressee_pk)
        back_url = reverse("reports:recommendation_responses", args=[year, pk])
    else:
        recommendation, force, body = _respondable(request, year, pk, kind, addressee_pk)
        back_url = reverse("reports:response_edit", args=[year, pk, kind, addressee_pk])
    response = get_object_or_404(recommendation.responses, force=force, body=body)
    name = force.display_name if force else body.name
    context = {
        "title": f"History of {name}'s response to recommendation {recommendation.number}",
        "back_url": back_url,
        "entries": history_entries(response.history.all(), labels=RESPONSE_LABELS),
        "recommendation": recommendation,
        "staff": staff,
    }
    return render(request, "reports/responses/history.html", context)


@login_required
def response_edit(request, year, pk, kind, addressee_pk):
    recommendation, force, body = _respondable(request, year, pk, kind, addressee_pk)
    current = recommendation.responses.filter(force=force, body=body).first()
    initial = {"version": response_services.response_version(current)}
    if current is not None:
        initial.update(status=current.status, account=current.account)
    form = ResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            response_services.response_record(
                recommendation=recommendation,
                user=request.user,
                force=force,
                body=body,
                **form.cleaned_data,
            )
        except EditConflict as exc:
            return _conflict_page(request, recommendation, force or body, form, exc)
        except response_services.ResponseRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Response to recommendation {recommendation.number} saved.")
            return redirect("reports:responses_mine")
    return _form_page(request, recommendation, force or body, form, current)


def _conflict_page(request, recommendation, addressee, form, exc: EditConflict):
    """Refuse the save but keep the user's words in the form beside the saved response; the
    form now carries the saved version, so saving again replaces it knowingly."""
    version = response_services.response_version(exc.current)
    fresh = ResponseForm(initial={**form.cleaned_data, "version": version})
    fresh.conflict = str(exc)
    page = _form_page(request, recommendation, addressee, fresh, exc.current, status=409)
    return page


def _form_page(request, recommendation, addressee, form, current, status=None):
    programme = recommendation.programme
    context = {
        "recommendation": recommendation,
        "addressee": addressee,
        "addressee_kind": "force" if isinstance(addressee, Force) else "body",
        "form": form,
        "current": current,
        "due": due_on(programme, published_on(programme)),
    }
    status = status or (400 if form.errors else 200)
    return render(request, "reports/responses/form.html", context, status=status)
