"""The national grades table as CSV: same rows, columns, visibility and filters as the page."""

import csv
import io

import pytest
from django.urls import reverse

from forces.models import Force
from inspections.models import AssessmentStatus, InspectionStatus
from tests.factories import ForceFactory, RegionFactory
from tests.inspections.national_support import EXCEEDS, FAILS, MEETS, grade_area, print_grade

pytestmark = pytest.mark.django_db


def _csv(client, query="", year=2008):
    response = client.get(reverse("inspections:national_grades_csv", args=[year]) + query)
    assert response.status_code == 200
    return response, list(csv.reader(io.StringIO(response.content.decode())))


def _by_force(rows):
    return {row[0]: row[1:] for row in rows[1:]}


def test_csv_is_an_attachment_with_a_header_and_a_row_per_force(client, bob, programme_2008):
    client.force_login(bob)
    response, rows = _csv(client)
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="national-grades-2008.csv"'
    assert rows[0] == [
        "Force",
        "Region",
        "Neighbourhood Policing",
        "Developing Citizen Focus Policing",
    ]
    assert [row[0] for row in rows[1:]] == list(
        Force.objects.territorial().values_list("name", flat=True)
    )
    staffs = Force.objects.get(name="Staffordshire")
    assert _by_force(rows)["Staffordshire"] == [staffs.region.name, "", ""]


def test_csv_marks_drafts_and_hides_them_from_who_may_not_see_them(
    client, alice, bob, inspection_a, programme_2008
):
    grade_area(inspection_a, "np", MEETS)
    grade_area(inspection_a, "dcfp", EXCEEDS, AssessmentStatus.NATIONALLY_MODERATED)
    print_grade(programme_2008, Force.objects.get(name="Staffordshire"), "np", FAILS)
    client.force_login(alice)
    rows = _by_force(_csv(client)[1])
    assert rows["Force A"][1:] == [MEETS, f"{EXCEEDS} (draft)"]
    assert rows["Staffordshire"][1:] == [FAILS, ""]
    client.force_login(bob)
    rows = _by_force(_csv(client)[1])
    assert rows["Force A"][1:] == [MEETS, ""]
    assert not any("draft" in cell for row in rows.values() for cell in row)


def test_csv_shows_a_liaison_only_the_draft_grades_of_areas_released_to_the_force(
    client, liaison, inspection_a
):
    grade_area(inspection_a, "np", MEETS, AssessmentStatus.RELEASED)
    grade_area(inspection_a, "dcfp", EXCEEDS, AssessmentStatus.NATIONALLY_MODERATED)
    inspection_a.status = InspectionStatus.FACTUAL_ACCURACY
    inspection_a.save()
    client.force_login(liaison)
    rows = _by_force(_csv(client)[1])
    assert rows["Force A"][1:] == [f"{MEETS} (draft)", ""]
    assert not any(EXCEEDS in cell for row in rows.values() for cell in row)


def test_csv_applies_the_page_filters(client, bob, programme_2008):
    region = RegionFactory(name="CSV region")
    for name in ("Alpha", "Beta"):
        ForceFactory(name=name, region=region, is_fictional=False)
    client.force_login(bob)
    rows = _csv(client, f"?region={region.pk}")[1]
    assert [row[0] for row in rows] == ["Force", "Alpha", "Beta"]
    # A value that cannot be used leaves the table unfiltered, as on the page.
    assert len(_csv(client, "?region=nope")[1]) == 46


def test_csv_guards_against_formula_injection(client, bob, programme_2008):
    region = RegionFactory(name="+cmd|' /C calc'!A0")
    for name in ('=HYPERLINK("http://x")', "-2+3", "@SUM(A1)", "Plain"):
        ForceFactory(name=name, region=region, is_fictional=False)
    client.force_login(bob)
    rows = _by_force(_csv(client, f"?region={region.pk}")[1])
    assert set(rows) == {'\'=HYPERLINK("http://x")', "'-2+3", "'@SUM(A1)", "Plain"}
    assert {row[0] for row in rows.values()} == {"'+cmd|' /C calc'!A0"}


def test_page_links_to_the_csv_with_its_filters(client, bob, programme_2008):
    region = RegionFactory(name="Linked region")
    client.force_login(bob)
    html = client.get(
        reverse("inspections:national_grades", args=[2008]) + f"?region={region.pk}"
    ).content.decode()
    assert f'href="/programmes/2008/grades.csv?region={region.pk}"' in html
