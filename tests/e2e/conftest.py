"""Browser tests: Playwright drives Debian's Chromium, headless, against a live server.

Live-server tests run in transactions that really commit, so each test builds its own data
and the database is flushed afterwards; connections are closed before the browser stops.
"""

import os
import shutil

import pytest
from django.db import connections

from tests.conftest import require_service
from tests.e2e.axe import AXE_JS, AxeWatch

CHROMIUM = "/usr/bin/chromium"
# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    require_service(
        os.path.exists(CHROMIUM) or bool(shutil.which("chromium")),
        "Chromium is not installed (Debian package 'chromium')",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_available():
    require_service(AXE_JS.exists(), f"axe-core is not installed ({AXE_JS}: npm ci in tests/e2e)")


@pytest.fixture
def new_page(browser, live_server, axe_available):
    """Open pages in fresh browser contexts (separate cookies per user). Every document any
    of them loads is checked with axe-core; a WCAG 2.2 A/AA violation fails the test."""
    contexts, pages, watch = [], [], AxeWatch()

    def open_page():
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        watch.watch(page)
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        if not page.is_closed() and page.url not in watch.checked[-1:]:
            page.wait_for_load_state()
            watch.check(page)
    for context in contexts:
        context.close()
    for connection in connections.all():
        connection.close()
    assert not watch.failures, watch.report()


def log_in(page, username: str, password: str = "secret") -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/")
