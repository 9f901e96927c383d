import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_requires_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_inspector_sees_only_their_teams_inspections(client, alice, inspection_a, inspection_b):
    client.force_login(alice)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert list(response.context["inspections"]) == [inspection_a]
    assert "Force B" not in response.content.decode()


def test_moderator_sees_every_inspection(client, panel, inspection_a, inspection_b):
    client.force_login(panel)
    response = client.get(reverse("home"))
    assert set(response.context["inspections"]) == {inspection_a, inspection_b}


def test_force_liaison_sees_no_inspection_before_release(client, liaison, inspection_a):
    client.force_login(liaison)
    response = client.get(reverse("home"))
    assert list(response.context["inspections"]) == []


def test_login_page_signs_a_user_in(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "secret"})
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == alice


def test_wrong_password_shows_an_error(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
