"""Files the importer must refuse, with a clear message and nothing saved; and the dry run."""

import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, ManagementUtility, call_command

from grading.models import IndicatorResult
from reports.importer.errors import ImportRefused
from reports.importer.service import SERVICE_USERNAME, report_import
from tests.reports.import_support import (
    DCFP,
    FIXTURES,
    INFERRED_HEADING,
    INFERRED_LINE,
    MARKDOWN,
    fixture_bytes,
    import_fixture,
    row_counts,
    truncated_after_first_area,
    truncated_before_practice_appendix,
)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def _unknown_force() -> bytes:
    return fixture_bytes(MARKDOWN).replace(b"Cumbria Constabulary", b"Borsetshire Constabulary")


BAD_FILES = {
    "empty": (lambda: b"", "The file is empty."),
    "whitespace": (lambda: b"  \n\t\r\n   \n", "The file is empty."),
    "png": (lambda: PNG, "The file is binary, not a text report (it contains NUL bytes)."),
    "nul-bytes": (
        lambda: b"Cumbria Constabulary\x00\x00\x00October 2008\n",
        "The file is binary, not a text report (it contains NUL bytes).",
    ),
    "control-characters": (
        lambda: bytes(range(1, 9)) * 400,
        "The file is not readable text: it looks binary or is badly encoded.",
    ),
    "no-force": (
        lambda: b"Minutes of the allotment society\nOctober 2008\nThe shed roof leaks.\n",
        "The cover names no police force: is this an inspection report?",
    ),
    "unknown-force": (
        _unknown_force,
        "Line 3: 'Borsetshire Constabulary' is not one of the 43 forces in the reference data. "
        "Forces are never created by an import; check the name or add the force first.",
    ),
    "truncated-after-first-area": (
        truncated_after_first_area,
        f"The report's contents announce {DCFP}, but the file ends before it: it looks "
        "truncated (last line 145).",
    ),
    "truncated-before-practice-appendix": (
        truncated_before_practice_appendix,
        "The report's contents announce its appendices, but the file ends before it: it looks "
        "truncated (last line 207).",
    ),
}


def _saved_rows() -> dict[str, int]:
    return {**row_counts(), "indicator_results": IndicatorResult.objects.count()}


def _write(tmp_path, data: bytes):
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    return path


def _command(*args) -> str:
    out = StringIO()
    call_command("import_report", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_file_is_refused_with_a_clear_message_and_nothing_saved(alice, case):
    data, message = BAD_FILES[case]
    before = _saved_rows()

    with pytest.raises(ImportRefused) as refused:
        report_import(data=data(), source_name=f"{case}.txt", user=alice)

    assert refused.value.message == message
    assert _saved_rows() == before
    assert before["inspections"] == before["imports"] == 0


@pytest.mark.parametrize("case", BAD_FILES)
def test_command_refuses_a_bad_file_with_status_2(alice, tmp_path, case):
    data, message = BAD_FILES[case]
    path = _write(tmp_path, data())
    before = _saved_rows()

    with pytest.raises(CommandError) as refused:
        _command(path, "--user", "alice")

    assert refused.value.returncode == 2
    assert str(refused.value) == message
    assert _saved_rows() == before


def test_command_line_prints_the_message_on_stderr_and_exits_with_2(alice, tmp_path, capsys):
    path = _write(tmp_path, truncated_after_first_area())

    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "import_report", str(path), "--user", "alice"]).execute()

    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert "it looks truncated (last line 145)." in captured.err
    # run_from_argv closes the database connections on its way out, so nothing is queried
    # after it here; the call_command tests above check that nothing was saved.
    assert captured.out == ""


def test_command_refuses_a_missing_file_and_an_unknown_user(alice, tmp_path):
    with pytest.raises(CommandError, match="No such file") as missing:
        _command(tmp_path / "absent.txt")
    with pytest.raises(CommandError, match="No user named 'nobody'") as unknown:
        _command(FIXTURES / MARKDOWN, "--user", "nobody")

    assert missing.value.returncode == unknown.value.returncode == 2
    assert row_counts()["inspections"] == 0


def test_dry_run_saves_nothing_and_returns_what_a_real_import_would(alice):
    before = _saved_rows()

    dry = import_fixture(MARKDOWN, user=alice, dry_run=True)

    assert _saved_rows() == before
    assert dry.inspection_id is None and dry.report_import_id is None
    assert dry.summary["force"] == "Cumbria"
    assert [a["grade"] for a in dry.summary["areas"]] == [
        "Meeting the standard",
        "Exceeding the standard",
    ]
    real = import_fixture(MARKDOWN, user=alice)
    assert (dry.summary, dry.warnings) == (real.summary, real.warnings)


def test_dry_run_command_prints_the_summary_and_saves_nothing(alice):
    before = _saved_rows()

    output = json.loads(_command(FIXTURES / MARKDOWN, "--dry-run", "--user", "alice"))

    assert _saved_rows() == before
    assert output["dry_run"] is True
    assert output["summary"]["published"] == "2008-10"
    first = output["summary"]["areas"][0]["criteria"][0]
    assert (first["heading"], first["heading_inferred"]) == (INFERRED_HEADING, True)
    assert [w["line"] for w in output["warnings"]].count(INFERRED_LINE) == 1


def test_dry_run_of_an_already_imported_report_is_refused_like_the_real_import(alice):
    import_fixture(MARKDOWN, user=alice)
    before = _saved_rows()

    with pytest.raises(ImportRefused, match="already imported"):
        import_fixture(MARKDOWN, user=alice, dry_run=True)

    assert _saved_rows() == before


def test_without_a_user_a_dry_run_creates_no_account(reference):
    _command(FIXTURES / MARKDOWN, "--dry-run")

    assert not get_user_model().objects.filter(username=SERVICE_USERNAME).exists()


def test_without_a_user_a_refused_import_creates_no_account(reference, tmp_path):
    with pytest.raises(CommandError, match="Borsetshire"):
        _command(_write(tmp_path, _unknown_force()))

    assert not get_user_model().objects.filter(username=SERVICE_USERNAME).exists()
