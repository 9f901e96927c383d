"""The force overview and context: shown as the report prints it, and edited by the team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse

from forces.models import Force, PartnershipArea
from inspections.exceptions import EditConflict, OverviewLocked
from inspections.forms.overview import OverviewForm, overview_initial
from inspections.overview_sections import CONTEXT_SECTIONS, PERFORMANCE_SECTIONS
from inspections.permissions import can_edit_inspection
from inspections.selectors.history import history_actor
from inspections.selectors.inspections import inspection_get_for_user
from inspections.services import overview as services
from inspections.views.access import require_team


def _sections(inspection, rows):
    return [
        {"name": name, "heading": heading, "empty": empty, "text": getattr(inspection, name)}
        for name, heading, empty in rows
    ]


def _demographics(force: Force) -> dict:
    """The force's command units with their partnership areas, and totals summed from the
    units (not read from the force) so the table always adds up. Two queries."""
    areas = PartnershipArea.objects.order_by("order", "name")
    units = list(
        force.command_units.order_by("order", "name").prefetch_related(
            Prefetch("partnership_areas", queryset=areas)
        )
    )
    figures = [unit.population for unit in units] + [unit.households for unit in units]
    return {
        "units": units,
        "population": sum(unit.population or 0 for unit in units),
        "households": sum(unit.households or 0 for unit in units),
        "incomplete": None in figures,
        "sources": list(
            dict.fromkeys(unit.figures_source for unit in units if unit.figures_source)
        ),
    }


def _reference_admin_url(user, force: Force) -> str:
    if user.is_staff and user.has_perm("forces.change_force"):
        return reverse("admin:forces_force_change", args=[force.pk])
    return ""


@login_required
def overview_detail(request, pk):
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    locked = services.overview_is_locked(inspection)
    context = {
        "inspection": inspection,
        "context_sections": _sections(inspection, CONTEXT_SECTIONS),
        "performance_sections": _sections(inspection, PERFORMANCE_SECTIONS),
        "demographics": _demographics(inspection.force),
        "can_edit": can_edit_inspection(request.user, inspection) and not locked,
        "locked": locked,
        "reference_admin_url": _reference_admin_url(request.user, inspection.force),
    }
    return render(request, "inspections/overview_detail.html", context)


def _form_page(request, inspection, form, status, merge=None, current=None):
    last_save = current.history.select_related("history_user").first() if current else None
    context = {
        "inspection": inspection,
        "form": form,
        "sections": form.sections(merge, services.overview_texts(current) if current else None),
        "merge": merge,
        "last_save": last_save,
        "last_save_by": history_actor(last_save) if last_save else "",
    }
    return render(request, "inspections/overview_form.html", context, status=status)


def _conflict_page(request, inspection, data: dict, current):
    """Refuse the save but lose nothing: the user's sections stay in the form, sections
    only the other person changed are brought up to date, and theirs are shown beside."""
    mine = {name: data[name] for name in services.OVERVIEW_FIELDS}
    original = services.overview_version_of(inspection=current, fingerprint=data["fingerprint"])
    merge = services.overview_merge(
        original=original, theirs=services.overview_texts(current), mine=mine
    )
    initial = {**merge.texts, "fingerprint": services.overview_fingerprint(current)}
    form = OverviewForm(initial=initial)
    return _form_page(request, inspection, form, 409, merge=merge, current=current)


def _refused(request, inspection, exc: OverviewLocked):
    messages.error(request, f"{exc} Nothing was saved.")
    return redirect("inspections:overview_detail", pk=inspection.pk)


@login_required
def overview_edit(request, pk):
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    require_team(request.user, inspection)
    if services.overview_is_locked(inspection):
        return _refused(request, inspection, OverviewLocked())
    form = OverviewForm(request.POST or None, initial=overview_initial(inspection))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.inspection_overview_update(
                inspection=inspection, user=request.user, **form.cleaned_data
            )
        except EditConflict as exc:
            return _conflict_page(request, inspection, form.cleaned_data, exc.current)
        except OverviewLocked as exc:  # released while the form was open
            return _refused(request, inspection, exc)
        if changed:
            messages.success(request, "Force overview saved.")
        else:
            messages.info(request, "Nothing had changed, so nothing was saved.")
        return redirect("inspections:overview_detail", pk=inspection.pk)
    return _form_page(request, inspection, form, 400 if form.is_bound else 200)
