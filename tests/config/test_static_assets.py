"""The built front end (frontend/ -> static/) is committed and whole: the stylesheet uses
Arial and never GDS Transport, every file it names is there, the scripts the base template
links exist, and the vendored versions are the ones frontend/package-lock.json records.

These read files only; they need no database and no Node.js.
"""

import json
import re
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "static"
CSS = STATIC / "css" / "application.css"
BASE = ROOT / "templates" / "base.html"
LOCK = ROOT / "frontend" / "package-lock.json"
VENDOR_README = STATIC / "vendor" / "README.md"
SCRIPTS = {
    "govuk-frontend": "vendor/govuk-frontend/govuk-frontend.min.js",
    "moj-frontend": "vendor/moj-frontend/moj-frontend.min.js",
}
LOCK_NAMES = {
    "govuk-frontend": "node_modules/govuk-frontend",
    "moj-frontend": "node_modules/@ministryofjustice/frontend",
}


def _locked_version(package: str) -> str:
    return json.loads(LOCK.read_text())["packages"][LOCK_NAMES[package]]["version"]


def test_the_stylesheet_is_built_with_arial_and_without_gds_transport():
    css = CSS.read_text()
    assert len(css) > 100_000, "application.css looks truncated or unbuilt"
    assert "font-family:arial,helvetica,sans-serif" in css
    assert "GDS Transport" not in css
    assert "@font-face" not in css


def test_every_url_in_the_stylesheet_is_relative_and_committed():
    # collectstatic with manifest storage fails on a url() naming a missing file.
    urls = set(re.findall(r"url\(\s*['\"]?([^'\")]+?)['\"]?\s*\)", CSS.read_text()))
    files = [url for url in urls if not url.startswith("data:")]
    assert files, "the check found no url() at all"
    for url in files:
        assert not url.startswith("/") and "://" not in url, url
        target = STATIC / "css" / PurePosixPath(url)
        assert target.resolve().is_relative_to(STATIC), url
        assert target.is_file(), f"application.css names {url}, which is not committed"


def test_the_stylesheet_was_built_from_the_locked_versions():
    css = CSS.read_text()
    for package in SCRIPTS:
        version = re.escape(_locked_version(package))
        assert re.search(rf'--{package}-version:\s*"{version}"', css), package


@pytest.mark.parametrize("path", [*SCRIPTS.values(), "js/application.js"])
def test_the_scripts_are_present_without_source_map_comments(path):
    script = (STATIC / path).read_text()
    assert "sourceMappingURL" not in script, "collectstatic would look for the missing .map"


def test_the_vendored_modules_export_init_all():
    for path in SCRIPTS.values():
        assert re.search(r"export\{[^}]*\binitAll\b", (STATIC / path).read_text()), path


def test_each_package_has_its_licence_next_to_its_files():
    for package in SCRIPTS:
        assert "MIT License" in (STATIC / "vendor" / package / "LICENSE").read_text()


def test_the_base_template_has_no_crown_crest_or_logotype():
    base = BASE.read_text()
    assert "<svg" not in base
    for word in ("crown", "crest", "logotype", "govuk-header", "GOV.UK"):
        assert word.lower() not in base.lower(), word


def test_the_base_template_links_the_assets_through_static():
    base = BASE.read_text()
    for path in ("css/application.css", "js/application.js", "js/govuk-frontend-supported.js"):
        assert f"{{% static '{path}' %}}" in base, path
    for path in SCRIPTS.values():
        assert f"{{% static '{path}' %}}" in base, path
    assert re.search(r"<script type=\"module\" src=\"\{% static 'js/application\.js' %\}\"", base)
    for path in ("favicon.ico", "favicon.svg"):
        assert (STATIC / path).is_file()
        assert f"{{% static '{path}' %}}" in base


def test_the_vendor_readme_names_the_locked_versions():
    readme = VENDOR_README.read_text()
    for package in SCRIPTS:
        row = next(line for line in readme.splitlines() if line.startswith(f"| `{package}/`"))
        assert f"| {_locked_version(package)} |" in row, row
    assert "cd frontend && npm ci && npm run build" in readme


def test_package_json_pins_what_the_lock_file_records():
    manifest = json.loads((ROOT / "frontend" / "package.json").read_text())
    dependencies = manifest["dependencies"]
    assert dependencies["govuk-frontend"] == _locked_version("govuk-frontend")
    assert dependencies["@ministryofjustice/frontend"] == _locked_version("moj-frontend")
    assert dependencies["govuk-frontend"].startswith("5.")
    assert "sass" in dependencies and manifest["scripts"]["build"]


def test_node_modules_is_never_committed():
    # Without the slash: a worktree's node_modules is often a symbolic link, not a folder.
    assert "node_modules" in (ROOT / ".gitignore").read_text().split()


# Classes only Bootstrap defines: none may be left in a template.
BOOTSTRAP_CLASSES = {
    "btn", "btn-sm", "btn-primary", "btn-outline-primary", "btn-outline-secondary", "card",
    "card-body", "card-header", "alert", "alert-info", "alert-danger", "alert-warning", "badge",
    "row", "container", "d-flex", "text-secondary", "text-bg-secondary", "text-bg-info",
    "table-sm", "table-responsive", "table-light", "form-control", "form-label", "form-select",
    "mb-0", "mb-3", "mb-4", "fw-semibold", "list-inline", "list-inline-item", "navbar",
}  # fmt: skip


def test_bootstrap_is_gone():
    assert not (ROOT / "templates" / "base_bootstrap.html").exists()
    assert not (STATIC / "vendor" / "bootstrap").exists()
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert "base_bootstrap" not in text, template
        for value in re.findall(r'class="([^"]*)"', text):
            left = BOOTSTRAP_CLASSES.intersection(re.sub(r"\{[%{].*?[%}]\}", " ", value).split())
            assert not left, (template, left)
