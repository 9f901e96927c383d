import json
from io import StringIO

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from inspections.models import EvidenceItem
from tests.reports.export_support import item, leaf, schema_validate


def _run(*args) -> str:
    out = StringIO()
    call_command("export_inspection", *args, stdout=out)
    return out.getvalue()


def test_prints_the_document_indented_with_non_ascii_kept(inspection_a):
    item(leaf(inspection_a, "np", "1.1"), "Officers speak Cymraeg – and Urdu.", order=1)

    output = _run(str(inspection_a.pk))

    document = json.loads(output)
    schema_validate(document)
    assert document["force"] == "Force A"
    assert '\n  "force": "Force A",' in output
    assert "Cymraeg – and Urdu." in output


@pytest.mark.parametrize("raw", ["abc", "-3", "1.5", ""])
def test_non_numeric_id_is_refused_with_status_2(db, raw):
    with pytest.raises(CommandError, match="whole number") as caught:
        _run(raw)

    assert caught.value.returncode == 2


def test_unknown_id_is_refused_with_status_2(inspection_a):
    with pytest.raises(CommandError, match="No inspection has id 999999") as caught:
        _run("999999")

    assert caught.value.returncode == 2
    assert not EvidenceItem.objects.exists()


def test_command_line_exit_status_and_stderr(db, capsys):
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "export_inspection", "nope"]).execute()

    assert exited.value.code == 2
    assert "Inspection id must be a whole number, not 'nope'." in capsys.readouterr().err
