"""`render_report`: the worker's render path from the command line, and hostile evidence."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from inspections.models import AreaAssessment, AssessmentStatus
from reports.management.commands import render_report
from reports.rendering import fetcher
from reports.rendering.engine import html_to_pdf
from reports.rendering.force import force_report_document
from tests.reports.export_support import fill, item, leaf
from tests.reports.render_support import embedded_files, pdf_reader, pdf_text

WROTE = re.compile(
    r"wrote (?P<path>\S+\.pdf): (?P<pages>\d+) pages in \d+\.\d\d s "
    r"\(data [0-9a-f]{12}, template [0-9a-f]{16}\)"
)
HOSTILE = (
    '<img src="file:///etc/passwd"> </p><a rel="attachment" href="file:///etc/passwd">x</a> '
    "<style>*{display:none}</style>"
)


def _run(*args) -> str:
    out = StringIO()
    call_command("render_report", *args, stdout=out)
    return out.getvalue()


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_writes_the_pdf_and_self_contained_html_and_prints_pages_and_seconds(
    inspection_a, tmp_path
):
    fill(inspection_a)
    out, html_out = tmp_path / "force-a.pdf", tmp_path / "force-a.html"

    output = _run(str(inspection_a.pk), "--out", str(out), "--html-out", str(html_out))

    match = WROTE.search(output)
    assert match, output
    assert match["path"] == str(out)
    assert int(match["pages"]) == len(pdf_reader(out.read_bytes()).pages) > 1
    assert "Force A" in pdf_text(out.read_bytes())
    html = html_out.read_text()
    assert f"wrote {html_out}: self-contained HTML" in output
    assert "<link" not in html and "/static/" not in html
    assert "@page" in html
    assert "Force A" in html
    assert html_to_pdf(html).pages == int(match["pages"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["force-a.html", "force-a.pdf"]


def test_released_only_leaves_out_the_areas_not_released(inspection_a, tmp_path):
    fill(inspection_a)
    released = AreaAssessment.objects.get(inspection=inspection_a, framework__code="np")
    released.status = AssessmentStatus.RELEASED
    released.save()

    _run(str(inspection_a.pk), "--out", str(tmp_path / "all.pdf"))
    output = _run(str(inspection_a.pk), "--released-only", "--out", str(tmp_path / "part.pdf"))

    everything, part = (pdf_text((tmp_path / n).read_bytes()) for n in ("all.pdf", "part.pdf"))
    assert "Developing Citizen Focus Policing" in everything
    assert "Developing Citizen Focus Policing" not in part
    assert "Neighbourhood Policing" in part
    assert WROTE.search(output)


def test_renders_the_national_report_of_a_programme_year(programme_2008, tmp_path):
    output = _run("--national", "2008", "--out", str(tmp_path / "national.pdf"))

    match = WROTE.search(output)
    assert match, output
    assert int(match["pages"]) == len(pdf_reader((tmp_path / "national.pdf").read_bytes()).pages)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["999999"], "No inspection has id 999999."),
        (["abc"], "Inspection id must be a whole number, not 'abc'."),
        (["--national", "1999"], "No programme for the year 1999."),
        (["--national", "next"], "Programme year must be a whole number, not 'next'."),
        (["--national", "2008", "--released-only"], "--released-only applies to force reports"),
    ],
)
def test_unknown_or_malformed_target_is_refused_and_nothing_is_written(
    programme_2008, tmp_path, args, message
):
    with pytest.raises(CommandError, match=re.escape(message)) as caught:
        _run(*args, "--out", str(tmp_path / "report.pdf"))

    assert caught.value.returncode == 2
    assert list(tmp_path.iterdir()) == []


def test_unwritable_destinations_are_refused_before_rendering(inspection_a, tmp_path):
    with pytest.raises(CommandError, match="No such folder") as missing:
        _run(str(inspection_a.pk), "--out", str(tmp_path / "nowhere" / "r.pdf"))
    with pytest.raises(CommandError, match="is a folder") as folder:
        _run(str(inspection_a.pk), "--out", str(tmp_path))
    same = str(tmp_path / "r.pdf")
    with pytest.raises(CommandError, match="must be different files"):
        _run(str(inspection_a.pk), "--out", same, "--html-out", same)

    assert missing.value.returncode == folder.value.returncode == 2
    assert list(tmp_path.iterdir()) == []


def test_a_failure_after_rendering_leaves_no_file_and_keeps_the_old_one(
    inspection_a, tmp_path, monkeypatch
):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"the previous report")

    failing_replace = _failing_replace()
    monkeypatch.setattr(render_report.os, "replace", failing_replace)
    with pytest.raises(CommandError, match="Could not write the report") as caught:
        _run(str(inspection_a.pk), "--out", str(out), "--html-out", str(tmp_path / "r.html"))

    assert caught.value.returncode == 1
    assert failing_replace.calls == 1
    assert out.read_bytes() == b"the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def _failing_replace():
    def replace(source, target):
        replace.calls += 1
        raise OSError("disk full")

    replace.calls = 0
    return replace


def test_command_line_exit_status_and_message(db, capsys, tmp_path):
    argv = ["manage.py", "render_report", "42", "--out", str(tmp_path / "r.pdf")]
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(argv).execute()

    assert exited.value.code == 2
    assert "No inspection has id 42." in capsys.readouterr().err


def test_hostile_evidence_prints_as_text_and_fetches_nothing(inspection_a, monkeypatch):
    read = []
    original = fetcher.static_file_bytes
    monkeypatch.setattr(fetcher, "static_file_bytes", lambda url: read.append(url) or original(url))
    item(leaf(inspection_a, "np", "1.1"), HOSTILE, order=1)

    document = force_report_document(inspection_id=inspection_a.pk)
    rendered = html_to_pdf(document.html)

    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in document.html
    assert _squeezed(HOSTILE) in _squeezed(pdf_text(rendered.pdf))
    assert rendered.refused == ()
    assert embedded_files(rendered.pdf) == []
    assert read and all("/static/reports/" in url for url in read)
