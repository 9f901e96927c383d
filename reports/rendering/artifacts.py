"""Running headers, footers and the draft watermark as PDF artifacts, not content.

PDF/UA wants page furniture (running headers and footers, page numbers, watermarks) marked as
/Artifact in the page content, so that assistive technology skips it. WeasyPrint 70 already
keeps the text of page margin boxes out of the structure tree, but it still marks that text as
tagged content (a /Span with an MCID that no element of the tree claims), and it tags an
element with aria-hidden="true" like any other, so the DRAFT watermark would be read out on
every page. `furniture_as_artifacts(document)` fixes both for one write_pdf call:

- the page content of every margin box and of every aria-hidden element is printed inside
  /Artifact instead of /Span <</MCID n>>;
- an aria-hidden element gets no structure element in the tree (like a margin box).

WeasyPrint has no hook for this, so two of its internals are wrapped, once, when this module is
imported: Stream.marked (which opens tagged content) and tags._build_box_tree (which builds the
structure tree). Both wrappers do exactly what WeasyPrint does unless a render is inside
furniture_as_artifacts and the box is page furniture. They keep WeasyPrint's bookkeeping: each
marked box is still registered under the MCID it would have had, because the tree builder
looks up every box it drew and numbers the parent tree by MCID; those numbers are simply not
used by the page content. tests/reports/test_pdf_accessibility.py checks the result, so an
upgrade of WeasyPrint that changes these internals fails there.
"""

import contextlib
import contextvars

from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.pdf import tags as pdf_tags
from weasyprint.pdf.stream import Stream

# Ids of the boxes of the render under way that are page furniture, and of the aria-hidden
# boxes whose subtree stays out of the structure tree. None outside furniture_as_artifacts.
_FURNITURE: contextvars.ContextVar[frozenset[int] | None] = contextvars.ContextVar(
    "report_pdf_furniture", default=None
)
_HIDDEN_ROOTS: contextvars.ContextVar[frozenset[int]] = contextvars.ContextVar(
    "report_pdf_hidden_roots", default=frozenset()
)


def _ids(box) -> list[int]:
    # A positioned box is reached through the placeholder left in its parent, and drawn and
    # tagged as the box itself: both stand for it.
    if isinstance(box, AbsolutePlaceholder):
        return [id(box), id(box._box)]
    return [id(box)]


def _children(box) -> list:
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    return list(getattr(box, "children", ()))


def _hidden(box) -> bool:
    element = getattr(box, "element", None)
    return element is not None and element.get("aria-hidden") == "true"


def _subtree(box) -> list[int]:
    found, stack = [], [box]
    while stack:
        current = stack.pop()
        found += _ids(current)
        stack.extend(_children(current))
    return found


def page_furniture(document) -> tuple[frozenset[int], frozenset[int]]:
    """(every box that is page furniture, the aria-hidden boxes that start a hidden subtree)
    over all pages of a rendered document, by id."""
    furniture, hidden_roots = [], []
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if isinstance(box, boxes.MarginBox):
                furniture += _subtree(box)
            elif _hidden(box):
                hidden_roots += _ids(box)
                furniture += _subtree(box)
            else:
                stack.extend(_children(box))
    return frozenset(furniture), frozenset(hidden_roots)


@contextlib.contextmanager
def furniture_as_artifacts(document):
    """Within this block, write_pdf on `document` prints its page furniture as artifacts."""
    furniture, hidden_roots = page_furniture(document)
    furniture_token = _FURNITURE.set(furniture)
    hidden_token = _HIDDEN_ROOTS.set(hidden_roots)
    try:
        yield
    finally:
        _FURNITURE.reset(furniture_token)
        _HIDDEN_ROOTS.reset(hidden_token)


_weasyprint_marked = Stream.marked
_weasyprint_build_box_tree = pdf_tags._build_box_tree


@contextlib.contextmanager
def _marked(self, box, tag):
    furniture = _FURNITURE.get()
    if self._tags is None or furniture is None or id(box) not in furniture:
        with _weasyprint_marked(self, box, tag):
            yield
        return
    self._tags[box] = {"tag": tag, "mcid": len(self._tags)}
    with self.artifact():
        yield


def _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
    if id(box) not in _HIDDEN_ROOTS.get():
        yield from _weasyprint_build_box_tree(
            box, parent, pdf, page_number, nums, annotations, tags
        )
        return
    # Built and thrown away, as WeasyPrint does for margin boxes: it consumes the boxes this
    # subtree registered, so the parent tree keeps one entry per MCID, in order.
    tuple(_weasyprint_build_box_tree(box, parent, pdf, page_number, nums, annotations, tags))


Stream.marked = _marked
pdf_tags._build_box_tree = _build_box_tree

__all__ = ["furniture_as_artifacts", "page_furniture"]
