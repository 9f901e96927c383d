"""The batch tool follows its JSON schema and refuses bad input with exit status 2."""

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import ManagementUtility

ROOT = Path(__file__).resolve().parents[2]
STAFFORDSHIRE = {
    "areas": [
        {
            "id": "staffordshire-np",
            "area": "neighbourhood-policing",
            "indicators": [
                {
                    "code": "SPI 2a",
                    "value": 47.1,
                    "previous_value": 47.4,
                    "msf_difference": -5.2,
                    "change": -0.4,
                    "sample_size": 1000,
                    "previous_sample_size": 1000,
                    "msf_sample_size": 7000,
                },
                {
                    "code": "KDI",
                    "value": 49.7,
                    "previous_value": 41.0,
                    "msf_difference": -0.9,
                    "change": 8.7,
                    "sample_size": 1000,
                    "previous_sample_size": 1000,
                    "msf_sample_size": 7000,
                },
                {
                    "code": "SPI 10b",
                    "value": 16.1,
                    "previous_value": 14.5,
                    "msf_difference": 1.0,
                    "change": 1.6,
                    "sample_size": 1000,
                    "previous_sample_size": 1000,
                    "msf_sample_size": 7000,
                },
            ],
        },
        {
            "id": "staffordshire-cf",
            "area": "citizen-focus",
            "indicators": [
                {
                    "code": "SPI 1e",
                    "value": 83.9,
                    "previous_value": 83.1,
                    "msf_difference": 2.6,
                    "change": 0.7,
                    "sample_size": 2400,
                    "previous_sample_size": 2400,
                    "msf_sample_size": 16800,
                },
                {
                    "code": "SPI 3b",
                    "value": 74.3,
                    "previous_value": 81.7,
                    "change": -7.4,
                    "gap": 8.4,
                    "sample_size": 100,
                    "previous_sample_size": 100,
                },
            ],
        },
    ]
}


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def _run(stdin: str, *args: str) -> Result:
    """The command as the shell runs it (manage.py's argument parsing, its error handling and
    exit status), in this process: a new Python process per case costs seconds each."""
    stdout, stderr = io.StringIO(), io.StringIO()
    argv = ["manage.py", "spi_assess", "--input", "-", *args]
    code = 0
    with (
        mock.patch.object(sys, "stdin", io.StringIO(stdin)),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        try:
            ManagementUtility(argv).execute()
        except SystemExit as exit_:
            code = exit_.code
    return Result(code, stdout.getvalue(), stderr.getvalue())


@pytest.fixture(scope="module")
def output():
    result = _run(json.dumps(STAFFORDSHIRE))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_output_follows_the_schema_exactly(output):
    assert set(output) == {"areas"}
    for area in output["areas"]:
        assert set(area) == {"id", "indicators", "headline", "statements", "grade_guidance"}
        assert set(area["headline"]) == {"vs_msf", "vs_previous", "minority_vs_previous", "gap_pp"}
        for indicator in area["indicators"]:
            assert set(indicator) == {"code", "vs_msf", "vs_previous", "z_msf", "z_previous"}
        assert all(isinstance(s, str) and s for s in area["statements"])
        assert isinstance(area["grade_guidance"], str)


def test_staffordshire_calls_and_headlines(output):
    np_area, cf_area = output["areas"]
    calls = {i["code"]: (i["vs_msf"], i["vs_previous"]) for i in np_area["indicators"]}
    assert calls == {
        "SPI 2a": ("significantly worse", "unchanged"),
        "KDI": ("not significantly different", "significantly improved"),
        "SPI 10b": ("not significantly different", "unchanged"),
    }
    assert np_area["headline"] == {
        "vs_msf": "significantly worse",
        "vs_previous": "significantly improved",
        "minority_vs_previous": None,
        "gap_pp": None,
    }
    calls = {i["code"]: (i["vs_msf"], i["vs_previous"]) for i in cf_area["indicators"]}
    assert calls == {"SPI 1e": ("significantly better", "unchanged"), "SPI 3b": (None, "unchanged")}
    assert cf_area["headline"] == {
        "vs_msf": "significantly better",
        "vs_previous": "unchanged",
        "minority_vs_previous": "unchanged",
        "gap_pp": 8.4,
    }
    assert cf_area["indicators"][1]["z_msf"] is None
    assert cf_area["indicators"][0]["z_msf"] > 1.96


def test_parameters_change_the_calls():
    document = {
        "parameters": {"deft_bcs": 2.0},
        "areas": [STAFFORDSHIRE["areas"][0]],
    }
    result = _run(json.dumps(document))
    area = json.loads(result.stdout)["areas"][0]
    # With a design factor of 2 the 5.2-point gap is no longer significant.
    assert area["indicators"][0]["vs_msf"] == "not significantly different"


@pytest.mark.parametrize(
    "document, field",
    [
        ("not json", "input"),
        ("[]", "input"),
        ('{"areas": {}}', "areas"),
        ('{"areas": [{"id": "", "area": "citizen-focus", "indicators": []}]}', "areas[0].id"),
        ('{"areas": [{"id": "a", "area": "roads", "indicators": []}]}', "areas[0].area"),
        (
            '{"areas": [{"id": "a", "area": "citizen-focus", "indicators": [{"code": "SPI 9"}]}]}',
            "areas[0].indicators[0].code",
        ),
        (
            '{"areas": [{"id": "a", "area": "citizen-focus", '
            '"indicators": [{"code": "SPI 1e", "value": 104}]}]}',
            "areas[0].indicators[0].value",
        ),
        (
            '{"areas": [{"id": "a", "area": "citizen-focus", '
            '"indicators": [{"code": "SPI 1e", "value": 80, "sample_size": 0}]}]}',
            "areas[0].indicators[0].sample_size",
        ),
        (
            '{"areas": [{"id": "a", "area": "citizen-focus", '
            '"indicators": [{"code": "SPI 1e", "value": "80"}]}]}',
            "areas[0].indicators[0].value",
        ),
        ('{"parameters": {"deft": 1}, "areas": []}', "parameters.deft"),
    ],
)
def test_invalid_input_is_one_line_naming_the_field_with_exit_2(document, field):
    result = _run(document)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and field in lines[0]


def test_reads_a_file_and_reports_a_missing_one(tmp_path):
    """In a real process, so the exit status is the one a shell sees."""
    path = tmp_path / "in.json"
    path.write_text(json.dumps(STAFFORDSHIRE))
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings_test")
    ok = subprocess.run(
        [sys.executable, "manage.py", "spi_assess", "--input", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert ok.returncode == 0 and len(json.loads(ok.stdout)["areas"]) == 2
    missing = subprocess.run(
        [sys.executable, "manage.py", "spi_assess", "--input", str(tmp_path / "nope.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert missing.returncode == 2 and "input" in missing.stderr
