"""The admin pages of the report importer: read-only records, upload, dry run, confirm.

These tests stand a recording fake in for the importer, so they check what the pages do with
its answers; test_import_admin_real.py runs the real importer.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from reports.admin.imports import PENDING_SESSION_KEY
from reports.forms.imports import MAX_REPORT_BYTES
from reports.importer.errors import ImportRefused
from reports.models import ImportKind, ReportImport
from tests.factories import UserFactory
from tests.reports.admin_support import (
    CHANGELIST_URL,
    CONFIRM_URL,
    REPORT,
    UPLOAD_URL,
    _messages,
    _not_confirmed,
    _pending_files,
    _token,
    _upload,
)


@dataclass
class FakeResult:
    kind: str
    summary: dict
    warnings: list
    inspection_id: int | None = None
    programme_id: int | None = None
    report_import_id: int | None = None


@dataclass
class FakeImporter:
    """Records each call; saves a ReportImport only when not a dry run, as the real one does."""

    programme: object
    force: object
    calls: list = field(default_factory=list)
    refuse: str = ""
    refuse_when_saving: str = ""

    def __call__(self, *, data, source_name, user, programme_year, dry_run, replace):
        self.calls.append(
            {
                "data": data,
                "source_name": source_name,
                "user": user,
                "programme_year": programme_year,
                "dry_run": dry_run,
                "replace": replace,
            }
        )
        if self.refuse or (self.refuse_when_saving and not dry_run):
            raise ImportRefused(self.refuse or self.refuse_when_saving)
        summary = {"force": self.force.name, "areas": [{"name": "Neighbourhood Policing"}]}
        warnings = [
            {"line": 3, "message": "Paragraph read as a strength."},
            {"line": 5, "end_line": 8, "message": "Table skipped."},
        ]
        record = None
        if not dry_run:
            record = ReportImport.objects.create(
                kind=ImportKind.FORCE,
                programme=self.programme,
                force=self.force,
                source_name=source_name,
                sha256="0" * 64,
                size=len(data),
                summary=summary,
                warnings=warnings,
                replaced=replace,
                imported_by=user,
            )
        return FakeResult("force", summary, warnings, report_import_id=record and record.pk)


@pytest.fixture
def fake_importer(monkeypatch, programme_2008, force_a):
    fake = FakeImporter(programme_2008, force_a)
    monkeypatch.setattr("reports.admin.imports.report_import", fake)
    return fake


def test_changelist_links_to_the_import_page_and_offers_no_add(staff_client):
    content = staff_client.get(CHANGELIST_URL).content.decode()

    assert f'href="{UPLOAD_URL}"' in content
    assert "Import a report" in content
    assert reverse("admin:reports_reportimport_add") not in content


def test_upload_shows_the_dry_run_and_saves_nothing(staff_client, fake_importer):
    response = _upload(staff_client, programme_year="2008", replace="on")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Line 3: Paragraph read as a strength." in content
    assert "Lines 5–8: Table skipped." in content
    assert "Neighbourhood Policing" in content
    assert "Confirm import" in content
    [call] = fake_importer.calls
    assert call["dry_run"] is True
    assert call["data"] == REPORT
    assert call["source_name"] == "force-a-2008.txt"
    assert (call["programme_year"], call["replace"]) == (2008, True)
    assert not ReportImport.objects.exists()


def test_confirm_imports_the_same_bytes_and_opens_the_new_record(staff_client, fake_importer):
    token = _token(_upload(staff_client))

    response = staff_client.post(CONFIRM_URL, {"token": token})

    record = ReportImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:reports_reportimport_change", args=[record.pk])
    assert _messages(response) == ["Imported force-a-2008.txt."]
    preview, saving = fake_importer.calls
    assert saving["dry_run"] is False
    assert saving["data"] == preview["data"] == REPORT
    assert (saving["source_name"], saving["programme_year"], saving["replace"]) == (
        "force-a-2008.txt",
        None,
        False,
    )
    assert _pending_files() == []
    assert staff_client.session[PENDING_SESSION_KEY] == {}


def test_a_token_confirms_once(staff_client, fake_importer):
    token = _token(_upload(staff_client))
    staff_client.post(CONFIRM_URL, {"token": token})

    response = staff_client.post(CONFIRM_URL, {"token": token})

    assert response["Location"] == UPLOAD_URL
    assert _not_confirmed(response)
    assert ReportImport.objects.count() == 1
    assert len(fake_importer.calls) == 2


@pytest.mark.parametrize("token", ["", "made-up", "../../etc/passwd"])
def test_unknown_token_is_refused_and_nothing_imported(staff_client, fake_importer, token):
    _upload(staff_client)

    response = staff_client.post(CONFIRM_URL, {"token": token})

    assert response.status_code == 302
    assert _not_confirmed(response)
    assert [call["dry_run"] for call in fake_importer.calls] == [True]
    assert not ReportImport.objects.exists()


def test_token_of_another_session_is_refused(client, admin_user, fake_importer):
    client.force_login(admin_user)
    token = _token(_upload(client))
    other = UserFactory(username="other-admin", is_staff=True, is_superuser=True)
    client.force_login(other)  # a new session

    response = client.post(CONFIRM_URL, {"token": token})

    assert _not_confirmed(response)
    assert not ReportImport.objects.exists()


def test_file_changed_after_the_preview_is_refused(staff_client, fake_importer):
    token = _token(_upload(staff_client))
    [stored] = _pending_files()
    stored.write_bytes(REPORT + b"Something added afterwards.\n")

    response = staff_client.post(CONFIRM_URL, {"token": token})

    assert _not_confirmed(response)
    assert not ReportImport.objects.exists()
    assert _pending_files() == []


def test_refused_file_shows_the_form_again_with_the_message(staff_client, fake_importer):
    fake_importer.refuse = "The file names no force this product knows."

    response = _upload(staff_client)

    assert response.status_code == 400
    content = response.content.decode()
    assert "Not imported: The file names no force this product knows." in content
    assert 'type="file"' in content
    assert not ReportImport.objects.exists()
    assert _pending_files() == []


def test_refusal_at_confirm_shows_the_form_with_the_message(staff_client, fake_importer):
    token = _token(_upload(staff_client))
    fake_importer.refuse_when_saving = "Force A 2008 was imported already."

    response = staff_client.post(CONFIRM_URL, {"token": token})

    assert response.status_code == 400
    assert "Not imported: Force A 2008 was imported already." in response.content.decode()
    assert not ReportImport.objects.exists()


def test_file_over_5_mb_is_refused_before_the_importer(staff_client, fake_importer):
    response = _upload(staff_client, content=b"x" * (MAX_REPORT_BYTES + 1))

    assert response.status_code == 400
    assert "larger than 5 MB" in response.content.decode()
    assert fake_importer.calls == []


def test_unknown_programme_year_is_refused_by_the_form(staff_client, fake_importer):
    response = _upload(staff_client, programme_year="1999")

    assert response.status_code == 400
    assert fake_importer.calls == []


def test_source_name_keeps_only_the_base_name(staff_client, fake_importer):
    _upload(staff_client, name="C:\\reports\\..\\force-a.txt")

    assert fake_importer.calls[0]["source_name"] == "force-a.txt"


def test_staff_without_the_add_permission_gets_403(client, fake_importer):
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_reportimport"))
    client.force_login(viewer)

    assert client.get(CHANGELIST_URL).status_code == 200
    assert "Import a report" not in client.get(CHANGELIST_URL).content.decode()
    assert client.get(UPLOAD_URL).status_code == 403
    assert _upload(client).status_code == 403
    assert client.post(CONFIRM_URL, {"token": "x"}).status_code == 403
    assert fake_importer.calls == []


def test_non_staff_are_sent_to_the_admin_login(client, alice, fake_importer):
    client.force_login(alice)

    response = _upload(client)

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert fake_importer.calls == []


def test_record_is_read_only_and_shows_summary_and_warnings(
    staff_client, fake_importer, admin_user
):
    staff_client.post(CONFIRM_URL, {"token": _token(_upload(staff_client))})
    record = ReportImport.objects.get()
    change_url = reverse("admin:reports_reportimport_change", args=[record.pk])

    content = staff_client.get(change_url).content.decode()
    listing = staff_client.get(CHANGELIST_URL).content.decode()

    assert "Lines 5–8: Table skipped." in content
    assert "Neighbourhood Policing" in content
    assert 'name="_save"' not in content
    assert "force-a-2008.txt" in listing
    assert '<td class="field-warning_count">2</td>' in listing
    delete_url = reverse("admin:reports_reportimport_delete", args=[record.pk])
    assert staff_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert staff_client.post(change_url, {"source_name": "changed"}).status_code == 403
    assert ReportImport.objects.get().source_name == "force-a-2008.txt"


# A force report of our own, in the mixed mark-up of converted reports, for the real importer.


@pytest.fixture(autouse=True)
def _own_var_dir(own_var_dir):
    """Each test keeps its pending uploads apart (see admin_support.own_var_dir)."""
