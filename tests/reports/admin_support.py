"""Shared pieces of the admin import tests: uploads, tokens, messages, pending files."""

from pathlib import Path

from django.conf import settings as django_settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

UPLOAD_URL = reverse("admin:reports_reportimport_import")
CONFIRM_URL = reverse("admin:reports_reportimport_import_confirm")
CHANGELIST_URL = reverse("admin:reports_reportimport_changelist")
REPORT = b"Force A\nNeighbourhood Policing\nA report written for these tests.\n"


def _upload(client, content=REPORT, name="force-a-2008.txt", **data):
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, content), **data})


def _token(response) -> str:
    return response.context["token"]


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _not_confirmed(response) -> bool:
    return any("could not be confirmed" in message for message in _messages(response))


def _pending_files() -> list[Path]:
    return sorted((Path(django_settings.VAR_DIR) / "report-imports").glob("*.upload"))
