"""HTML to PDF with WeasyPrint, and the version of the templates a report was printed with.

The engine knows nothing about inspections: it takes the HTML a report builder made and returns
the PDF bytes and page count. Every resource the HTML names goes through StaticOnlyFetcher;
file attachments (rel="attachment" on <a> or <link>) are removed before the PDF is written,
so no file is ever embedded in a report, whatever its URL.

Every report is a tagged PDF/UA-1 document: WeasyPrint builds the structure tree from the HTML
(headings, lists, tables with their header cells, figures with their text alternative), takes
the language from <html lang>, the title, author and subject from <title> and <meta>, shows the
title in the viewer's title bar, and makes the outline (bookmarks) from the report CSS's
bookmark-level rules. Running headers, footers and the draft watermark are printed as artifacts
(reports/rendering/artifacts.py).
"""

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import weasyprint
from django.conf import settings

from reports.rendering.artifacts import furniture_as_artifacts
from reports.rendering.fetcher import REPORT_BASE_URL, StaticOnlyFetcher
from reports.rendering.inline import self_contained_html

__all__ = ["RenderedPdf", "html_to_pdf", "self_contained_html", "template_version"]

# Folders (relative to BASE_DIR) whose files decide how a report looks; template_version hashes
# them so a PDF records which layout printed it.
TEMPLATE_FOLDERS = ("templates/reports/pdf", "static/reports")
# template_version keeps this many hex characters of its SHA-256: 64 bits tell versions apart
# and stay readable in a run's details.
TEMPLATE_VERSION_LENGTH = 16
# Options for WeasyPrint's render and write_pdf. Presentational hints stay off because report
# templates style everything through the report CSS; custom <meta> is not copied into the PDF
# (the standard author, description and keywords are). The PDF/UA-1 variant tags the PDF
# (pdf_tags) and writes PDF 1.7 with the XMP metadata that says it is PDF/UA.
RENDER_OPTIONS = {"presentational_hints": False}
PDF_OPTIONS = {"custom_metadata": False, "pdf_variant": "pdf/ua-1"}


@dataclass(frozen=True)
class RenderedPdf:
    """A rendered report: the PDF bytes, its page count, and the URLs the fetcher refused."""

    pdf: bytes
    pages: int
    refused: tuple[str, ...] = ()


def html_to_pdf(html: str) -> RenderedPdf:
    """Render report HTML to PDF.

    Relative URLs resolve against the fetcher's report origin, so `/static/...` links load
    project static files from disk. Refused resources are logged by WeasyPrint and skipped (the
    render goes on); attachments are dropped. Same HTML and templates give the same page count.
    """
    fetcher = StaticOnlyFetcher()
    document = weasyprint.HTML(string=html, base_url=REPORT_BASE_URL, url_fetcher=fetcher).render(
        **RENDER_OPTIONS
    )
    _drop_attachments(document)
    with furniture_as_artifacts(document):
        pdf = document.write_pdf(**PDF_OPTIONS)
    return RenderedPdf(pdf=pdf, pages=len(document.pages), refused=tuple(fetcher.log.refused))


def _drop_attachments(document) -> None:
    # WeasyPrint embeds <link rel=attachment> (document metadata) and <a rel=attachment>
    # (page links of type "attachment") when it writes the PDF; removing both here means they
    # are never fetched, even when they point at an allowed static file.
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]


@functools.cache
def template_version() -> str:
    """First TEMPLATE_VERSION_LENGTH hex characters of the SHA-256 over every file under the
    report templates and report static folders: each file's path (relative to BASE_DIR) and
    bytes, in sorted path order. Computed once per process; templates change with deploys."""
    base = Path(settings.BASE_DIR)
    files = sorted(
        path
        for folder in TEMPLATE_FOLDERS
        for path in (base / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )
    digest = hashlib.sha256()
    for path in files:
        relative = path.relative_to(base).as_posix().encode()
        content = path.read_bytes()
        # Lengths make the stream unambiguous: no two file sets hash the same bytes.
        digest.update(b"%d:%s%d:" % (len(relative), relative, len(content)))
        digest.update(content)
    return digest.hexdigest()[:TEMPLATE_VERSION_LENGTH]
