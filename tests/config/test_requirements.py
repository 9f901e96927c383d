"""Production installs requirements.txt only; development and CI add requirements-dev.txt."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["config", "forces", "grading", "inspections", "moderation", "reports"]
# Import names of the packages only development and CI install.
DEV_ONLY_MODULES = {"pytest", "pytest_django", "factory", "faker", "jsonschema", "hypothesis"}
DEV_ONLY_MODULES |= {"playwright", "ruff"}
PIN = re.compile(r"^[A-Za-z0-9_.\-]+(\[[a-z,]+\])?==[0-9][0-9A-Za-z.]*$")


def _pins(name: str) -> list[str]:
    lines = (ROOT / name).read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith(("#", "-r"))]


def _package(pin: str) -> str:
    return re.split(r"[\[=]", pin, maxsplit=1)[0].lower().replace("_", "-")


def test_every_requirement_is_pinned_exactly():
    for name in ("requirements.txt", "requirements-dev.txt"):
        loose = [pin for pin in _pins(name) if not PIN.match(pin)]
        assert loose == [], f"{name} has unpinned lines: {loose}"


def test_development_file_adds_to_production_without_repeating_it():
    dev_lines = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert "-r requirements.txt" in dev_lines
    production = {_package(pin) for pin in _pins("requirements.txt")}
    development = {_package(pin) for pin in _pins("requirements-dev.txt")}
    assert production & development == set()
    assert {"pytest", "pytest-django", "ruff", "playwright", "faker"} <= development
    assert {"pytest", "ruff", "playwright", "faker", "jsonschema"}.isdisjoint(production)


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_application_code_imports_nothing_only_development_installs():
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            used = _imported_modules(path) & DEV_ONLY_MODULES
            if used:
                offenders.append(f"{path.relative_to(ROOT)}: {sorted(used)}")
    assert offenders == []
