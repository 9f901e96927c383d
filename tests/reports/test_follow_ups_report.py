"""Follow-ups in the force report ("Progress since the last inspection") and the export."""

from pathlib import Path

import pytest

from forces.models import Force
from inspections.models import FollowUp, FollowUpOutcome, Programme
from inspections.services.follow_ups import follow_up_assess
from inspections.services.opening import inspection_open
from reports.exporting import inspection_export
from reports.importer.service import report_import
from reports.rendering.force import force_report_document, force_report_page_data
from tests.conftest import require_service
from tests.reports.export_support import schema_validate

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
FORCE_2007 = SEEDS / "staffordshire-2007-np-pm-pvp.txt"
ACCOUNT = "Supervisors now look after at most eight officers each."


@pytest.fixture
def opened(reference, hmi):
    require_service(FORCE_2007.exists(), f"the shared seed reports are not at {SEEDS}")
    report_import(data=FORCE_2007.read_bytes(), source_name=FORCE_2007.name)
    force = Force.objects.get(slug="staffordshire")
    programme = Programme.objects.get(year=2008)
    inspection = inspection_open(force=force, programme=programme, user=hmi, lead=hmi).inspection
    first = inspection.follow_ups.filter(criterion_assessment__isnull=False).first()
    follow_up_assess(
        follow_up=first,
        user=hmi,
        version=first.version,
        outcome=FollowUpOutcome.PARTLY_ADDRESSED,
        account=ACCOUNT,
    )
    return inspection


@pytest.mark.django_db
def test_the_report_prints_progress_since_the_last_inspection_per_area(opened):
    data = force_report_page_data(inspection_id=opened.pk)
    np = next(area for area in data["areas"] if area["name"] == "Neighbourhood Policing")
    placed = FollowUp.objects.filter(inspection=opened, criterion_assessment__isnull=False)
    assert [entry["text"] for entry in np["progress"]] == [f.text for f in placed.order_by("order")]
    assert np["progress"][0]["assessment"] == "Partly addressed"
    assert np["progress"][0]["account"] == ACCOUNT
    assert {entry["assessment"] for entry in np["progress"][1:]} == {"Not yet assessed"}
    others = [item for group in data["progress_other"] for item in group["items"]]
    assert len(np["progress"]) + len(others) == 22
    assert data["progress_other"][0]["earlier_area"] == "Performance Management"
    document = force_report_document(inspection_id=opened.pk)
    assert "Progress since the last inspection" in document.html
    assert ACCOUNT in document.html


@pytest.mark.django_db
def test_a_liaison_draft_keeps_to_the_released_areas(opened):
    data = force_report_page_data(inspection_id=opened.pk, released_only=True)
    assert data["areas"] == [] and "progress_other" not in data


@pytest.mark.django_db
def test_the_export_carries_the_follow_ups_and_validates(opened):
    document = inspection_export(inspection=opened)
    schema_validate(document)
    follow_ups = document["follow_ups"]
    assert len(follow_ups) == 22
    first = follow_ups[0]
    assert (
        first["earlier_inspection"] == "2007" and first["earlier_area"] == "Neighbourhood Policing"
    )
    assert first["area"] == "Neighbourhood Policing" and first["criterion"].startswith("1.1 ")
    assert first["assessment"] == "partly_addressed" and first["account"] == ACCOUNT
    assert {row["area"] for row in follow_ups[len([r for r in follow_ups if r["area"]]) :]} == {
        None
    }


@pytest.mark.django_db
def test_an_export_limited_to_released_areas_leaves_the_follow_ups_out(opened):
    assert inspection_export(inspection=opened, visible_areas=[])["follow_ups"] == []
