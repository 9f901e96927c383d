"""The release steps work: collectstatic with the production storage, then pages render with
debug off and WhiteNoise serves the hashed, compressed files."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC = "/static/"


@pytest.fixture
def collected(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = PRODUCTION_STORAGES
    # A vendored file that names a missing source map stops this command; when updating
    # static/vendor/, remove the sourceMappingURL comment (the .map files are not shipped).
    call_command("collectstatic", "--noinput", verbosity=0)
    return settings.STATIC_ROOT


def test_collectstatic_then_pages_and_static_files_are_served(collected, alice):
    assert (collected / "staticfiles.json").exists()
    # A new client, so WhiteNoise starts up looking at the collected folder.
    client = Client()
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    stylesheet = re.search(rf'href="({STATIC}css/application\.\w{{12}}\.css)"', page.text)
    script = re.search(rf'src="({STATIC}js/application\.\w{{12}}\.js)"', page.text)
    # application.js imports GOV.UK Frontend from the URL the page gives it: the hashed one.
    module = re.search(
        rf'data-govuk-frontend="({STATIC}vendor/govuk-frontend/govuk-frontend\.min\.\w{{12}}\.js)"',
        page.text,
    )
    assert stylesheet and script and module, "pages must link the hashed names from the manifest"
    client.force_login(alice)
    home = client.get("/")
    assert home.status_code == 200 and stylesheet[1] in home.text
    for url in (stylesheet[1], script[1], module[1]):
        response = client.get(url, headers={"Accept-Encoding": "br, gzip"})
        assert response.status_code == 200, url
        assert response["Content-Encoding"] in {"br", "gzip"}
        # Hashed names are cached for good, even for a signed-in user (never no-store).
        assert "immutable" in response["Cache-Control"]
        assert "no-store" not in response["Cache-Control"]
