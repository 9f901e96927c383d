"""The national grades table: who sees which grade, printed grades, filters, access."""

import pytest
from django.urls import reverse

from forces.models import Force, ForceLiaison
from inspections import roles
from inspections.models import AssessmentStatus, InspectionStatus
from tests.factories import ForceFactory, RegionFactory, UserFactory
from tests.inspections.national_support import (
    EXCEEDS,
    FAILS,
    MEETS,
    cells,
    forces_shown,
    grade_area,
    page,
    print_grade,
    row,
)
from tests.inspections.outcome_support import _similar_group

pytestmark = pytest.mark.django_db

NOT_GRADED = "not graded yet"


@pytest.fixture
def liaison_b(reference, force_b):
    user = UserFactory(username="liaison-b", groups=[roles.FORCE_LIAISON])
    ForceLiaison.objects.create(user=user, force=force_b)
    return user


@pytest.fixture
def graded_a(inspection_a):
    """Force A: NP published as Meeting; DCFP concluded nationally as Exceeding, unpublished."""
    grade_area(inspection_a, "np", MEETS)
    grade_area(inspection_a, "dcfp", EXCEEDS, AssessmentStatus.NATIONALLY_MODERATED)
    return inspection_a


# Visibility -------------------------------------------------------------------------------


def test_it_lists_every_territorial_force_with_the_graded_areas(client, bob, programme_2008):
    client.force_login(bob)
    html = page(client)
    assert forces_shown(html) == list(Force.objects.territorial().values_list("name", flat=True))
    assert len(forces_shown(html)) == 43
    assert "Neighbourhood Policing" in html and "Developing Citizen Focus Policing" in html
    assert cells(html, "Staffordshire") == [NOT_GRADED, NOT_GRADED]


@pytest.mark.parametrize("username", ["bob", "liaison", "panel"])
def test_published_grade_is_shown_to_every_signed_in_user(
    client, graded_a, bob, liaison, panel, username
):
    client.force_login({"bob": bob, "liaison": liaison, "panel": panel}[username])
    html = page(client)
    assert cells(html, "Force A")[0] == "Meets"


@pytest.mark.parametrize("username", ["alice", "hmi", "panel"])
def test_unpublished_final_grade_is_a_draft_for_those_who_see_the_inspection(
    client, graded_a, alice, hmi, panel, username
):
    client.force_login({"alice": alice, "hmi": hmi, "panel": panel}[username])
    assert cells(page(client), "Force A") == ["Meets", "Exceeds Draft"]


def test_unpublished_final_grade_is_hidden_from_bob_and_other_forces_liaisons(
    client, graded_a, bob, liaison, liaison_b
):
    for user in (bob, liaison_b, liaison):
        client.force_login(user)
        html = page(client)
        assert cells(html, "Force A") == ["Meets", NOT_GRADED]
        # The key above the table names every level; the row must not hold the hidden grade.
        assert "Exceed" not in row(html, "Force A") and "Draft<span" not in html


def test_liaison_sees_a_draft_grade_only_of_an_area_released_to_the_force(
    client, inspection_a, liaison, liaison_b
):
    # NP released to the force (the inspection is in its factual-accuracy check); DCFP
    # concluded nationally but not released: its grade stays out of the liaison's sight.
    grade_area(inspection_a, "np", MEETS, AssessmentStatus.RELEASED)
    grade_area(inspection_a, "dcfp", EXCEEDS, AssessmentStatus.NATIONALLY_MODERATED)
    inspection_a.status = InspectionStatus.FACTUAL_ACCURACY
    inspection_a.save()
    client.force_login(liaison)
    html = page(client)
    assert cells(html, "Force A") == ["Meets Draft", NOT_GRADED]
    assert "Exceed" not in row(html, "Force A")
    client.force_login(liaison_b)
    # A demo force with nothing published is not even a row for another force's liaison.
    assert "Force A" not in forces_shown(page(client))


def test_grade_not_yet_concluded_nationally_is_not_shown(client, inspection_a, hmi):
    grade_area(inspection_a, "np", MEETS, AssessmentStatus.REGIONALLY_MODERATED)
    client.force_login(hmi)
    assert cells(page(client), "Force A") == [NOT_GRADED, NOT_GRADED]


def test_demo_force_row_does_not_reveal_an_inspection_out_of_reach(
    client, inspection_a, inspection_b, alice, bob
):
    grade_area(inspection_a, "dcfp", EXCEEDS, AssessmentStatus.NATIONALLY_MODERATED)
    client.force_login(bob)
    html = page(client)
    assert "Force A" not in html and "Force B" in forces_shown(html)
    client.force_login(alice)
    assert "Force A" in forces_shown(page(client))


# Grades printed by a national report --------------------------------------------------------


def test_printed_grade_fills_a_cell_no_inspection_grades(client, bob, programme_2008):
    staffs = Force.objects.get(name="Staffordshire")
    print_grade(programme_2008, staffs, "np", MEETS)
    print_grade(programme_2008, staffs, "dcfp", FAILS)
    client.force_login(bob)
    html = page(client)
    assert cells(html, "Staffordshire") == ["Meets Report", "Fails Report"]
    assert "as printed in the national report" in html


def test_inspection_grade_takes_precedence_over_the_printed_one(
    client, graded_a, programme_2008, force_a, alice, bob
):
    print_grade(programme_2008, force_a, "np", FAILS)
    print_grade(programme_2008, force_a, "dcfp", FAILS)
    client.force_login(alice)
    assert cells(page(client), "Force A") == ["Meets", "Exceeds Draft"]
    # Bob may not see the draft, so he gets the printed grade instead.
    client.force_login(bob)
    assert cells(page(client), "Force A") == ["Meets", "Fails Report"]


# Filters ----------------------------------------------------------------------------------


@pytest.fixture
def four_shires(programme_2008):
    north, south = RegionFactory(name="North test"), RegionFactory(name="South test")
    return [
        ForceFactory(name=f"Shire {n}", region=north if n < 2 else south, is_fictional=False)
        for n in range(4)
    ]


def test_filters_by_region(client, bob, four_shires):
    client.force_login(bob)
    region = four_shires[2].region_id
    assert forces_shown(page(client, f"?region={region}")) == ["Shire 2", "Shire 3"]


def test_filters_by_msf_group_of_a_force(client, bob, four_shires):
    _similar_group(four_shires[0], [four_shires[2], Force.objects.get(name="Staffordshire")])
    client.force_login(bob)
    html = page(client, f"?similar_to={four_shires[0].pk}")
    assert forces_shown(html) == ["Shire 0", "Shire 2", "Staffordshire"]
    html = page(client, f"?similar_to={four_shires[0].pk}&region={four_shires[0].region_id}")
    assert forces_shown(html) == ["Shire 0"]


@pytest.mark.parametrize("query", ["?region=north", "?region=999999", "?similar_to=x1"])
def test_bad_filter_value_shows_the_error_and_leaves_the_table_unfiltered(
    client, bob, four_shires, query
):
    client.force_login(bob)
    html = page(client, query)
    assert "cannot be used here" in html
    assert "Select a valid choice" in html
    assert len(forces_shown(html)) == 47


def test_msf_filter_does_not_accept_a_force_out_of_reach(client, bob, inspection_a):
    client.force_login(bob)
    html = page(client, f"?similar_to={inspection_a.force_id}")
    assert "Select a valid choice" in html and "Force A" not in html


# Access -----------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, programme_2008):
    for name in ("national_grades", "national_grades_csv"):
        response = client.get(reverse(f"inspections:{name}", args=[2008]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("year", [1999, 2009, 99999999999999999999])
def test_unknown_programme_is_404(client, bob, programme_2008, year):
    client.force_login(bob)
    for name in ("national_grades", "national_grades_csv"):
        assert client.get(reverse(f"inspections:{name}", args=[year])).status_code == 404


def test_navigation_leads_to_the_latest_programme(client, bob, programme_2008):
    client.force_login(bob)
    home = client.get(reverse("home")).content.decode()
    latest = reverse("inspections:national_grades_latest")
    assert f'href="{latest}"' in home
    response = client.get(latest)
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:national_grades", args=[2008])


def test_other_programme_has_its_own_areas(client, bob, programme_2008):
    client.force_login(bob)
    html = page(client, year=2007)
    assert "Child Abuse" in html and "Performance Management" in html
    # The PVP overview is printed without a grade, so it has no column.
    assert ">Overview<" not in html
    assert len(cells(html, "Staffordshire")) == 6
