"""The force overview and context: the report-style page, its edit form and the service."""

import pytest
from django.urls import reverse

from forces.models import PartnershipArea
from inspections.models import Inspection, InspectionStatus
from inspections.services.overview import (
    OVERVIEW_FIELDS,
)
from tests.factories import CommandUnitFactory, ForceFactory

pytestmark = pytest.mark.django_db

TEXTS = {
    "overview": "Force A polices two towns and the moorland between them.",
    "geography": "Hills to the west.\n\nA river port to the east.",
    "demographics": "The population is growing slowly.",
    "strategic_priorities": "The plan aims to:\n- cut burglary;\n- answer calls faster.",
    "performance_overview": "Crime fell for a third year.",
    "developments": "A new control room opened in the spring.",
}


def detail_url(inspection):
    return reverse("inspections:overview_detail", args=[inspection.pk])


def edit_url(inspection):
    return reverse("inspections:overview_edit", args=[inspection.pk])


def form_data(client, inspection, **changes):
    """What the edit form holds when opened now, with `changes` typed in."""
    response = client.get(edit_url(inspection))
    assert response.status_code == 200
    initial = response.context["form"].initial
    return {**{name: initial[name] for name in [*OVERVIEW_FIELDS, "fingerprint"]}, **changes}


def add_units(force, count):
    units = []
    for n in range(count):
        unit = CommandUnitFactory(force=force, name=f"Division {n}", order=n)
        for m in range(2):
            PartnershipArea.objects.create(
                command_unit=unit, name=f"Area {n}.{m}", order=m, population=1, households=1
            )
        units.append(unit)
    return units


# Access


def test_it_checks_access(client, bob, inspection_a):
    client.force_login(bob)
    assert client.get(detail_url(inspection_a)).status_code == 404
    assert client.get(edit_url(inspection_a)).status_code == 404
    assert client.post(edit_url(inspection_a), {"geography": "x"}).status_code == 404


def test_team_member_sees_the_overview(client, alice, inspection_a):
    client.force_login(alice)
    response = client.get(detail_url(inspection_a))
    assert response.status_code == 200
    assert edit_url(inspection_a) in response.content.decode()


def test_force_liaison_cannot_see_the_overview_before_release(client, liaison, inspection_a):
    client.force_login(liaison)
    assert client.get(detail_url(inspection_a)).status_code == 404
    assert client.get(edit_url(inspection_a)).status_code == 404


def test_force_liaison_reads_the_released_overview_but_cannot_edit(client, liaison, inspection_a):
    Inspection.objects.filter(pk=inspection_a.pk).update(status=InspectionStatus.FACTUAL_ACCURACY)
    client.force_login(liaison)
    assert client.get(detail_url(inspection_a)).status_code == 200
    assert client.get(edit_url(inspection_a)).status_code == 403


def test_moderator_reads_the_overview_but_may_not_edit_it(client, panel, inspection_a):
    client.force_login(panel)
    response = client.get(detail_url(inspection_a))
    assert response.status_code == 200
    assert edit_url(inspection_a) not in response.content.decode()
    assert client.get(edit_url(inspection_a)).status_code == 403
    assert client.post(edit_url(inspection_a), {"geography": "x"}).status_code == 403
    inspection_a.refresh_from_db()
    assert inspection_a.geography == ""


def test_anonymous_visitor_is_sent_to_log_in(client, inspection_a):
    for url in (detail_url(inspection_a), edit_url(inspection_a)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


# The display page


def test_page_prints_the_sections_as_the_report_does(client, alice, inspection_a):
    Inspection.objects.filter(pk=inspection_a.pk).update(**TEXTS)
    client.force_login(alice)
    html = client.get(detail_url(inspection_a)).content.decode()
    for heading in (
        "Force overview and context",
        "Geographical description of the force area",
        "Demographic description of the force area",
        "Strategic priorities",
        "Force performance overview",
        "Developments since the last inspection",
    ):
        assert heading in html
    assert "<p>Hills to the west.</p>" in html
    assert "<ul><li>cut burglary;</li><li>answer calls faster.</li></ul>" in html
    assert "not written yet" not in html.lower()


def test_empty_sections_say_so_and_link_team_members_to_the_form(client, alice, inspection_a):
    client.force_login(alice)
    html = client.get(detail_url(inspection_a)).content.decode()
    assert html.count("not-written") == len(OVERVIEW_FIELDS)
    assert f'{edit_url(inspection_a)}#id_geography"' in html


def test_empty_sections_offer_no_edit_link_to_readers(client, panel, inspection_a):
    client.force_login(panel)
    html = client.get(detail_url(inspection_a)).content.decode()
    assert html.count("not-written") == len(OVERVIEW_FIELDS)
    assert "Write it" not in html


def test_texts_are_escaped_on_the_page(client, alice, inspection_a):
    # Stored around the form (e.g. by an import), mark-up must still print as text.
    Inspection.objects.filter(pk=inspection_a.pk).update(
        geography="<script>alert(1)</script>", strategic_priorities="- <b>bold</b>"
    )
    client.force_login(alice)
    html = client.get(detail_url(inspection_a)).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<li>&lt;b&gt;bold&lt;/b&gt;</li>" in html


def test_demographics_table_lists_units_areas_and_the_force_total(client, alice, inspection_a):
    north = CommandUnitFactory(
        force=inspection_a.force,
        name="North division",
        order=1,
        population=219_097,
        households=91_306,
        figures_source="mid-year estimates 2006",
    )
    PartnershipArea.objects.create(
        command_unit=north, name="Moorlands", order=1, population=95_322, households=39_514
    )
    PartnershipArea.objects.create(
        command_unit=north, name="Lyme", order=2, population=123_775, households=51_792
    )
    CommandUnitFactory(
        force=inspection_a.force,
        name="City division",
        order=2,
        population=239_669,
        households=103_647,
    )
    CommandUnitFactory(force=ForceFactory(), name="Elsewhere division")
    client.force_login(alice)
    response = client.get(detail_url(inspection_a))
    html = response.content.decode()
    assert [unit.name for unit in response.context["demographics"]["units"]] == [
        "North division",
        "City division",
    ]
    assert "Elsewhere division" not in html
    table = html[html.index("<table") : html.index("</table>")]
    assert table.index("North division") < table.index("Moorlands") < table.index("Lyme")
    assert table.index("Lyme") < table.index("City division")
    assert "219,097" in table and "95,322" in table
    total = table[table.index("force-total") :]
    assert "458,766" in total  # 219,097 + 239,669
    assert "194,953" in total  # 91,306 + 103,647
    assert "mid-year estimates 2006" in html


def test_force_without_command_units_says_so(client, alice, inspection_a):
    client.force_login(alice)
    html = client.get(detail_url(inspection_a)).content.decode()
    assert "No command units are recorded" in html
    assert "force-total" not in html


def test_missing_figures_are_flagged_not_counted(client, alice, inspection_a):
    CommandUnitFactory(force=inspection_a.force, population=1000, households=400)
    CommandUnitFactory(force=inspection_a.force, population=None, households=None)
    client.force_login(alice)
    response = client.get(detail_url(inspection_a))
    assert response.context["demographics"]["population"] == 1000
    assert "counts only the figures recorded" in response.content.decode()


def test_administrator_is_linked_to_the_force_in_the_admin(client, admin_user, inspection_a):
    client.force_login(admin_user)
    html = client.get(detail_url(inspection_a)).content.decode()
    assert reverse("admin:forces_force_change", args=[inspection_a.force.pk]) in html


def test_inspector_is_told_administrators_keep_the_figures(client, alice, inspection_a):
    client.force_login(alice)
    html = client.get(detail_url(inspection_a)).content.decode()
    assert "/admin/" not in html
    assert "kept by administrators" in html


@pytest.mark.parametrize("units", [2, 12])
def test_page_queries_stay_constant_as_units_grow(
    client, alice, inspection_a, units, django_assert_max_num_queries
):
    add_units(inspection_a.force, units)
    client.force_login(alice)
    with django_assert_max_num_queries(9):
        response = client.get(detail_url(inspection_a))
    assert response.status_code == 200
    assert response.content.decode().count("app-indent") == units * 2


# Editing


def test_team_member_saves_the_overview_and_history_names_them(client, alice, inspection_a):
    client.force_login(alice)
    response = client.post(edit_url(inspection_a), form_data(client, inspection_a, **TEXTS))
    assert response.status_code == 302
    assert response["Location"] == detail_url(inspection_a)
    inspection_a.refresh_from_db()
    assert {name: getattr(inspection_a, name) for name in OVERVIEW_FIELDS} == TEXTS
    latest = inspection_a.history.latest()
    assert latest.history_user == alice
    assert latest.geography == TEXTS["geography"]
    page = client.get(response["Location"]).content.decode()
    assert "Force overview saved." in page


def test_browser_line_endings_are_stored_as_newlines(client, alice, inspection_a):
    client.force_login(alice)
    data = form_data(client, inspection_a, geography="One.\r\n\r\nTwo.")
    client.post(edit_url(inspection_a), data)
    inspection_a.refresh_from_db()
    assert inspection_a.geography == "One.\n\nTwo."


def test_unchanged_form_writes_no_history(client, alice, inspection_a):
    client.force_login(alice)
    before = inspection_a.history.count()
    response = client.post(edit_url(inspection_a), form_data(client, inspection_a), follow=True)
    assert "Nothing had changed" in response.content.decode()
    assert inspection_a.history.count() == before


def test_html_tag_is_refused_and_nothing_changes(client, alice, inspection_a):
    client.force_login(alice)
    before = inspection_a.history.count()
    data = form_data(client, inspection_a, geography="Hills <script>x</script>", developments="ok")
    response = client.post(edit_url(inspection_a), data)
    assert response.status_code == 400
    assert "Write plain text" in response.content.decode()
    inspection_a.refresh_from_db()
    assert (inspection_a.geography, inspection_a.developments) == ("", "")
    assert inspection_a.history.count() == before


def test_over_long_text_is_refused_and_nothing_changes(client, alice, inspection_a):
    client.force_login(alice)
    before = inspection_a.history.count()
    data = form_data(client, inspection_a, developments="x" * 20_001)
    response = client.post(edit_url(inspection_a), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "This section has 20,001 characters; a section may have at most 20,000." in html
    assert "Nothing was saved" in html
    inspection_a.refresh_from_db()
    assert inspection_a.developments == ""
    assert inspection_a.history.count() == before


def test_form_without_its_version_marker_is_refused(client, alice, inspection_a):
    client.force_login(alice)
    response = client.post(edit_url(inspection_a), {"geography": "Hills."})
    assert response.status_code == 400
    assert "missing its version marker" in response.content.decode()
    inspection_a.refresh_from_db()
    assert inspection_a.geography == ""


def test_second_of_two_concurrent_saves_is_refused_with_both_texts(
    client, alice, hmi, inspection_a
):
    client.force_login(alice)
    alices = form_data(client, inspection_a, geography="Alice: hills to the west.")
    client.force_login(hmi)
    hmis = form_data(client, inspection_a, geography="HMI: a river port to the east.")
    assert client.post(edit_url(inspection_a), hmis).status_code == 302

    client.force_login(alice)
    response = client.post(edit_url(inspection_a), alices)

    assert response.status_code == 409
    html = response.content.decode()
    assert "were not saved" in html
    assert "HMI: a river port to the east." in html  # theirs, beside the form
    assert response.context["form"]["geography"].value() == "Alice: hills to the west."
    inspection_a.refresh_from_db()
    assert inspection_a.geography == "HMI: a river port to the east."

    # Saving again from the refreshed form knowingly replaces the other version.
    retry = {
        **{name: response.context["form"][name].value() for name in OVERVIEW_FIELDS},
        "fingerprint": response.context["form"]["fingerprint"].value(),
    }
    assert client.post(edit_url(inspection_a), retry).status_code == 302
    inspection_a.refresh_from_db()
    assert inspection_a.geography == "Alice: hills to the west."
    assert inspection_a.history.latest().history_user == alice


def test_conflict_keeps_sections_only_the_other_person_changed(client, alice, hmi, inspection_a):
    client.force_login(alice)
    alices = form_data(client, inspection_a, developments="Alice's news.")
    client.force_login(hmi)
    client.post(edit_url(inspection_a), form_data(client, inspection_a, geography="HMI's hills."))

    client.force_login(alice)
    response = client.post(edit_url(inspection_a), alices)

    assert response.status_code == 409
    form = response.context["form"]
    assert form["developments"].value() == "Alice's news."
    assert form["geography"].value() == "HMI's hills."  # not silently blanked on retry
    assert response.context["merge"].taken == ["geography"]
    assert response.context["merge"].conflicting == []


def test_a_change_to_the_status_is_not_an_overview_conflict(client, alice, inspection_a):
    client.force_login(alice)
    data = form_data(client, inspection_a, geography="Hills.")
    inspection_a.status = InspectionStatus.FIELDWORK
    inspection_a.save()
    assert client.post(edit_url(inspection_a), data).status_code == 302
    inspection_a.refresh_from_db()
    assert (inspection_a.status, inspection_a.geography) == (InspectionStatus.FIELDWORK, "Hills.")


def test_published_inspection_overview_is_frozen(client, alice, inspection_a):

    inspection_a.status = InspectionStatus.PUBLISHED
    inspection_a.save()
    client.force_login(alice)
    url = reverse("inspections:overview_edit", args=[inspection_a.pk])
    assert client.get(url).status_code == 403
