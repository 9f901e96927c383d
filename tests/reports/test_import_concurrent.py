"""Two imports of the same report at once: one saves it, the other exits with status 2 and one
line saying so, and nothing of it is kept. Whatever slips past the lock and meets a unique
constraint is refused the same way, from the command and from the admin."""

import io
import json
import os
import subprocess
import sys
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from forces.models import Force
from inspections.models import Inspection, Programme
from reports.importer import persist
from reports.importer.errors import CONCURRENT_IMPORT
from reports.importer.locks import import_lock_key
from reports.models import ReportImport
from tests.conftest import require_service
from tests.reports.admin_support import CONFIRM_URL, _token, _upload
from tests.reports.import_support import FIXTURES, FORCE, MARKDOWN, import_fixture, row_counts
from tests.worker_support import ROOT, database_url

REPORT = FIXTURES / MARKDOWN
WAIT = 60  # seconds for both processes to reach the lock, and then to finish


def _miss_the_earlier_import(monkeypatch) -> None:
    """As if another process saved the same report between this import's checks and its
    first insert: the checks find nothing, and the unique constraint has the last word."""
    monkeypatch.setattr(persist, "existing_inspection", lambda **kwargs: None)
    monkeypatch.setattr(persist, "result_refusals", lambda **kwargs: {})


@pytest.mark.django_db
def test_a_clash_on_a_unique_constraint_exits_2_with_the_message_and_saves_nothing(
    reference, monkeypatch
):
    call_command("import_report", str(REPORT), stdout=io.StringIO())
    before = row_counts()
    _miss_the_earlier_import(monkeypatch)
    with pytest.raises(CommandError) as refused:
        call_command("import_report", str(REPORT), stdout=io.StringIO())
    assert refused.value.returncode == 2
    assert str(refused.value) == CONCURRENT_IMPORT
    assert "\n" not in CONCURRENT_IMPORT
    assert row_counts() == before


@pytest.mark.django_db
def test_the_admin_upload_shows_the_clash_message_not_a_500(
    staff_client, admin_user, own_var_dir, monkeypatch
):
    preview = _upload(staff_client, content=REPORT.read_bytes(), name=MARKDOWN)
    assert preview.status_code == 200
    import_fixture(MARKDOWN, user=admin_user)  # another import, saved meanwhile
    before = row_counts()
    _miss_the_earlier_import(monkeypatch)
    response = staff_client.post(CONFIRM_URL, {"token": _token(preview)})
    assert response.status_code == 400
    assert CONCURRENT_IMPORT in response.content.decode()
    assert row_counts() == before


# Two real processes on PostgreSQL


@pytest.fixture
def postgresql(transactional_db):
    require_service(
        connection.vendor == "postgresql",
        "the concurrent import test needs PostgreSQL (set DATABASE_URL=postgres://...)",
    )


def _import_process(*options: str) -> subprocess.Popen:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings_test")
    env["DATABASE_URL"] = database_url()
    # Start-up notes logged at INFO are not the command's output; warnings and errors show.
    env["DJANGO_LOG_LEVEL"] = "WARNING"
    return subprocess.Popen(
        [sys.executable, "manage.py", "import_report", str(REPORT), *options],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _waiting_for(key: int) -> int:
    """How many sessions wait for the advisory lock `key` (PostgreSQL splits a bigint key
    into two 32-bit halves)."""
    unsigned = key & 0xFFFF_FFFF_FFFF_FFFF
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND classid = %s AND objid = %s AND objsubid = 1",
            [unsigned >> 32, unsigned & 0xFFFF_FFFF],
        )
        return cursor.fetchone()[0]


def _wait_until_both_wait(key: int, processes: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + WAIT
    while _waiting_for(key) < len(processes):
        finished = [p for p in processes if p.poll() is not None]
        if finished or time.monotonic() > deadline:
            for process in processes:
                process.kill()
            outputs = [process.communicate() for process in processes]
            pytest.fail(f"the imports did not both wait for their turn: {outputs}")
        time.sleep(0.05)


@pytest.mark.services
@pytest.mark.parametrize("options", [[], ["--replace"]], ids=["first-import", "replace"])
def test_two_processes_importing_the_same_report_at_once_save_it_once(
    postgresql, reference, options
):
    if options:
        import_fixture(MARKDOWN, user=None)  # the earlier import both set out to replace
    earlier = set(ReportImport.objects.values_list("pk", flat=True))
    key = import_lock_key(
        programme=Programme.objects.get(year=2008), force=Force.objects.get(name=FORCE)
    )
    # Holding the import's lock lines the two processes up: each has looked at what is stored
    # and waits for its turn before either saves, so their imports overlap for certain.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        processes = [_import_process(*options) for _ in range(2)]
        _wait_until_both_wait(key, processes)
    outputs = [process.communicate(timeout=WAIT) for process in processes]
    codes = [process.returncode for process in processes]
    assert sorted(codes) == [0, 2], outputs

    winner_out, _ = outputs[codes.index(0)]
    _, loser_err = outputs[codes.index(2)]
    assert "Traceback" not in loser_err and "IntegrityError" not in loser_err
    assert loser_err.strip().splitlines() == [f"CommandError: {CONCURRENT_IMPORT}"]

    inspection_id = json.loads(winner_out)["inspection"]
    new = ReportImport.objects.exclude(pk__in=earlier)
    assert list(new.values_list("inspection_id", flat=True)) == [inspection_id]
    inspections = Inspection.objects.filter(force__name=FORCE, programme__year=2008)
    assert list(inspections.values_list("pk", flat=True)) == [inspection_id]
