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


# A small force report written for the admin upload tests (and the browser test of its preview).
SYNTHETIC_REPORT = """\
# Force A Constabulary – Neighbourhood Policing and Developing Citizen Focus Policing

Inspection report written for the admin upload tests

October 2008

## Neighbourhood Policing

GRADE Meeting the standard

### Neighbourhoods are appropriately staffed.

Summary statement

In most of its command units the test force places neighbourhood staff where demand is.

### Strengths

- **Named contacts** Each ward lists a named constable and PCSO on its web page.
  - The names were right when an inspector checked three wards at random.
- Vacancies in the teams are filled within six weeks.

### Work in progress

- A new shift pattern is on trial in one division.

### Areas for improvement

None identified.

## Developing Citizen Focus Policing

GRADE Failing to meet the standard

Appendix A: Glossary

PCSO police community support officer
""".encode()
