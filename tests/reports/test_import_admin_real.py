"""The admin import with the real importer, on a small report written for these tests."""

import re

import pytest
from django.urls import reverse

from inspections.models import Inspection
from reports.exporting import inspection_export
from reports.models import ReportImport
from tests.reports.admin_support import (
    CONFIRM_URL,
    SYNTHETIC_REPORT,
    _token,
    _upload,
)
from tests.reports.export_support import schema_validate


@pytest.fixture(autouse=True)
def _own_var_dir(own_var_dir):
    """Each test keeps its pending uploads apart (see admin_support.own_var_dir)."""


def test_real_import_end_to_end(staff_client, admin_user, force_a, programme_2008):
    preview = _upload(staff_client, content=SYNTHETIC_REPORT, name="force-a-2008.md")

    assert preview.status_code == 200
    content = preview.content.decode()
    assert "Meeting the standard" in content
    assert "criterion not found" in content  # the importer's warnings, shown before saving
    assert not ReportImport.objects.exists()
    assert not Inspection.objects.filter(force=force_a).exists()

    response = staff_client.post(CONFIRM_URL, {"token": _token(preview)})

    record = ReportImport.objects.get()
    assert response["Location"] == reverse("admin:reports_reportimport_change", args=[record.pk])
    assert (record.source_name, record.imported_by, record.force) == (
        "force-a-2008.md",
        admin_user,
        force_a,
    )
    assert record.size == len(SYNTHETIC_REPORT)
    document = inspection_export(inspection=record.inspection)
    schema_validate(document)
    assert document["published"] == "2008-10"
    assert document["glossary"] == [
        {"abbreviation": "PCSO", "meaning": "police community support officer"}
    ]
    np = document["areas"][0]
    assert (np["name"], np["grade"]) == ("Neighbourhood Policing", "Meeting the standard")
    [staffed] = [
        c for c in np["criteria"] if c["heading"] == "Neighbourhoods are appropriately staffed."
    ]
    assert staffed["strengths"][0]["lead"] == "Named contacts"
    assert staffed["strengths"][0]["children"][0]["text"].startswith("The names were right")
    detail = staff_client.get(response["Location"]).content.decode()
    assert "criterion not found" in detail


def test_real_importer_refusals_show_the_form_and_save_nothing(staff_client, force_a):
    empty = _upload(staff_client, content=b" \n")
    binary = _upload(staff_client, content=b"\x00\x01\x02binary")

    assert empty.status_code == 400
    assert "Not imported: The file is empty." in empty.content.decode()
    assert binary.status_code == 400
    assert "Not imported: The file is binary" in binary.content.decode()
    assert not ReportImport.objects.exists()


def test_second_import_needs_replace(staff_client, force_a, programme_2008):
    first = _upload(staff_client, content=SYNTHETIC_REPORT)
    staff_client.post(CONFIRM_URL, {"token": _token(first)})

    again = _upload(staff_client, content=SYNTHETIC_REPORT)
    replacing = _upload(staff_client, content=SYNTHETIC_REPORT, replace="on")

    assert again.status_code == 400
    assert "Not imported:" in again.content.decode()
    assert replacing.status_code == 200
    staff_client.post(CONFIRM_URL, {"token": _token(replacing)})
    assert ReportImport.objects.count() == 2
    assert ReportImport.objects.filter(replaced=True).count() == 1


def test_preview_sums_each_area_up_and_keeps_its_criteria_for_on_demand(
    staff_client, force_a, programme_2008
):
    content = _upload(staff_client, content=SYNTHETIC_REPORT, name="force-a-2008.md").text
    areas = content[content.index('<table class="app-import-areas">') :]
    areas = areas[: areas.index("</table>")]
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>(.*?)</tr>", areas, re.S)
    assert [name for name, _ in rows][:1] == ["Neighbourhood Policing"]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", rows[0][1])
    assert cells[0] == "Meeting the standard"
    assert "2" in cells  # two strengths in the area's one criterion
    # Nested tables are gone: the criteria sit in a details element per area.
    assert "<table><tbody>" not in content
    assert '<details class="app-import-area">' in content
    assert "Neighbourhoods are appropriately staffed." in content
    assert "css/app-reports.css" in content
