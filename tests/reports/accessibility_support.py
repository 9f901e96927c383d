"""Reading a report PDF the way assistive technology does, with pypdf: the structure tree, the
outline, the metadata, and which text is content and which is an artifact."""

import re
from dataclasses import dataclass, field

from tests.reports.render_support import pdf_reader

# Fewer structure elements than this is no structure tree for a report of several pages.
MIN_ELEMENTS = 100
# What a report's tree must hold: headings, paragraphs, lists, tables with header cells.
NEEDED_TAGS = ("/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TH", "/TD")


@dataclass
class Element:
    tag: str
    alt: str | None = None
    children: list["Element"] = field(default_factory=list)
    # The page (its object number) and the marked-content ids of the content it holds.
    page: int | None = None
    mcids: list[int] = field(default_factory=list)


@dataclass
class Entry:
    title: str
    children: list["Entry"] = field(default_factory=list)


def _element(node) -> Element:
    node = node.get_object()
    kids = node.get("/K")
    kids = kids if isinstance(kids, list) else [] if kids is None else [kids]
    element = Element(tag=str(node["/S"]), alt=str(node["/Alt"]) if "/Alt" in node else None)
    if "/Pg" in node:
        element.page = node.raw_get("/Pg").idnum
    for kid in kids:
        if isinstance(kid, int):
            element.mcids.append(int(kid))
        elif "/S" in kid.get_object():
            element.children.append(_element(kid))
    return element


def structure_tree(reader) -> Element | None:
    """The document's structure tree, from /StructTreeRoot; None when there is none."""
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        return None
    kids = root.get_object().get("/K") or []
    kids = kids if isinstance(kids, list) else [kids]
    return Element(tag="/StructTreeRoot", children=[_element(kid) for kid in kids])


def elements(tree: Element | None) -> list[Element]:
    """Every element of the tree, depth first, in reading order."""
    found, stack = [], [tree] if tree else []
    while stack:
        element = stack.pop()
        found.append(element)
        stack.extend(reversed(element.children))
    return found


def outline(reader) -> list[Entry]:
    """The bookmarks, nested as the viewer shows them."""

    def entries(items) -> list[Entry]:
        found: list[Entry] = []
        for item in items:
            if isinstance(item, list):
                found[-1].children = entries(item)
            else:
                found.append(Entry(title=str(item.title)))
        return found

    return entries(reader.outline)


def marked_text(page) -> list[tuple[str, str]]:
    """(innermost marked-content tag, text) for every piece of text on a page, in the order
    it is drawn: "/Artifact" for page furniture, "/Span" (or another tag) for content."""
    stack: list[str] = []
    found: list[tuple[str, str]] = []

    def before(operator, operands, cm, tm):
        if operator in (b"BDC", b"BMC"):
            stack.append(str(operands[0]))
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(value, *args):
        if value.strip():
            found.append((stack[-1] if stack else "", value))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found


def _content_by_mcid(page) -> dict[int, str]:
    """The text of each marked-content sequence with an MCID on a page."""
    stack: list[int | None] = []
    found: dict[int, str] = {}

    def before(operator, operands, cm, tm):
        if operator == b"BDC":
            properties = operands[1] if len(operands) > 1 else {}
            stack.append(properties.get("/MCID") if hasattr(properties, "get") else None)
        elif operator == b"BMC":
            stack.append(None)
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(value, *args):
        if stack and stack[-1] is not None:
            found[int(stack[-1])] = found.get(int(stack[-1]), "") + value

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found


class TreeText:
    """The text of structure elements, as a screen reader gets it from the tree."""

    def __init__(self, reader):
        self.tree = structure_tree(reader)
        self._pages = {page.indirect_reference.idnum: page for page in reader.pages}
        self._content: dict[int, dict[int, str]] = {}

    def _own(self, element: Element) -> str:
        if not element.mcids or element.page not in self._pages:
            return ""
        if element.page not in self._content:
            self._content[element.page] = _content_by_mcid(self._pages[element.page])
        return "".join(self._content[element.page].get(mcid, "") for mcid in element.mcids)

    def of(self, element: Element) -> str:
        """The element's text and its descendants', in tree order, whitespace collapsed."""
        return " ".join(" ".join(self._own(e) for e in elements(element)).split())

    def headings(self) -> list[str]:
        """The text of every heading element (/H1 to /H6), in tree order."""
        return [self.of(e) for e in elements(self.tree) if re.fullmatch(r"/H[1-6]", e.tag)]


def drawn_text(reader) -> str:
    """The text drawn on the pages as content (artifacts left out), in the order drawn."""
    pieces = [t for page in reader.pages for tag, t in marked_text(page) if tag != "/Artifact"]
    return " ".join(" ".join(pieces).split())


def _metadata_problems(reader, title: str) -> list[str]:
    problems = []
    catalog = reader.trailer["/Root"]
    if str(catalog.get("/Lang", "")) != "en-GB":
        problems.append(f"document language is {catalog.get('/Lang')!r}, not en-GB")
    if (reader.metadata or {}).get("/Title") != title:
        problems.append(f"info title is {(reader.metadata or {}).get('/Title')!r}")
    xmp = reader.xmp_metadata
    if xmp is None or (xmp.dc_title or {}).get("x-default") != title:
        problems.append("XMP metadata has no dc:title equal to the title")
    elif not re.search(rb'pdfuaid:part="1"', xmp.stream.get_data()):
        problems.append("XMP metadata does not say PDF/UA-1 (pdfuaid:part)")
    preferences = catalog.get("/ViewerPreferences") or {}
    # pypdf reads PDF booleans as BooleanObject, which is truthy or not but never `True` itself.
    if not preferences.get("/DisplayDocTitle"):
        problems.append("viewer preferences do not display the document title")
    if not (catalog.get("/MarkInfo") or {}).get("/Marked"):
        problems.append("MarkInfo /Marked is not true")
    return problems


def _tree_problems(tree: Element | None) -> list[str]:
    if tree is None:
        return ["no /StructTreeRoot"]
    found = elements(tree)
    problems = []
    if len(found) < MIN_ELEMENTS:
        problems.append(f"structure tree has only {len(found)} elements")
    tags = {element.tag for element in found}
    problems += [f"structure tree has no {tag}" for tag in NEEDED_TAGS if tag not in tags]
    figures = [element for element in found if element.tag == "/Figure"]
    problems += ["a figure has no text alternative" for figure in figures if not figure.alt]
    return problems


def _outline_problems(reader, areas: list[str]) -> list[str]:
    stack = outline(reader)
    while stack:
        entry = stack.pop()
        titles = [child.title for child in entry.children]
        if [title for title in titles if title in areas] == areas:
            return []
        stack.extend(entry.children)
    return [f"no outline entry has every inspection area under it, in order: {areas}"]


def accessibility_problems(pdf: bytes, *, title: str, areas: list[str]) -> list[str]:
    """What keeps this report PDF from being read by assistive technology; [] when nothing.

    Checks: a non-trivial structure tree with headings, paragraphs, lists and tables, every
    figure with a text alternative; /MarkInfo /Marked true; /Lang en-GB; the title in the info
    dictionary and in XMP, shown by the viewer; XMP saying PDF/UA-1; an outline entry whose
    children are the inspection areas."""
    reader = pdf_reader(pdf)
    return (
        _tree_problems(structure_tree(reader))
        + _metadata_problems(reader, title)
        + _outline_problems(reader, areas)
    )
