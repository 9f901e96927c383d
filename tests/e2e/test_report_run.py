"""In the browser: hmi requests force A's draft report, watches its status reach Succeeded
without reloading the page (a real worker renders it), and downloads the PDF."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.worker_support import default_queue, new_queue, require_broker, running_worker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_hmi_requests_a_draft_and_downloads_it_when_it_is_ready(new_page, hmi, inspection_a):
    require_broker()
    queue = new_queue()
    page = new_page()
    log_in(page, "hmi")
    page.goto(reverse("inspections:inspection_detail", args=[inspection_a.pk]))
    page.get_by_role("link", name="Report (PDF)").click()
    expect(page.get_by_role("heading", name=re.compile("^Report: Force A"))).to_be_visible()
    with default_queue(queue):
        page.get_by_role("button", name="Request draft report").click()
        expect(page.get_by_text("Report requested.")).to_be_visible()
        status = page.locator("#report-runs tbody tr").first.locator("[data-field=status]")
        # No worker yet: the run waits in the queue.
        expect(status).to_have_text("Queued")
        # Anything set on the page survives only if the page is never reloaded.
        page.evaluate("window.notReloaded = true")
        with running_worker(queue):
            expect(status).to_have_text("Succeeded", timeout=120_000)
    assert page.evaluate("window.notReloaded") is True
    row = page.locator("#report-runs tbody tr").first
    expect(row.locator("[data-field=pages]")).to_have_text(re.compile(r"^\d+$"))
    with page.expect_download() as download_info:
        row.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-draft.pdf")
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
