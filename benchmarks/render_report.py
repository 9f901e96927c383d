"""How fast the report engine prints force reports, against Chromium, alone and in a batch.

    .venv/bin/python benchmarks/render_report.py [--per-list 18,8,5] [--batch 10]
        [--batch-per-list 2,1,1] [--repeat 3] [--out DIR] [--no-profile]

On a throw-away SQLite database (reference data and the demo loaded) it generates a large 2008
inspection (both areas; the demo's overview, indicator results and selected practice, plus
generated evidence with sub-points in every list and overview tables), then prints:
- the WeasyPrint render (html_to_pdf) time and pages, best of --repeat;
- where /usr/bin/chromium exists, the same report as self-contained HTML printed by headless
  Chromium through Playwright, timed turn about with WeasyPrint (best of --repeat): page.pdf on
  a loaded tab (the print only), and a new tab that loads and prints (what html_to_pdf does);
  the ratios, and whether each PDF has contents page numbers and running headers;
- the national batch: one smaller generated report per force for --batch forces, rendered
  serially and in two worker processes (the same function), wall times and ratio;
- a cProfile of one WeasyPrint render: time per phase and self time per part of WeasyPrint.
"""

import argparse
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
# The throw-away database lives in a temporary WORKBENCH_VAR_DIR, removed at the end.
OWN_VAR_DIR = "WORKBENCH_VAR_DIR" not in os.environ
if OWN_VAR_DIR:
    os.environ["WORKBENCH_VAR_DIR"] = tempfile.mkdtemp(prefix="workbench-render-bench-")

CHROMIUM = "/usr/bin/chromium"


def _best(function, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def render_one(inspection_id: int) -> tuple[int, float, float]:
    """Build and render one force report, as the worker does; (pages, seconds, CPU seconds)."""
    from reports.rendering.engine import html_to_pdf
    from reports.rendering.force import force_report_document

    start, cpu = time.perf_counter(), time.process_time()
    document = force_report_document(inspection_id=inspection_id)
    pages = html_to_pdf(document.html).pages
    return pages, time.perf_counter() - start, time.process_time() - cpu


def _pdf_checks(pdf: Path, force: str) -> str:
    """Whether the contents list has page numbers and page 3 starts with the running header."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", "3", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    numbers = bool(re.search(r"\.{5,}\s*\d+\s*$", text, re.MULTILINE))
    third = text.split("\f")[1] if "\f" in text else ""
    header = third.strip().startswith(force)
    answer = {True: "yes", False: "no"}
    return f"contents page numbers {answer[numbers]}, running header {answer[header]}"


def _page_count(pdf: bytes) -> int:
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


class _Chromium:
    """A headless Chromium tab holding the self-contained report; print() times page.pdf."""

    def __init__(self, html_path: Path):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox"]
        )
        self._uri = html_path.as_uri()
        self._page = self._browser.new_page()
        self._page.goto(self._uri, wait_until="load")

    def print(self) -> tuple[float, bytes]:
        start = time.perf_counter()
        pdf = self._page.pdf(prefer_css_page_size=True, print_background=True)
        return time.perf_counter() - start, pdf

    def load_and_print(self) -> float:
        """A new tab that loads the file and prints it: what html_to_pdf does from a string."""
        start = time.perf_counter()
        page = self._browser.new_page()
        page.goto(self._uri, wait_until="load")
        page.pdf(prefer_css_page_size=True, print_background=True)
        seconds = time.perf_counter() - start
        page.close()
        return seconds

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()


def _chromium_cli(html_path: Path, out: Path, repeat: int) -> float:
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        f"--print-to-pdf={out}",
        html_path.as_uri(),
    ]
    seconds, _ = _best(lambda: subprocess.run(command, capture_output=True, check=True), repeat)
    return seconds


def _alternate(html: str, chromium: "_Chromium | None", repeat: int) -> dict:
    """WeasyPrint and Chromium timed turn about, so both meet the same load on the machine."""
    from reports.rendering.engine import html_to_pdf

    found = {"weasy": [], "cpu": [], "chrome": [], "chrome_all": [], "rendered": None}
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        found["rendered"] = html_to_pdf(html)
        found["weasy"].append(time.perf_counter() - start)
        found["cpu"].append(time.process_time() - cpu)
        if chromium is not None:
            seconds, found["chrome_pdf"] = chromium.print()
            found["chrome"].append(seconds)
            found["chrome_all"].append(chromium.load_and_print())
    return found


def _large_inspection(args):
    from benchmarks.render_support import evidence_fill, overview_tables_add
    from inspections.models import EvidenceItem, Inspection

    inspection = Inspection.objects.select_related("force").get(force__slug="wealdshire")
    evidence_fill(inspection=inspection, author=_user(), per_list=args.per_list)
    overview_tables_add(inspection=inspection, count=3, rows=14)
    items = EvidenceItem.objects.filter(criterion_assessment__area__inspection=inspection).count()
    return inspection, items


def _large_report(args, out: Path) -> str:
    from reports.rendering.engine import self_contained_html
    from reports.rendering.force import force_report_document

    inspection, items = _large_inspection(args)
    build, document = _best(lambda: force_report_document(inspection_id=inspection.pk), args.repeat)
    inlined = self_contained_html(document.html)
    (out / "large.html").write_text(inlined)
    chromium = _Chromium(out / "large.html") if Path(CHROMIUM).exists() else None
    try:
        found = _alternate(document.html, chromium, args.repeat)
    finally:
        if chromium is not None:
            chromium.close()
    rendered, render = found["rendered"], min(found["weasy"])
    (out / "large.pdf").write_bytes(rendered.pdf)
    force = inspection.force.display_name
    print(
        f"large report: {rendered.pages} pages, {items} evidence items, "
        f"HTML {len(document.html) / 1024:.0f} KB, self-contained {len(inlined) / 1024:.0f} KB"
    )
    print(f"build document (queries and template): {build:.2f} s")
    print(
        f"WeasyPrint html_to_pdf, best of {args.repeat}: {render:.2f} s, "
        f"CPU {min(found['cpu']):.2f} s ({render / rendered.pages * 1000:.0f} ms a page)"
    )
    print(f"WeasyPrint PDF: {_pdf_checks(out / 'large.pdf', force)}")
    if chromium is None:
        print(f"Chromium: not measured ({CHROMIUM} missing)")
        return document.html
    (out / "large-chromium.pdf").write_bytes(found["chrome_pdf"])
    chrome = min(found["chrome"])
    print(
        f"Chromium page.pdf (Playwright, page already loaded), best of {args.repeat}: "
        f"{chrome:.2f} s, {_page_count(found['chrome_pdf'])} pages"
    )
    cli = _chromium_cli(out / "large.html", out / "large-chromium-cli.pdf", args.repeat)
    print(
        f"Chromium --print-to-pdf command, browser start included, best of {args.repeat}: "
        f"{cli:.2f} s"
    )
    print(f"Chromium PDF: {_pdf_checks(out / 'large-chromium.pdf', force)}")
    chrome_all = min(found["chrome_all"])
    print(f"Chromium new tab, load and print, best of {args.repeat}: {chrome_all:.2f} s")
    print(f"ratio WeasyPrint / Chromium page.pdf: {render / chrome:.2f}")
    print(f"ratio WeasyPrint / Chromium load and print: {render / chrome_all:.2f}")
    return document.html


def _user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="alice")


def batch_render(ids: list[int]) -> tuple[list, float, list, float]:
    """Render the reports one after another, then on two worker processes (the same
    function): (serial rows, serial wall seconds, parallel rows, parallel wall seconds), each
    row as render_one returns it."""
    from django.db import connections

    start = time.perf_counter()
    serial = [render_one(pk) for pk in ids]
    serial_wall = time.perf_counter() - start
    # Each worker process opens its own database connection, as Celery workers do.
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        start = time.perf_counter()
        parallel = pool.map(render_one, ids, chunksize=1)
        parallel_wall = time.perf_counter() - start
    return serial, serial_wall, parallel, parallel_wall


def _batch(args) -> None:
    from benchmarks.render_support import batch_inspections_create
    from inspections.models import Programme

    programme = Programme.objects.get(year=2008)
    ids = batch_inspections_create(
        programme=programme, count=args.batch, author=_user(), per_list=args.batch_per_list
    )
    # Other processes on the machine slow the two workers down more than the single one.
    print(f"load average before the batch: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
    serial, serial_wall, parallel, parallel_wall = batch_render(ids)
    pages = [row[0] for row in serial]
    print(
        f"national batch: {len(ids)} force reports, {sum(pages)} pages "
        f"({min(pages)} to {max(pages)} each)"
    )
    print(f"serial, one process (sum of single renders): {serial_wall:.2f} s")
    print(f"two worker processes (multiprocessing Pool(2), same function): {parallel_wall:.2f} s")
    print(f"ratio two workers / serial: {parallel_wall / serial_wall:.2f}")
    # CPU seconds over wall seconds: how many CPUs the renders really had. Below 2 with two
    # workers means other processes took the rest, not that the renders serialise.
    for label, rows, wall in (
        ("serial", serial, serial_wall),
        ("two workers", parallel, parallel_wall),
    ):
        cpu = sum(row[2] for row in rows)
        print(f"CPU used, {label}: {cpu:.2f} s, {cpu / wall:.2f} CPUs busy on average")
    assert [row[0] for row in parallel] == pages


def main() -> None:
    parser = argparse.ArgumentParser()
    triple = lambda text: tuple(int(n) for n in text.split(","))  # noqa: E731
    parser.add_argument("--per-list", type=triple, default=(18, 8, 5))
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--batch-per-list", type=triple, default=(2, 1, 1))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    # Per-page progress lines would bury the figures.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    out = args.out or Path(tempfile.mkdtemp(prefix="render-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    try:
        from benchmarks.render_support import profile_print
        from inspections.demo import demo_load
        from inspections.reference import reference_data_load

        reference_data_load()
        demo_load()
        html = _large_report(args, out)
        _batch(args)
        if not args.no_profile:
            profile_print(html, args.top)
        if args.out:
            print(f"files: {out}")
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
        if args.out is None:
            shutil.rmtree(out, ignore_errors=True)
        if OWN_VAR_DIR:
            shutil.rmtree(os.environ["WORKBENCH_VAR_DIR"], ignore_errors=True)


if __name__ == "__main__":
    main()
