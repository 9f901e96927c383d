"""A PDF report turned into the plain-text form the importer's parser reads.

pypdf lays each page out as fixed-width text ("layout" mode), which keeps the indentation
the parser's rules need. From that text this module strips the running header and footer
the product prints on every page (force name and section; month, year and "Page N of M"),
re-joins the lines a paragraph, an item or a heading was wrapped over, maps bullets to
"- " items and "  - " sub-points, and turns rows set out in columns into tab-separated rows.
Nothing here knows a report's landmarks: finding those stays the parser's job.
"""

import io
import re
from collections import Counter
from dataclasses import dataclass, field

import pypdf
from pypdf.errors import PdfReadError, PyPdfError

from reports.importer.errors import ImportRefused
from reports.importer.pdf_tables import (
    Verbatim,
    split_distribution_header,
    with_indicator_tables,
    without_charts,
)
from reports.importer.text import MONTHS

PDF_MAGIC = b"%PDF-"
# The layout text of a page may hold a little noise before the header (a BOM, a blank line).
_MAGIC_WITHIN = 1024
_CELL_GAP = re.compile(r"\s{3,}|\s*\.{4,}\s*")
_PAGE_NUMBER = re.compile(r"(?:^|\s)(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)
# A line ending in a month and year is a date (a cover's "Published in March 2009"), not a
# page number; a running footer holding one is still found as repeated on every page.
_ENDS_IN_DATE = re.compile(r"\b(?:{})\s+\d{{4}}$".format("|".join(MONTHS)), re.IGNORECASE)
_TOP_BULLETS = "•▪■●"
_SUB_BULLETS = "◦○–-"
_LOWER_START = re.compile(r"^[a-z(]")
_ENDS_SENTENCE = re.compile(r"[.:;!?]$")
_LONG_LINE = 0.75
_FORCE_SUFFIX = re.compile(r"^(?:Constabulary|Police|Police Service)$")
# A continuation line of an item sits at least this many columns right of its bullet.
_CONTINUATION_INDENT = 2

UNREADABLE = "The PDF could not be read ({reason}); nothing was imported."
ENCRYPTED = "The PDF is encrypted with a password; save an unprotected copy and import that."
NO_TEXT = (
    "The PDF holds no text to read (it may be scanned images of the pages); "
    "import the report as text or a PDF with a text layer."
)


def is_pdf(data: bytes) -> bool:
    """Recognised by its magic bytes, never by the file's name."""
    return PDF_MAGIC in data[:_MAGIC_WITHIN] and data.lstrip()[:5] == PDF_MAGIC


def _reader(data: bytes) -> pypdf.PdfReader:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportRefused(ENCRYPTED)
        return reader
    except ImportRefused:
        raise
    except (PdfReadError, PyPdfError) as exc:
        raise ImportRefused(UNREADABLE.format(reason=_reason(exc))) from exc
    except Exception as exc:  # noqa: BLE001 - a damaged file may break pypdf in any way
        raise ImportRefused(UNREADABLE.format(reason=type(exc).__name__)) from exc


def _reason(exc: Exception) -> str:
    text = str(exc).strip().rstrip(".") or type(exc).__name__
    return text[:120]


def _page_texts(reader: pypdf.PdfReader) -> list[str]:
    pages = []
    try:
        for page in reader.pages:
            pages.append(page.extract_text(extraction_mode="layout") or "")
    except ImportRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken page stream may raise anything
        if "decrypt" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise ImportRefused(ENCRYPTED) from exc
        raise ImportRefused(UNREADABLE.format(reason=_reason(exc))) from exc
    return pages


def pdf_text(data: bytes) -> str:
    """The report's text, ready for reports.importer.text.read_lines; ImportRefused for a
    broken, encrypted or image-only PDF."""
    pages = [text.splitlines() for text in _page_texts(_reader(data))]
    if not any(line.strip() for page in pages for line in page):
        raise ImportRefused(NO_TEXT)
    bodies = _without_furniture(pages)
    return "\n".join(_printed_labels(_Joiner().run(bodies))) + "\n"


# The product's own printed forms -----------------------------------------------------------

_PRACTICE_LABELS = {
    "problem": "PROBLEM",
    "solution": "SOLUTION",
    "evaluation": "EVALUATION",
    "external validation": "EXTERNAL VALIDATION",
    "outcomes": "OUTCOMES",
    "outcome(s)": "OUTCOMES",
    "force contact": "FORCE CONTACT",
}
_PRACTICE_AREA = re.compile(r"^Inspection area:\s*(.+)$")
_PRACTICE_POINTER = re.compile(r"^(Developing practice):\s*(see appendix.*)$", re.IGNORECASE)


def _printed_labels(lines: list[str]) -> list[str]:
    """The labels the product prints as headings, in the "LABEL: text" form the parser reads:
    a practice entry's area, title and fields, and the pointer to the practice appendix."""
    out: list[str] = []
    title_next = False
    for line in lines:
        if not line.strip():
            out.append(line)
            continue
        if title_next:
            out.append(f"TITLE: {line}")
            title_next = False
        elif found := _PRACTICE_AREA.match(line):
            out.append(f"INSPECTION AREA: {found.group(1)}")
            title_next = True
        elif line.strip().lower() in _PRACTICE_LABELS:
            out.append(_PRACTICE_LABELS[line.strip().lower()] + ":")
        elif found := _PRACTICE_POINTER.match(line):
            out += [found.group(1), "", found.group(2)[0].upper() + found.group(2)[1:]]
        else:
            out.append(line)
    return out


# Running headers and footers ---------------------------------------------------------------


def _first_cell(line: str) -> str:
    return _CELL_GAP.split(line.strip(), maxsplit=1)[0]


def _edges(page: list[str]) -> tuple[int | None, int | None]:
    filled = [i for i, line in enumerate(page) if line.strip()]
    return (filled[0], filled[-1]) if filled else (None, None)


def _repeated(values: list[str]) -> set[str]:
    """Values found on at least half the pages (and on two at least): running furniture."""
    counts = Counter(value for value in values if value)
    needed = max(2, len(values) // 2)
    return {value for value, count in counts.items() if count >= needed}


def _page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.search(text)) and not _ENDS_IN_DATE.search(text)


def _without_furniture(pages: list[list[str]]) -> list[list[str]]:
    edges = [_edges(page) for page in pages]
    heads = [
        _first_cell(page[top]) if top is not None else ""
        for page, (top, _) in zip(pages, edges, strict=True)
    ]
    feet = [
        re.sub(r"\d+", "#", page[end].strip()) if end is not None else ""
        for page, (_, end) in zip(pages, edges, strict=True)
    ]
    running_heads, running_feet = _repeated(heads), _repeated(feet)
    bodies = []
    for page, (top, end), head, foot in zip(pages, edges, heads, feet, strict=True):
        if top is None:
            bodies.append([])
            continue
        body = list(page)
        if foot in running_feet or _page_number(page[end].strip()):
            body[end] = ""
        if head in running_heads and len(_CELL_GAP.split(page[top].strip())) > 1:
            body[top] = ""
        bodies.append(body)
    return bodies


# Re-joining lines --------------------------------------------------------------------------


@dataclass
class _Block:
    """One logical line being built: a paragraph, an item or a table row."""

    kind: str  # "text", "item", "sub" or "row"
    indent: int
    text_indent: int
    parts: list[str] = field(default_factory=list)
    cells: list[tuple[int, str]] = field(default_factory=list)
    last_end: int = 0

    def render(self) -> str:
        if self.kind == "row":
            return "\t".join(text for _, text in self.cells)
        text = " ".join(self.parts)
        return {"item": "- ", "sub": "  - "}.get(self.kind, "") + text


def _cells(line: str) -> list[tuple[int, str]]:
    """(column, text) of each run of text set apart by three spaces or a dot leader."""
    cells, position = [], 0
    for piece in _CELL_GAP.split(line):
        start = line.index(piece, position) if piece else position
        if piece.strip():
            cells.append((start, piece.strip()))
        position = start + len(piece)
    return cells


def _right_edge(page: list[str]) -> int:
    """Where running text wraps on this page: most of its longer one-column lines end there
    (captions in small type and tables run further, so the longest line is not it)."""
    ends = sorted(
        len(line.rstrip())
        for line in page
        if len(line.strip()) >= 30 and not _CELL_GAP.search(line.strip())
    )
    return ends[(len(ends) * 3) // 4] if ends else 0


class _Joiner:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.block: _Block | None = None
        self.right = 0

    def run(self, pages: list[list[str]]) -> list[str]:
        # Every page has the same measure; the cover's few short lines would understate it.
        self.right = _right_edge([line for page in pages for line in page])
        for page in pages:
            # A page break is a soft break: an item or sentence may carry on overleaf, so the
            # blank lines left by the running header do not end the block.
            blank = None
            page = split_distribution_header(without_charts(page))
            for line in with_indicator_tables(page):
                if isinstance(line, Verbatim):
                    self._flush()
                    self.out.extend(line.lines)
                    continue
                if not line.strip():
                    blank = None if blank is None else True
                    continue
                self._line(line.rstrip(), bool(blank), page_start=blank is None)
                blank = False
        self._flush()
        return self.out

    def _flush(self) -> None:
        if self.block is not None:
            self.out.append(self.block.render())
            self.out.append("")
            self.block = None

    def _line(self, line: str, after_blank: bool, page_start: bool = False) -> None:
        indent = len(line) - len(line.lstrip())
        stripped = line.strip()
        marker = stripped[0]
        if marker in _TOP_BULLETS + _SUB_BULLETS and stripped[1:2] == " ":
            self._bullet(line, indent, marker)
            return
        cells = _cells(line)
        if len(cells) > 1:
            self._row(cells, indent, line)
            return
        if _FORCE_SUFFIX.match(stripped) and self.block is not None and self.block.kind == "text":
            # A force's name set large on the cover, its last word wrapped onto a line of
            # its own ("Avon and Somerset" / "Constabulary").
            self._append(stripped)
            return
        if self._continues(indent, stripped, after_blank):
            self._append(stripped)
            self.block.last_end = len(line)
            return
        if not page_start and self._cell_continues(indent, stripped, after_blank):
            return
        self._flush()
        kind = "text"
        self.block = _Block(kind, indent, indent, [stripped], last_end=len(line))

    def _append(self, text: str) -> None:
        parts = self.block.parts
        # A word hyphenated at the end of a line keeps its hyphen and loses the space.
        if parts and re.search(r"[A-Za-z]-$", parts[-1]) and text[:1].isalpha():
            parts[-1] += text
        else:
            parts.append(text)

    def _bullet(self, line: str, indent: int, marker: str) -> None:
        self._flush()
        body = line.strip()[1:].strip()
        kind = "item" if marker in _TOP_BULLETS and indent < 3 else "sub"
        text_indent = len(line) - len(line.lstrip()[1:].lstrip())
        self.block = _Block(kind, indent, text_indent, [body], last_end=len(line))

    def _row(self, cells, indent: int, line: str) -> None:
        self._flush()
        self.block = _Block("row", indent, indent, cells=list(cells), last_end=len(line))

    def _continues(self, indent: int, text: str, after_blank: bool) -> bool:
        block = self.block
        if block is None or block.kind == "row":
            return False
        if block.kind in ("item", "sub"):
            # Indented under the item's text: a wrapped line; after a blank line it is the
            # item's next paragraph, which the parser attaches to the item itself.
            return not after_blank and indent >= block.indent + _CONTINUATION_INDENT
        if after_blank or abs(indent - block.text_indent) > 1:
            return False
        if _LOWER_START.match(text):
            return True
        # Text set in a larger font fills fewer columns, so a long line that does not end a
        # sentence is taken as wrapped too.
        last = block.parts[-1]
        # A line that opens with the heading's own first words ("SPI 2a – ..." then
        # "SPI 2a: 47.1% ...") starts the text under that heading.
        if [w.rstrip(":") for w in text.split()[:2]] == block.parts[0].split()[:2]:
            return False
        if len(last) >= _LONG_LINE * self.right and not _ENDS_SENTENCE.search(last):
            return True
        first_word = text.split(" ", 1)[0]
        return block.last_end + 1 + len(first_word) > self.right - 1

    def _cell_continues(self, indent: int, text: str, after_blank: bool) -> bool:
        """A cell wrapped onto a line of its own, e.g. the end of a grade box's title."""
        block = self.block
        if after_blank or block is None or block.kind != "row":
            return False
        column, cell_text = min(block.cells, key=lambda cell: abs(cell[0] - indent))
        if abs(column - indent) > 1 and not _LOWER_START.match(text):
            return False
        position = block.cells.index((column, cell_text))
        block.cells[position] = (column, f"{cell_text} {text}")
        return True
