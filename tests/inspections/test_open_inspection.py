"""Opening a force's next inspection: `open_inspection` and the service behind it."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from forces.models import Force
from grading.models import CriterionMapping
from inspections.models import EvidenceKind, FollowUp, Inspection, OverviewTable, Programme
from inspections.services import inspection_create
from inspections.services.opening import inspection_open, previous_published_inspection
from inspections.services.overview import inspection_overview_update
from reports.importer.service import report_import
from tests.conftest import require_service
from tests.factories import EvidenceItemFactory

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
FORCE_2007 = SEEDS / "staffordshire-2007-np-pm-pvp.txt"


@pytest.fixture
def imported_2007(reference):
    require_service(FORCE_2007.exists(), f"the shared seed reports are not at {SEEDS}")
    result = report_import(data=FORCE_2007.read_bytes(), source_name=FORCE_2007.name)
    return Inspection.objects.get(pk=result.inspection_id)


def _open(*args) -> dict:
    out = StringIO()
    call_command("open_inspection", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_opening_staffordshire_2008_follows_up_the_22_areas_for_improvement_of_2007(
    imported_2007, hmi
):
    printed = _open("--force", "staffordshire", "--programme", "2008", "--lead", "hmi")
    inspection = Inspection.objects.get(pk=printed["inspection"])
    assert printed["follow_ups"] == 22 and printed["under_criteria"] == 3
    assert printed["previous_inspection"] == imported_2007.pk
    assert inspection.programme.year == 2008 and inspection.areas.count() == 2
    assert inspection.memberships.get().user == hmi
    follow_ups = list(inspection.follow_ups.select_related("criterion_assessment__criterion"))
    assert len(follow_ups) == 22
    earlier = imported_2007.areas.get(framework__code="np").criteria.get()
    np_items = earlier.evidence.filter(kind=EvidenceKind.AREA_FOR_IMPROVEMENT, parent=None)
    under_np = [f for f in follow_ups if f.criterion_assessment_id]
    assert [f.text for f in under_np] == list(
        np_items.order_by("order").values_list("text", flat=True)
    )
    assert {f.criterion_assessment.criterion.number for f in under_np} == {"1.1"}
    assert printed["under_criteria"] == len(under_np) and printed["under_inspection"] == 22 - len(
        under_np
    )
    assert {f.source_area for f in follow_ups if not f.criterion_assessment_id} >= {
        "Performance Management",
        "Missing Persons",
    }
    assert all(f.source_inspection_id == imported_2007.pk and not f.outcome for f in follow_ups)
    assert all(f.history.count() == 1 for f in follow_ups)


@pytest.mark.django_db
def test_the_earlier_overview_is_carried_as_a_draft_to_review_with_its_tables(imported_2007):
    printed = _open("--force", "staffordshire", "--programme", "2008")
    inspection = Inspection.objects.get(pk=printed["inspection"])
    assert printed["overview_carried"] is True
    assert inspection.opening.overview_needs_review and inspection.opening.previous == imported_2007
    assert inspection.geography == imported_2007.geography
    tables = OverviewTable.objects.filter(inspection=inspection)
    assert tables.count() == imported_2007.overview_tables.count() > 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, message",
    [
        (["--force", "atlantis", "--programme", "2008"], "No force has the slug"),
        (["--force", "staffordshire", "--programme", "1999"], "No programme"),
        (["--force", "staffordshire", "--programme", "next"], "No programme"),
        (["--force", "staffordshire", "--programme", "2008", "--lead", "nobody"], "No user"),
    ],
)
def test_bad_input_exits_with_status_2_and_saves_nothing(reference, args, message):
    before = Inspection.objects.count()
    with pytest.raises(CommandError, match=message) as raised:
        call_command("open_inspection", *args, stdout=StringIO())
    assert raised.value.returncode == 2
    assert Inspection.objects.count() == before


@pytest.mark.django_db
def test_an_inspection_that_already_exists_is_refused(programme_2008, force_a):
    inspection_create(force=force_a, programme=programme_2008)
    with pytest.raises(CommandError, match="already has an inspection") as raised:
        call_command(
            "open_inspection", "--force", force_a.slug, "--programme", "2008", stdout=StringIO()
        )
    assert raised.value.returncode == 2
    assert Inspection.objects.filter(force=force_a).count() == 1


@pytest.mark.django_db
def test_a_force_without_earlier_published_inspection_opens_without_follow_ups(
    programme_2008, force_a, hmi
):
    opened = inspection_open(force=force_a, programme=programme_2008, user=hmi)
    assert opened.follow_ups == 0 and opened.previous is None
    assert not opened.inspection.opening.overview_needs_review
    assert opened.inspection.opening.opened_by == hmi
    assert opened.inspection.history.first().history_user == hmi


@pytest.mark.django_db
def test_an_unpublished_earlier_inspection_is_not_followed_up(reference, force_a, alice):
    earlier = inspection_create(force=force_a, programme=Programme.objects.get(year=2007))
    EvidenceItemFactory(
        criterion_assessment=earlier.areas.first().criteria.first(),
        kind=EvidenceKind.AREA_FOR_IMPROVEMENT,
        author=alice,
    )
    programme = Programme.objects.get(year=2008)
    assert previous_published_inspection(force=force_a, programme=programme) is None
    assert inspection_open(force=force_a, programme=programme, user=alice).follow_ups == 0


@pytest.mark.django_db
def test_the_mapping_is_reference_data_between_neighbourhood_policing_frameworks(reference):
    mapping = CriterionMapping.objects.get(source__framework__version="2007")
    assert (mapping.source.framework.code, mapping.target.framework.version) == ("np", "2008")
    assert mapping.target.number == "1.1"


@pytest.mark.django_db
def test_a_follow_up_without_a_successor_sits_under_the_inspection(imported_2007):
    CriterionMapping.objects.all().delete()
    force = Force.objects.get(slug="staffordshire")
    opened = inspection_open(force=force, programme=Programme.objects.get(year=2008), user=None)
    assert opened.placed == 0
    assert (
        FollowUp.objects.filter(inspection=opened.inspection, criterion_assessment=None).count()
        == 22
    )


@pytest.mark.django_db
def test_a_lead_inspector_opens_from_the_programme_page_and_leads_the_team(
    client, imported_2007, hmi
):
    client.force_login(hmi)
    grades = client.get(reverse("inspections:national_grades", args=[2008]))
    assert b'id="open-inspection"' in grades.content
    url = reverse("inspections:inspection_open", args=[2008])
    force = Force.objects.get(slug="staffordshire")
    assert force.name.encode() in client.get(url).content
    response = client.post(url, {"force": force.pk})
    inspection = Inspection.objects.get(force=force, programme__year=2008)
    assert response.status_code == 302 and response["Location"] == reverse(
        "inspections:inspection_detail", args=[inspection.pk]
    )
    assert inspection.memberships.get().user == hmi and inspection.follow_ups.count() == 22
    # Opened already: the force is no longer offered, and a second post is refused.
    again = client.post(url, {"force": force.pk})
    assert again.status_code == 400
    assert Inspection.objects.filter(force=force, programme__year=2008).count() == 1


@pytest.mark.django_db
def test_only_lead_inspectors_and_administrators_open_inspections(client, alice, panel, force_a):
    url = reverse("inspections:inspection_open", args=[2008])
    for user in (alice, panel):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"force": force_a.pk}).status_code == 403
        grades = client.get(reverse("inspections:national_grades", args=[2008]))
        assert b'id="open-inspection"' not in grades.content
    assert not Inspection.objects.filter(force=force_a).exists()


@pytest.mark.django_db
def test_the_admin_opens_through_the_same_service(client, imported_2007, admin_user):
    client.force_login(admin_user)
    programme = Programme.objects.get(year=2008)
    url = reverse("admin:inspections_programme_open", args=[programme.pk])
    assert client.get(url).status_code == 200
    force = Force.objects.get(slug="staffordshire")
    assert client.post(url, {"force": force.pk}).status_code == 302
    inspection = Inspection.objects.get(force=force, programme=programme)
    assert inspection.follow_ups.count() == 22 and inspection.opening.overview_needs_review
    assert inspection.history.filter(history_user=admin_user).exists()


@pytest.mark.django_db
def test_the_admin_add_page_opens_with_follow_ups_too(client, imported_2007, admin_user):
    client.force_login(admin_user)
    force = Force.objects.get(slug="staffordshire")
    programme = Programme.objects.get(year=2008)
    data = {
        "force": force.pk,
        "programme": programme.pk,
        "reference": "REF-1",
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
    }
    response = client.post(reverse("admin:inspections_inspection_add"), data)
    assert response.status_code == 302, response.content[:2000]
    inspection = Inspection.objects.get(force=force, programme=programme)
    assert inspection.reference == "REF-1" and inspection.follow_ups.count() == 22
    assert inspection.geography == imported_2007.geography


@pytest.mark.django_db
def test_saving_the_carried_overview_is_its_review(imported_2007, hmi):
    force = Force.objects.get(slug="staffordshire")
    opened = inspection_open(force=force, programme=Programme.objects.get(year=2008), user=hmi)
    inspection_overview_update(inspection=opened.inspection, user=hmi, geography="Hills.")
    opening = opened.inspection.opening
    opening.refresh_from_db()
    assert not opening.overview_needs_review
    assert opening.history.first().history_user == hmi
