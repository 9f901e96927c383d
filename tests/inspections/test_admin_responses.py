"""The admin for recommendation responses: administrators keep the addressee bodies and name
their responders; responses themselves are read-only there (recorded through the service)."""

import datetime

import pytest
from django.urls import reverse

from forces.models import Force
from inspections.models import AddresseeBody, RecommendationResponse, ResponseStatus
from inspections.services.responses import response_record
from tests.factories import UserFactory
from tests.reports.national_support import recommend

pytestmark = pytest.mark.django_db


def test_an_administrator_names_a_bodys_responders(client, admin_user):
    official = UserFactory(username="official")
    body = AddresseeBody.objects.get(slug="home-office")
    client.force_login(admin_user)
    url = reverse("admin:inspections_addresseebody_change", args=[body.pk])
    assert client.get(url).status_code == 200
    data = {"name": body.name, "slug": body.slug, "responders": [official.pk]}
    assert client.post(url, data).status_code == 302
    assert list(body.responders.all()) == [official]


def test_responses_are_read_only_in_the_admin(client, admin_user, programme_2008):
    programme_2008.national_published_on = datetime.date(2008, 11, 1)
    programme_2008.save()
    recommendation = recommend(programme_2008, 1, "Review.", "forces")
    recommendation.to_all_forces = True
    recommendation.save()
    response = response_record(
        recommendation=recommendation,
        user=admin_user,
        force=Force.objects.get(slug="kent"),
        status=ResponseStatus.ACCEPTED,
        account="Accepted by letter.",
        version="",
        reason="Sent by letter",
    )
    client.force_login(admin_user)
    change = reverse("admin:inspections_recommendationresponse_change", args=[response.pk])
    page = client.get(change)
    assert page.status_code == 200 and "Accepted by letter." in page.content.decode()
    assert client.post(change, {"status": "implemented", "account": "x"}).status_code == 403
    add = reverse("admin:inspections_recommendationresponse_add")
    assert client.get(add).status_code == 403
    assert RecommendationResponse.objects.get().status == ResponseStatus.ACCEPTED
