"""Reading a report's lines whatever their mark-up: markdown, HTML fragments or plain text.

Each source line is first normalised (`clean` and `_markup`): Windows line ends, non-breaking
and zero-width spaces, stray markdown escapes, HTML cells (`<td>`) and pipe tables become
tab-separated cells, `<h3>` becomes a markdown heading, `<b>`/`<strong>` emphasis, `<li>` a
bullet, `<br>` and `</p><p>` line breaks; every other tag goes. Then each line becomes a
`Line` that knows its number, its plain text, whether it was a heading or wholly emphasised,
whether it is a bullet (its marker and indentation; lists decide what is a sub-point), a
table row, or page furniture (a month and year, a page number, a rule).
Headings merged onto one line by a conversion are split apart again first.
"""

import html
import re
from dataclasses import dataclass

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_YEAR = re.compile(r"^({})\s+(\d{{4}})$".format("|".join(MONTHS)), re.IGNORECASE)
_SHORT_MONTH = re.compile(r"^(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)\.?\s+\d{4}$", re.I)
_PAGE = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$|^[-–]\s*\d{1,3}\s*[-–]$", re.I)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*")
_SYMBOLS = "-*+•◦▪‣⁃●○■□–—o"
_ROMAN = r"(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)"
_BULLET = re.compile(
    rf"^(\s*)([{_SYMBOLS}]|\d{{1,2}}[.)]|\(\d{{1,2}}\)|[a-z][.)]|\([a-z]\)|{_ROMAN}[.)]|\({_ROMAN}\))"
    r"\s+(?=\S)"
)
# Markers that may begin ordinary text too ('1. Neighbourhood Policing;', 'o' alone): a line
# with one is a bullet only where a list reads it as one (reports.importer.lists).
_TENTATIVE = re.compile(r"^\(?[0-9a-z]+[.)]$|^o$")
_SUB_MARKERS = {"◦", "▪", "–", "o"}
_RULE = re.compile(r"^[\s\-=_*|\t:]+$")
_SUP = re.compile(r"<sup>.*?</sup>", re.IGNORECASE | re.DOTALL)
_AUTOLINK = re.compile(r"<((?:https?://|www\.)[^>\s]+)>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_BOLD_PARTS = re.compile(r"\*\*|__")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_SPACES = re.compile(r"[ \u00a0]+")
# Characters conversions leave that mean a space or nothing.
_CHARACTERS = str.maketrans(
    {
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
        "\u00ad": None,
        "\r": None,
    }
)
# A markdown escape of punctuation ('co\-ordinated', '\#'); '\*' and '\_' stay escaped until
# emphasis has been read (see plain).
_ESCAPE = re.compile(r"\\([-`{}\[\]()#+.!|>~'\"])")
_BREAKS = re.compile(r"</p>\s*<p[^>]*>|<br\s*/?>", re.IGNORECASE)
_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)(?=<t[dh]\b|</t[dh]>|</tr>|$)", re.I | re.DOTALL)
_HEADING_TAG = re.compile(r"^((?:\s*<(?!h[1-6]\b)[a-z][^>]*>)*)\s*<h([1-6])\b[^>]*>", re.I)
_BOLD_TAG = re.compile(r"</?(?:b|strong)\b[^>]*>", re.IGNORECASE)
_ITALIC_TAG = re.compile(r"</?(?:i|em|u)\b[^>]*>", re.IGNORECASE)
_LI = re.compile(r"^(\s*)<li\b[^>]*>\s*", re.IGNORECASE)
# A merge of two headings: the end of one bold run glued to the start of the next, or a
# grade box glued to a heading.
_MERGES = (
    re.compile(r"\*\*\*\*"),
    re.compile(r"(?<=[a-z)])(?=GRADE\b)"),
    # A grade in capitals glued to the next heading: 'GRADE GOODNational grade distribution'.
    re.compile(r"(?<=^GRADE )([A-Z][A-Z ]*[A-Z])\**(?=\**[A-Z][a-z])"),
)
_LEAD = re.compile(r"^(?:\*\*|__|<b>|<strong>)(.+?)(?:\*\*|__|</b>|</strong>)\s*(.*)$", re.I)


@dataclass
class Line:
    number: int
    text: str
    heading: int = 0
    bold: bool = False
    bullet: int | None = None
    lead: str | None = None
    cells: list[str] | None = None
    footer: bool = False
    rule: bool = False
    # A bullet's marker ('-', '•', '1.', 'a)' ...) and indentation (tabs count four).
    marker: str | None = None
    indent: int = 0
    # A line whose marker may begin ordinary text: its text and lead read as a bullet.
    tentative: tuple[str, str | None] | None = None

    @property
    def blank(self) -> bool:
        return not self.text and not self.rule and self.lead is None

    @property
    def is_table(self) -> bool:
        return self.cells is not None


def plain(text: str) -> str:
    """Text without mark-up: tags, emphasis, links and footnote markers removed."""
    text = _SUP.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _BOLD_PARTS.sub("", text)
    text = _ITALIC.sub(r"\1", text)
    text = text.replace("\\_", "_").replace("\\*", "*")
    text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()


def normalise(text: str) -> str:
    """A comparison key: lower case, letters and digits only, single spaces."""
    text = plain(text).lower().replace("’", "'")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def month_year(text: str) -> tuple[int, int] | None:
    match = _MONTH_YEAR.match(text.strip().rstrip("."))
    if not match:
        return None
    return MONTHS.index(match.group(1).lower()) + 1, int(match.group(2))


def is_footer(text: str) -> bool:
    """Page furniture: a month and year, a page number ('12', 'Page 12 of 40', '- 12 -')."""
    text = text.strip()
    return bool(month_year(text) or _SHORT_MONTH.match(text) or _PAGE.match(text))


def clean(raw: str) -> str:
    """A source line without the characters conversions vary in: line ends, special spaces,
    soft hyphens, trailing spaces and markdown escapes of punctuation."""
    return _ESCAPE.sub(r"\1", raw.translate(_CHARACTERS)).rstrip()


def _markup(raw: str) -> str:
    """HTML made markdown: cells become tabs, headings '#', bold '**', a list item '- ';
    every other tag is dropped (autolinks and footnote markers are left to `plain`)."""
    if "<" not in raw:
        return _pipes(raw)
    if re.search(r"<t[dh]\b", raw, re.IGNORECASE):
        raw = "\t".join(cell.strip() for cell in _CELL.findall(raw))
    if match := _HEADING_TAG.match(raw):
        raw = "#" * int(match.group(2)) + " " + raw[match.end() :]
        raw = re.sub(r"</h[1-6]>", "", raw, flags=re.IGNORECASE)
    raw = _ITALIC_TAG.sub("", _BOLD_TAG.sub("**", raw))
    raw = _AUTOLINK.sub(r"\1", _SUP.sub("", raw))
    raw = _TAG.sub("", _LI.sub(r"\1- ", raw))
    return _pipes(raw)


def _pipes(raw: str) -> str:
    """A pipe table's row ('| a | b |') as tab-separated cells."""
    stripped = raw.strip()
    if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
        return "\t".join(cell.strip() for cell in stripped[1:-1].split("|"))
    return raw


def _is_bold(raw: str) -> bool:
    body = re.sub(r"</?p>", "", raw.strip(), flags=re.IGNORECASE).strip()
    body = _SUP.sub("", body).strip()
    for opening, closing in (
        ("**", "**"),
        ("__", "__"),
        ("<b>", "</b>"),
        ("<strong>", "</strong>"),
    ):
        if body.lower().startswith(opening) and body.lower().endswith(closing):
            return len(body) > len(opening) + len(closing)
    return False


def _bullet(raw: str) -> tuple[str | None, int, str]:
    """(marker, indentation, text after the marker); marker None for no bullet."""
    match = _BULLET.match(raw)
    if not match:
        return None, 0, raw
    return match.group(2), len(match.group(1).expandtabs(4)), raw[match.end() :]


def marker_class(marker: str) -> str:
    """Markers of one kind: '1.' and '2.' alike, 'a)' and 'iv)' alike, each glyph its own."""
    core = marker.strip("().")
    if marker != "o" and core and (core.isdigit() or core.isalpha()):
        kind = "number" if core.isdigit() else "letter"
        return ("(" if marker.startswith("(") else "") + kind + marker[-1]
    return marker


def _lead(body: str) -> tuple[str | None, str]:
    """An item's emphasised opening phrase, e.g. '**Crime recording.** The pilot ...'."""
    match = _LEAD.match(body.strip())
    if not match:
        return None, body
    lead, rest = plain(match.group(1)), match.group(2)
    return (lead or None), rest


def _table_cells(raw: str) -> list[str] | None:
    if "\t" not in raw:
        return None
    body = raw.lstrip(" \t")
    if "\t" not in body and _BULLET.match(body):
        return None  # a bullet indented by a tab
    cells = [plain(cell) for cell in raw.rstrip("\n").split("\t")]
    if not any(cells):
        return None
    return cells


def read_line(number: int, raw: str) -> Line:
    raw = _markup(clean(raw))
    if "&" in raw:  # entities: '&nbsp;', '&bull;', '&#8226;', '&rsquo;'
        raw = html.unescape(raw).translate(_CHARACTERS)
    heading = 0
    match = _HEADING.match(raw)
    if match:
        heading, raw = len(match.group(1)), raw[match.end() :]
    if _RULE.match(raw) and raw.strip():
        return Line(number, "", rule=True)
    cells = _table_cells(raw)
    if cells is not None:
        return Line(number, " ".join(c for c in cells if c), heading=heading, cells=cells)
    text = plain(raw)
    if is_footer(text):
        return Line(number, text, heading=heading, footer=True)
    marker, indent, body = _bullet(raw)
    if marker is None:
        return Line(number, text, heading=heading, bold=_is_bold(raw))
    lead, rest = _lead(body)
    if _TENTATIVE.match(marker) and not (marker == "o" and indent):
        line = Line(number, text, heading=heading, bold=_is_bold(raw), indent=indent)
        line.marker, line.tentative = marker_class(marker), (plain(rest), lead)
        return line
    depth = 1 if indent >= 2 or marker in _SUB_MARKERS else 0
    return Line(
        number,
        plain(rest),
        heading=heading,
        bold=_is_bold(rest),
        bullet=depth,
        lead=lead,
        marker=marker_class(marker),
        indent=indent,
    )


def split_merged(raw: str) -> list[str]:
    """Split a line that holds several lines glued together: paragraphs or breaks in HTML,
    two bold headings, a grade box and a heading."""
    parts = _BREAKS.split(raw)
    _, glued, capitals = _MERGES
    parts = [p for part in parts for p in _split_bold_run(part)]
    parts = [p for part in parts for p in glued.split(part)]
    parts = [p for part in parts for p in _split_capitals(part, capitals)]
    return [part for part in parts if part.strip()] or [raw]


def _split_bold_run(raw: str) -> list[str]:
    for mark in ("**", "__"):
        if mark * 2 in raw:
            pieces = raw.split(mark * 2)
            inner = [mark + p + mark for p in pieces[1:-1]]
            return [pieces[0] + mark, *inner, mark + pieces[-1]]
    return [raw]


def _split_capitals(raw: str, pattern: re.Pattern) -> list[str]:
    match = pattern.search(raw)
    if not match:
        return [raw]
    return [raw[: match.end(1)], raw[match.end() :]]


def read_lines(source: str) -> list[Line]:
    lines = []
    for number, raw in enumerate(source.splitlines(), start=1):
        for piece in _BREAKS.split(clean(raw)):
            for part in split_merged(_markup(piece)):
                lines.append(read_line(number, part))
    return lines
