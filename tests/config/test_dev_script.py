"""dev.py, the two commands: every variable it reads is documented where a newcomer looks."""

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _dev_script():
    spec = importlib.util.spec_from_file_location("dev_script", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _variables_read() -> set[str]:
    source = (ROOT / "dev.py").read_text()
    return set(re.findall(r"""env\.(?:get|setdefault)\(\s*["']([A-Z][A-Z0-9_]+)["']""", source))


def test_dev_script_reads_the_address_it_serves_on():
    assert "WORKBENCH_ADDRESS" in _variables_read()


@pytest.mark.parametrize("document", ["README.md", ".env.example"])
def test_every_variable_dev_script_reads_is_documented(document):
    text = (ROOT / document).read_text()
    missing = sorted(name for name in _variables_read() if name not in text)
    assert missing == [], f"{document} does not name {missing}"


def test_help_lists_every_variable_dev_script_reads_and_succeeds(capsys):
    assert _dev_script().main(["dev.py", "--help"]) == 0
    usage = capsys.readouterr().out
    assert "python3 dev.py up" in usage
    missing = sorted(name for name in _variables_read() if name not in usage)
    assert missing == [], f"the usage does not name {missing}"


def test_an_unknown_command_prints_the_usage_and_fails(capsys):
    assert _dev_script().main(["dev.py", "deploy"]) == 2
    assert "WORKBENCH_ADDRESS" in capsys.readouterr().out


def test_help_documents_the_national_demo(capsys):
    assert _dev_script().main(["dev.py", "--help"]) == 0
    assert "python3 dev.py up --national" in capsys.readouterr().out


def test_up_with_an_unknown_option_prints_the_usage_and_fails(capsys):
    assert _dev_script().main(["dev.py", "up", "--everything"]) == 2
    assert "--national" in capsys.readouterr().out
