"""Helpers of the render-engine tests: a private static folder and PDF inspection with pypdf."""

import io

import pypdf

# A 1x1 PNG, so tests can check an image travels through the fetcher or into a data: URI.
PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415478"
    "9c63382127070002b6010534a675aa0000000049454e44ae426082"
)
# Small A6 pages make multi-page documents cheap; the pixel proves url() inside CSS is read.
REPORT_CSS = """@page { size: A6; margin: 10mm; }
body { font-family: "DejaVu Serif", serif; color: #123456; }
h1 { background: url("img/pixel.png") no-repeat; }
"""


def report_static_folder(settings, tmp_path):
    """A static folder of our own holding reports/report.css and reports/img/pixel.png, found
    by the staticfiles finders (changing STATICFILES_DIRS clears their cache)."""
    folder = tmp_path / "static"
    (folder / "reports" / "img").mkdir(parents=True)
    (folder / "reports" / "report.css").write_text(REPORT_CSS)
    (folder / "reports" / "img" / "pixel.png").write_bytes(PIXEL_PNG)
    settings.STATICFILES_DIRS = [folder]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STATIC_ROOT.mkdir()
    return folder


def pdf_reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pdf_reader(pdf).pages)


def embedded_files(pdf: bytes) -> list[str]:
    """Names of every file the PDF carries: document attachments and file-attachment
    annotations on any page."""
    reader = pdf_reader(pdf)
    names = list(reader.attachments)
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/FileAttachment":
                names.append(str(annotation.get("/FS", {}).get("/F", "annotation")))
    return names


def pages_html(count: int, head: str = "", body: str = "") -> str:
    """A document of `count` pages (one forced page break before each after the first)."""
    sections = "".join(
        f'<section style="break-before: page"><h1>Part {n}</h1><p>Text {n}</p></section>'
        if n
        else f"<section><h1>Part {n}</h1><p>Text {n}</p></section>"
        for n in range(count)
    )
    return (
        f"<!doctype html><html><head><title>Test</title>{head}</head>"
        f"<body>{sections}{body}</body></html>"
    )
