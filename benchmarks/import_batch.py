"""How fast `import_report` imports a folder of force reports, one per force.

    .venv/bin/python benchmarks/import_batch.py [--forces 43] [--pdf N]

Makes one report per force (the shared 2008 seed force report, ../shared/seeds, with the
force's name put in; the synthetic test fixture when the seeds are absent), writes them to a
temporary folder and imports the folder with the command, as a user would, on a throw-away
SQLite database with the reference data loaded. Prints the total and the per-report times
(fastest, median, slowest). With --pdf N, also prints the product's rendering of the first
N imported reports and the time to import those PDFs back.
"""

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
os.environ.setdefault("WORKBENCH_VAR_DIR", "/tmp/workbench-benchmark")

SEED = ROOT.parent / "shared" / "seeds" / "staffordshire-2008-np-dcfp.txt"
FIXTURE = ROOT / "tests" / "reports" / "fixtures" / "synthetic-markdown.md.txt"


def _forces() -> list[tuple[str, str]]:
    with open(ROOT / "forces" / "data" / "forces.csv", newline="") as rows:
        return [(row["force"], row["formal_name"]) for row in csv.DictReader(rows)]


def _template() -> tuple[str, str, str]:
    """The report to vary, the force name it is about and that force's formal name."""
    if SEED.exists():
        return SEED.read_text(encoding="utf-8"), "Staffordshire", "Staffordshire Police"
    return FIXTURE.read_text(encoding="utf-8"), "Cumbria", "Cumbria Constabulary"


def write_reports(folder: Path, count: int) -> list[Path]:
    text, name, formal = _template()
    paths = []
    for force, formal_name in _forces()[:count]:
        varied = text.replace(formal, formal_name).replace(name, force)
        path = folder / f"{force.lower().replace(' ', '-')}-2008.txt"
        path.write_text(varied, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forces", type=int, default=43)
    parser.add_argument("--pdf", type=int, default=0)
    args = parser.parse_args()

    from benchmarks.import_report import throwaway_database

    with throwaway_database(), tempfile.TemporaryDirectory() as folder:
        _run(Path(folder), args)


def _run(folder: Path, args) -> None:
    from django.core.management import call_command

    from inspections.reference import reference_data_load
    from reports.importer import service

    reference_data_load()
    paths = write_reports(folder, args.forces)
    times = []
    real_import = service.report_import

    def timed(**kwargs):
        start = time.perf_counter()
        try:
            return real_import(**kwargs)
        finally:
            times.append(time.perf_counter() - start)

    # The command imports each file through this name (reports.importer.batch).
    from reports.importer import batch

    batch.report_import = timed
    start = time.perf_counter()
    out = StringIO()
    try:
        call_command("import_report", str(folder), stdout=out)
    finally:
        batch.report_import = real_import
    total = time.perf_counter() - start
    size = sum(p.stat().st_size for p in paths) / len(paths) / 1024
    print(f"reports:             {len(paths)} files, {size:.0f} KB each ({_template()[1]} varied)")
    print(f"folder import:       {total:.1f} s in all ({out.getvalue().splitlines()[-1]})")
    print(
        f"per report:          fastest {min(times):.2f} s, median "
        f"{statistics.median(times):.2f} s, slowest {max(times):.2f} s"
    )
    if args.pdf:
        _pdfs(args.pdf)


def _pdfs(count: int) -> None:
    from inspections.models import Inspection
    from reports.importer.service import report_import
    from reports.rendering.engine import html_to_pdf
    from reports.rendering.force import force_report_document

    pdfs = []
    for inspection in Inspection.objects.order_by("pk")[:count]:
        document = force_report_document(inspection_id=inspection.pk)
        pdfs.append(html_to_pdf(document.html).pdf)
    times = []
    for pdf in pdfs:
        start = time.perf_counter()
        report_import(data=pdf, source_name="printed.pdf", replace=True)
        times.append(time.perf_counter() - start)
    size = sum(len(pdf) for pdf in pdfs) / len(pdfs) / 1024
    print(
        f"printed PDFs:        {len(pdfs)} of {size:.0f} KB each; import back median "
        f"{statistics.median(times):.2f} s, slowest {max(times):.2f} s"
    )


if __name__ == "__main__":
    main()
