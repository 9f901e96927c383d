"""python manage.py render_report (INSPECTION_ID | --national YEAR) --out FILE.pdf
[--html-out FILE.html] [--released-only]

Renders synchronously through the same code as the report worker (the report builder, then
the engine), without recording a ReportRun. Files are written to a temporary name beside the
target and renamed into place only once everything has been rendered, so a failure leaves no
half-written file.
"""

import os
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspections.models import Inspection, Programme
from reports.rendering.document import ReportDocument
from reports.rendering.engine import html_to_pdf, self_contained_html, template_version
from reports.rendering.force import force_report_document
from reports.rendering.national import national_report_document

# Hashes are printed shortened; the full data hash is in the ReportRun when the worker renders.
SHOWN_HASH = 12


class Command(BaseCommand):
    help = "Render an inspection's force report (or a programme's national report) to PDF."

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        # Taken as text so that a bad id gets our message and exit status, not argparse's.
        target.add_argument("inspection_id", nargs="?", help="The inspection's id.")
        target.add_argument("--national", metavar="YEAR", help="A programme's national report.")
        parser.add_argument("--out", required=True, help="Where to write the PDF.")
        parser.add_argument("--html-out", help="Also write the report as one self-contained HTML.")
        parser.add_argument(
            "--released-only",
            action="store_true",
            help="Only the areas released to the force (the liaison's draft).",
        )

    def handle(self, *args, **options):
        out = _target_path(options["out"])
        html_out = _target_path(options["html_out"]) if options["html_out"] else None
        if html_out is not None and html_out.resolve() == out.resolve():
            raise CommandError("--out and --html-out must be different files.", returncode=2)
        start = time.perf_counter()
        document = self._document(options)
        rendered = html_to_pdf(document.html)
        seconds = time.perf_counter() - start
        files = [(out, rendered.pdf)]
        if html_out is not None:
            files.append((html_out, self_contained_html(document.html).encode("utf-8")))
        _write_all(files)
        self.stdout.write(
            f"wrote {out}: {rendered.pages} pages in {seconds:.2f} s "
            f"(data {document.data_hash[:SHOWN_HASH]}, template {template_version()})"
        )
        if html_out is not None:
            self.stdout.write(f"wrote {html_out}: self-contained HTML, {len(files[1][1])} bytes")

    def _document(self, options) -> ReportDocument:
        if options["national"] is not None:
            if options["released_only"]:
                raise CommandError("--released-only applies to force reports only.", returncode=2)
            return _national_document(options["national"])
        return _force_document(options["inspection_id"], released_only=options["released_only"])


def _whole_number(raw: str, what: str) -> int:
    raw = raw.strip()
    if not raw.isdigit():
        raise CommandError(f"{what} must be a whole number, not {raw!r}.", returncode=2)
    return int(raw)


def _force_document(raw_id: str, *, released_only: bool) -> ReportDocument:
    inspection_id = _whole_number(raw_id, "Inspection id")
    if not Inspection.objects.filter(pk=inspection_id).exists():
        raise CommandError(f"No inspection has id {inspection_id}.", returncode=2)
    return force_report_document(inspection_id=inspection_id, released_only=released_only)


def _national_document(raw_year: str) -> ReportDocument:
    year = _whole_number(raw_year, "Programme year")
    programme = Programme.objects.filter(year=year).first()
    if programme is None:
        raise CommandError(f"No programme for the year {year}.", returncode=2)
    return national_report_document(programme_id=programme.pk)


def _target_path(raw: str) -> Path:
    """The output path, refused before any rendering if its folder cannot take the file."""
    path = Path(raw).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CommandError(f"{path} is a folder; give a file name.", returncode=2)
    if not folder.is_dir():
        raise CommandError(f"No such folder: {folder}", returncode=2)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise CommandError(f"Cannot write in {folder}.", returncode=2)
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write every file to a temporary name beside its target, then rename them all; on any
    error no temporary file is left behind and no target is touched before all are written."""
    temporaries = []
    try:
        for path, content in files:
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
            temporaries.append(Path(name))
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            # mkstemp creates owner-only files; a report gets the usual permissions.
            os.chmod(name, 0o666 & ~_umask())
        for temporary, (path, _) in zip(temporaries, files, strict=True):
            os.replace(temporary, path)
    except OSError as error:
        raise CommandError(f"Could not write the report: {error}", returncode=1) from None
    finally:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
