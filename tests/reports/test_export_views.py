import json

from django.urls import reverse

from inspections.models import AssessmentStatus, InspectionStatus
from tests.reports.export_support import item, leaf, schema_validate


def _url(inspection) -> str:
    return reverse("reports:inspection_export", args=[inspection.pk])


def test_team_member_downloads_the_document_as_an_attachment(client, alice, inspection_a):
    item(leaf(inspection_a, "np", "1.1"), "Each ward has a named officer.", order=1)
    client.force_login(alice)

    response = client.get(_url(inspection_a))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    slug = inspection_a.force.slug
    assert response["Content-Disposition"] == f'attachment; filename="{slug}-2008.json"'
    document = json.loads(response.content.decode())
    schema_validate(document)
    assert document["areas"][0]["criteria"][0]["strengths"][0]["text"] == (
        "Each ward has a named officer."
    )


def test_moderator_may_download_any_inspection(client, panel, inspection_b):
    client.force_login(panel)

    assert client.get(_url(inspection_b)).status_code == 200


def test_it_checks_access(client, bob, inspection_a):
    client.force_login(bob)

    assert client.get(_url(inspection_a)).status_code == 404
    assert client.get(reverse("reports:inspection_export", args=[999999])).status_code == 404


def test_liaison_of_force_a_gets_404_on_force_b(client, liaison, inspection_a, inspection_b):
    client.force_login(liaison)

    assert client.get(_url(inspection_b)).status_code == 404


def test_liaison_gets_only_the_areas_released_to_the_force(client, liaison, inspection_a):
    inspection_a.status = InspectionStatus.FACTUAL_ACCURACY
    inspection_a.save()
    released = inspection_a.areas.get(framework__code="np")
    released.status = AssessmentStatus.RELEASED
    released.save()
    item(leaf(inspection_a, "dcfp", "1"), "Draft finding the force must not see yet.", order=1)
    client.force_login(liaison)

    response = client.get(_url(inspection_a))

    assert response.status_code == 200
    document = json.loads(response.content.decode())
    schema_validate(document)
    assert [area["name"] for area in document["areas"]] == ["Neighbourhood Policing"]
    assert "Draft finding" not in response.content.decode()


def test_team_member_gets_every_area_in_drafting(client, alice, inspection_a):
    client.force_login(alice)

    document = json.loads(client.get(_url(inspection_a)).content.decode())

    assert len(document["areas"]) == 2


def test_anonymous_is_sent_to_login(client, inspection_a):
    response = client.get(_url(inspection_a))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_only_get_is_allowed(client, alice, inspection_a):
    client.force_login(alice)

    assert client.post(_url(inspection_a)).status_code == 405


def test_inspection_page_links_to_the_download(client, alice, inspection_a):
    client.force_login(alice)

    response = client.get(reverse("inspections:inspection_detail", args=[inspection_a.pk]))

    assert f'href="{_url(inspection_a)}"' in response.content.decode()
    assert "Download JSON" in response.content.decode()
