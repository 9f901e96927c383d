"""Downloads of an inspection's data."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from inspections.permissions import visible_area_ids
from inspections.selectors.inspections import inspection_get_for_user
from reports.exporting import inspection_export_json


@login_required
@require_GET
def inspection_export(request, pk):
    inspection = inspection_get_for_user(user=request.user, pk=pk)
    # A force liaison sees only the areas released to the force; the download follows suit.
    document = inspection_export_json(
        inspection=inspection, visible_areas=visible_area_ids(request.user)
    )
    response = HttpResponse(
        document,
        content_type="application/json; charset=utf-8",
    )
    filename = f"{inspection.force.slug}-{inspection.programme.year}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
