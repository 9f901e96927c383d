"""The restricted URL fetcher: project static files and data: URIs only."""

import os

import pytest
from django.conf import settings as django_settings

from reports.rendering.fetcher import REPORT_BASE_URL, ResourceRefused, StaticOnlyFetcher
from tests.reports.render_support import PIXEL_PNG, REPORT_CSS, report_static_folder

BASE = REPORT_BASE_URL.rstrip("/")


@pytest.fixture
def report_static(settings, tmp_path):
    return report_static_folder(settings, tmp_path)


def _fetch(url: str) -> tuple[bytes, str]:
    response = StaticOnlyFetcher().fetch(url)
    try:
        return response.read(), response.content_type
    finally:
        response.close()


def test_serves_a_project_static_file_found_by_the_finders_without_collectstatic():
    content, content_type = _fetch(f"{BASE}/static/css/application.css")

    expected = (django_settings.BASE_DIR / "static" / "css" / "application.css").read_bytes()
    assert content == expected
    assert content_type == "text/css"


def test_serves_report_static_files_with_their_mime_type(report_static):
    assert _fetch(f"{BASE}/static/reports/report.css") == (REPORT_CSS.encode(), "text/css")
    assert _fetch(f"{BASE}/static/reports/img/pixel.png") == (PIXEL_PNG, "image/png")


def test_query_string_and_fragment_do_not_change_the_file(report_static):
    content, _ = _fetch(f"{BASE}/static/reports/report.css?v=3#top")

    assert content == REPORT_CSS.encode()


def test_serves_collected_files_under_static_root(report_static, settings):
    (settings.STATIC_ROOT / "reports").mkdir()
    (settings.STATIC_ROOT / "reports" / "report.0a1b2c.css").write_text("p { color: red }")

    assert _fetch(f"{BASE}/static/reports/report.0a1b2c.css")[0] == b"p { color: red }"


def test_serves_data_uris():
    assert _fetch("data:text/css,p%20%7Bcolor%3Ared%7D") == (b"p {color:red}", "text/css")
    assert _fetch("data:image/png;base64,iVBORw0KGgo=")[0] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "only project static files"),
        ("file:///etc/hostname", "only project static files"),
        (f"file://{django_settings.BASE_DIR}/static/css/application.css", "only project static"),
        ("http://example.org/x.css", "only project static files"),
        ("https://example.org/static/css/application.css", "only project static files"),
        ("http://127.0.0.1:9/x.css", "only project static files"),
        ("http://report.invalid/static/css/application.css", "only project static files"),
        ("https://report.invalid:8443/static/css/application.css", "only project static files"),
        ("https://user@report.invalid/static/css/application.css", "only project static files"),
        ("ftp://example.org/x.css", "only project static files"),
        ("javascript:alert(1)", "only project static files"),
        (f"{BASE}/etc/passwd", "not under /static/"),
        (f"{BASE}/config/settings.py", "not under /static/"),
        (f"{BASE}/media/report-runs/1/report.pdf", "not under /static/"),
        (f"{BASE}/static/../config/settings.py", "not a plain static path"),
        (f"{BASE}/static/css/../../config/settings.py", "not a plain static path"),
        (f"{BASE}/static/%2e%2e/config/settings.py", "not a plain static path"),
        (f"{BASE}/static/%2E%2E/%2E%2E/etc/passwd", "not a plain static path"),
        (f"{BASE}/static/css/..%2f..%2fconfig/settings.py", "not a plain static path"),
        (f"{BASE}/static/%252e%252e/config/settings.py", "encoded or unusual"),
        (f"{BASE}/static/css/..%5c..%5cconfig%5csettings.py", "encoded or unusual"),
        (f"{BASE}/static/css/application.css%00.png", "encoded or unusual"),
        (f"{BASE}/static//etc/passwd", "not a plain static path"),
        (f"{BASE}/static/./css/workbench.css", "not a plain static path"),
        (f"{BASE}/static/", "not a plain static path"),
        (f"{BASE}/static/css/missing.css", "no such static file"),
        (f"{BASE}/static/css", "no such static file"),
    ],
)
def test_refuses_everything_else_with_a_clear_message(url, message):
    fetcher = StaticOnlyFetcher()

    with pytest.raises(ResourceRefused, match=message):
        fetcher.fetch(url)

    assert fetcher.log.refused == [url]
    assert fetcher.log.served == []


def test_refuses_a_static_symlink_that_leads_outside_the_static_folders(report_static, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for reports")
    os.symlink(secret, report_static / "reports" / "leak.css")

    with pytest.raises(ResourceRefused, match="outside the static folders"):
        StaticOnlyFetcher().fetch(f"{BASE}/static/reports/leak.css")


def test_refusal_is_an_ordinary_error_weasyprint_skips_not_a_fatal_one():
    # WeasyPrint stops the whole render only for FatalURLFetchingError; a refused resource
    # must just be left out.
    assert issubclass(ResourceRefused, Exception)
    assert not StaticOnlyFetcher()._fail_on_errors
