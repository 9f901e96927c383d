"""Reading a report's lines whatever their mark-up: markdown, HTML fragments or plain text.

Each source line becomes a `Line` that knows its number, its plain text, whether it was a
heading or wholly emphasised, whether it is a bullet (and how deep) or a table row, and
whether it is page furniture (a month and year alone on a line, a page number, a rule).
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
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*")
_BULLET = re.compile(r"^(\s*)([-*+•◦▪–o])\s+(?=\S)")
_SUB_MARKERS = {"◦", "▪", "–", "o"}
_RULE = re.compile(r"^[\s\-=_*|\t]+$")
_SUP = re.compile(r"<sup>.*?</sup>", re.IGNORECASE | re.DOTALL)
_AUTOLINK = re.compile(r"<((?:https?://|www\.)[^>\s]+)>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_BOLD_PARTS = re.compile(r"\*\*|__")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_SPACES = re.compile(r"[ \u00a0]+")
# A merge of two headings: the end of one bold run glued to the start of the next, a block
# element closed and the next opened on the same line, or a grade box glued to a heading.
_MERGES = (
    re.compile(r"\*\*\*\*"),
    re.compile(r"</p>\s*<p>", re.IGNORECASE),
    re.compile(r"(?<=[a-z)])(?=GRADE\b)"),
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


def _bullet(raw: str) -> tuple[int | None, str]:
    match = _BULLET.match(raw)
    if not match:
        return None, raw
    indent, marker = len(match.group(1).expandtabs(4)), match.group(2)
    if marker == "o" and not indent:
        return None, raw  # a sentence that starts with the word "o" is not a bullet
    depth = 1 if indent >= 2 or marker in _SUB_MARKERS else 0
    return depth, raw[match.end() :]


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
    cells = [plain(cell) for cell in raw.rstrip("\n").split("\t")]
    if not any(cells):
        return None
    return cells


def read_line(number: int, raw: str) -> Line:
    raw = raw.rstrip("\r\n")
    heading = 0
    match = _HEADING.match(raw)
    if match:
        heading, raw = len(match.group(1)), raw[match.end() :]
    if _RULE.match(raw) and raw.strip():
        return Line(number, "", rule=True)
    cells = _table_cells(raw)
    if cells is not None:
        return Line(number, " ".join(c for c in cells if c), heading=heading, cells=cells)
    depth, body = _bullet(raw)
    lead = None
    if depth is not None:
        lead, body = _lead(body)
    text = plain(body)
    line = Line(number, text, heading=heading, bold=_is_bold(body), bullet=depth, lead=lead)
    line.footer = depth is None and bool(month_year(text) or re.fullmatch(r"\d{1,3}", text))
    return line


def split_merged(raw: str) -> list[str]:
    """Split a line that holds several headings glued together."""
    parts = [raw]
    for pattern in _MERGES:
        if pattern.pattern == r"\*\*\*\*":
            parts = [p for part in parts for p in _split_bold_run(part)]
        else:
            parts = [p for part in parts for p in pattern.split(part)]
    return [part for part in parts if part.strip()] or [raw]


def _split_bold_run(raw: str) -> list[str]:
    if "****" not in raw:
        return [raw]
    pieces = raw.split("****")
    return [pieces[0] + "**"] + ["**" + p + "**" for p in pieces[1:-1]] + ["**" + pieces[-1]]


def read_lines(source: str) -> list[Line]:
    lines = []
    for number, raw in enumerate(source.splitlines(), start=1):
        for part in split_merged(raw):
            lines.append(read_line(number, part))
    return lines
