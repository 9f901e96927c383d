"""The code's shape, as a newcomer would check it: imports point one way, one layer is one
module or one package, views stay thin, no app swallows the others.

These read the source files; they need no database.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Lowest first: an app may import the ones before it, never the ones after.
APPS = ["forces", "grading", "inspections", "moderation", "reports"]
LAYERS = {"admin", "filters", "forms", "models", "selectors", "services", "urls", "views"}
VIEW_LINES = 30
INSPECTIONS_SHARE = 0.40


def _modules(app: str, *, skip_migrations: bool = False):
    for path in sorted((ROOT / app).rglob("*.py")):
        if skip_migrations and "migrations" in path.parts:
            continue
        yield path


def _imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update(name.split(".")[0] for name in names)
    return found & set(APPS)


def _application_lines(app: str) -> int:
    return sum(
        len(path.read_text().splitlines())
        for path in _modules(app, skip_migrations=True)
        if "demo" not in path.relative_to(ROOT / app).parts
    )


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_the_apps_below_it(app):
    higher = set(APPS[APPS.index(app) + 1 :])
    upward = {
        f"{path.relative_to(ROOT)} imports {', '.join(sorted(_imported_apps(path) & higher))}"
        for path in _modules(app)
        if _imported_apps(path) & higher
    }
    assert not upward, sorted(upward)


def test_every_app_in_the_chain_exists():
    assert all((ROOT / app / "apps.py").is_file() for app in APPS)


@pytest.mark.parametrize("app", APPS)
def test_a_layer_is_one_module_or_one_package_never_prefixed_siblings(app):
    siblings = []
    for path in _modules(app, skip_migrations=True):
        stem = path.stem
        prefix = stem.split("_")[0]
        if "_" not in stem.strip("_") or stem.startswith("_"):
            continue
        # At an app's top level, `charts_distribution.py` beside `charts.py` (or `outcome_panel.py`
        # beside `outcomes.py`) is a package waiting to be made; inside a package, topic
        # modules are how it is split.
        top_level = path.parent == ROOT / app
        has_sibling = any(
            (path.parent / f"{name}.py").exists() or (path.parent / name).is_dir()
            for name in (prefix, f"{prefix}s")
        )
        if prefix.rstrip("s") + "s" in LAYERS or (top_level and has_sibling):
            siblings.append(str(path.relative_to(ROOT)))
    assert not siblings, siblings


def _view_functions(app: str):
    for path in _modules(app, skip_migrations=True):
        rel = path.relative_to(ROOT / app)
        if rel.parts[0] != "views" and rel.name != "views.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield path, node


@pytest.mark.parametrize("app", APPS)
def test_view_functions_stay_thin(app):
    long = [
        f"{path.relative_to(ROOT)}:{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path, node in _view_functions(app)
        if node.end_lineno - node.lineno + 1 > VIEW_LINES
    ]
    assert not long, long


def test_inspections_holds_at_most_two_fifths_of_the_application_code():
    lines = {app: _application_lines(app) for app in [*APPS, "config"]}
    share = lines["inspections"] / sum(lines.values())
    assert share <= INSPECTIONS_SHARE, f"inspections is {share:.0%} of {lines}"


def test_the_checks_see_the_code():
    # Guards against checks that pass because they read nothing.
    assert sum(1 for _ in _view_functions("inspections")) > 20
    assert any("grading" in _imported_apps(path) for path in _modules("inspections"))
    assert _application_lines("forces") > 100
