"""Every signed-in user changes their own password at /account/password/."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = "/account/password/"


def _change(client, old="secret", new="a-Longer-passphrase-42"):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_it_checks_access(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["alice", "liaison", "admin_user"])
def test_every_role_reaches_the_page_from_the_navigation(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    home = client.get(reverse("home")).text
    assert f'href="{URL}"' in home and "Change password" in home
    page = client.get(URL)
    assert page.status_code == 200
    assert "Change your password" in page.text and "css/application.css" in page.text


def test_changing_the_password_keeps_this_session_and_ends_the_others(client, alice):
    elsewhere = Client()
    elsewhere.force_login(alice)
    client.force_login(alice)
    response = _change(client)
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    done = client.get(response["Location"])
    assert "Password changed" in done.text
    assert client.get(reverse("home")).status_code == 200
    assert elsewhere.get(reverse("home")).status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-Longer-passphrase-42") and not alice.check_password("secret")


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("wrong", "a-Longer-passphrase-42", "Your old password was entered incorrectly"),
        ("secret", "short", "This password is too short"),
        ("secret", "password123", "This password is too common"),
    ],
)
def test_a_refused_change_says_why_and_changes_nothing(client, alice, old, new, message):
    client.force_login(alice)
    response = _change(client, old=old, new=new)
    assert response.status_code == 200 and message in response.text
    alice.refresh_from_db()
    assert alice.check_password("secret")
