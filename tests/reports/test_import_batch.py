"""Importing several reports at once: the command with files or a folder, and the admin's
multi-file upload with one preview and one confirmation."""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from inspections.models import Inspection
from reports.models import ReportImport
from tests.reports.admin_support import CONFIRM_URL, UPLOAD_URL, _pending_files
from tests.reports.batch_support import force_variant, write_reports

pytestmark = pytest.mark.django_db

FORCES = [
    ("Durham", "Durham Constabulary"),
    ("Dorset", "Dorset Police"),
    ("Gwent", "Gwent Police"),
]


def _run(*args) -> tuple[str, int]:
    out = StringIO()
    try:
        call_command("import_report", *map(str, args), stdout=out)
    except CommandError as error:
        return out.getvalue(), error.returncode
    return out.getvalue(), 0


def _imported_forces() -> set[str]:
    return set(Inspection.objects.values_list("force__name", flat=True))


def test_several_files_each_import_and_a_table_says_what_each_became(reference, tmp_path):
    paths = write_reports(tmp_path, FORCES)

    output, status = _run(*paths)

    assert status == 0
    assert _imported_forces() == {"Durham", "Dorset", "Gwent"}
    assert ReportImport.objects.count() == 3
    lines = output.splitlines()
    assert lines[0].split() == ["file", "became", "force", "/", "programme", "record", "warnings"]
    for path, (force, _) in zip(paths, FORCES, strict=True):
        inspection = Inspection.objects.get(force__name=force)
        row = next(line for line in lines if line.startswith(path.name))
        assert "force" in row and f"{force} (2008)" in row and f"inspection {inspection.pk}" in row
    assert lines[-1] == "3 imported, 0 refused, of 3 files."


def test_a_folder_imports_every_file_in_it(reference, tmp_path):
    write_reports(tmp_path / "reports", FORCES)

    output, status = _run(tmp_path / "reports")

    assert status == 0 and _imported_forces() == {"Durham", "Dorset", "Gwent"}
    assert "3 imported" in output


def test_one_failing_file_does_not_stop_the_others_and_the_exit_status_is_2(reference, tmp_path):
    paths = write_reports(tmp_path, FORCES[:2])
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    unknown = tmp_path / "nowhere.md"
    unknown.write_bytes(force_variant("Nowhere", "Nowhere Constabulary"))

    output, status = _run(paths[0], empty, unknown, paths[1])

    assert status == 2
    assert _imported_forces() == {"Durham", "Dorset"}
    rows = {line.split()[0]: line for line in output.splitlines()[1:-1] if line[:1] != " "}
    assert "The file is empty." in rows["empty.txt"]
    assert "not one of the 43 forces" in rows["nowhere.md"]
    assert output.splitlines()[-1] == "2 imported, 2 refused, of 4 files."


def test_a_second_import_in_the_same_batch_is_refused_alone(reference, tmp_path):
    (first,) = write_reports(tmp_path / "a", FORCES[:1])
    (again,) = write_reports(tmp_path / "b", FORCES[:1])

    output, status = _run(first, again)

    assert status == 2 and Inspection.objects.count() == 1
    assert "1 imported, 1 refused" in output


def test_json_prints_one_line_per_file(reference, tmp_path):
    paths = write_reports(tmp_path, FORCES[:2])
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  ")

    output, status = _run(*paths, empty, "--json")

    assert status == 2
    lines = [json.loads(line) for line in output.splitlines()]
    assert [line["file"] for line in lines] == [paths[0].name, paths[1].name, "empty.txt"]
    assert lines[0]["ok"] and lines[0]["kind"] == "force"
    assert lines[0]["inspection"] == Inspection.objects.get(force__name="Durham").pk
    assert lines[0]["summary"]["force"] == "Durham" and isinstance(lines[0]["warnings"], list)
    assert lines[2] == {
        "file": "empty.txt",
        "ok": False,
        "kind": "refused",
        "error": "The file is empty.",
    }


def test_dry_run_of_several_files_saves_nothing(reference, tmp_path):
    paths = write_reports(tmp_path, FORCES[:2])

    output, status = _run(*paths, "--dry-run")

    assert status == 0 and "dry run" in output
    assert Inspection.objects.count() == 0 and ReportImport.objects.count() == 0


def test_one_file_still_prints_one_json_object(reference, tmp_path):
    (path,) = write_reports(tmp_path, FORCES[:1])

    output, status = _run(path)

    assert status == 0
    assert json.loads(output)["inspection"] == Inspection.objects.get().pk


def test_a_missing_path_among_several_is_refused_before_anything_imports(reference, tmp_path):
    (path,) = write_reports(tmp_path, FORCES[:1])

    output, status = _run(path, tmp_path / "missing.md")

    assert status == 2 and Inspection.objects.count() == 0


# The admin's multi-file upload ----------------------------------------------------------------


def _upload_many(client, files: list[tuple[str, bytes]]):
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(UPLOAD_URL, {"file": uploads})


def _files() -> list[tuple[str, bytes]]:
    return [(f"{force.lower()}.md", force_variant(force, formal)) for force, formal in FORCES[:2]]


def test_admin_preview_lists_every_file_and_saves_nothing(staff_client, reference, own_var_dir):
    response = _upload_many(staff_client, [*_files(), ("empty.txt", b"  \n")])

    assert response.status_code == 200
    page = response.content.decode()
    assert "durham.md" in page and "dorset.md" in page
    assert "Durham (2008)" in page and "Not importable: The file is empty." in page
    assert len(response.context["tokens"]) == 2 and len(_pending_files()) == 2
    assert Inspection.objects.count() == 0 and ReportImport.objects.count() == 0


def test_admin_confirm_imports_every_previewed_file_each_on_its_own(
    staff_client, reference, own_var_dir
):
    preview = _upload_many(staff_client, _files())

    response = staff_client.post(CONFIRM_URL, {"token": preview.context["tokens"]})

    assert response.status_code == 200
    assert _imported_forces() == {"Durham", "Dorset"}
    assert set(ReportImport.objects.values_list("source_name", flat=True)) == {
        "durham.md",
        "dorset.md",
    }
    assert "Imported 2 of 2 files" in response.content.decode()
    assert _pending_files() == []


def test_admin_confirm_lists_a_file_refused_then_and_imports_the_others(
    staff_client, reference, own_var_dir, tmp_path
):
    preview = _upload_many(staff_client, _files())
    # Durham is imported elsewhere between the preview and the confirmation.
    call_command("import_report", str(write_reports(tmp_path, FORCES[:1])[0]), stdout=StringIO())

    response = staff_client.post(CONFIRM_URL, {"token": preview.context["tokens"]})

    assert response.status_code == 400
    assert ReportImport.objects.filter(source_name="dorset.md").exists()
    assert not ReportImport.objects.filter(source_name="durham.md").exists()
    assert "Imported 1 of 2 files" in response.content.decode()


def test_admin_refuses_more_files_than_the_limit(staff_client, reference, own_var_dir, settings):
    from reports.forms.imports import MAX_REPORT_FILES

    files = [(f"f{n}.md", b"x") for n in range(MAX_REPORT_FILES + 1)]
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = MAX_REPORT_FILES + 10

    response = _upload_many(staff_client, files)

    assert response.status_code == 400
    assert f"import at most {MAX_REPORT_FILES} at once" in response.content.decode()
