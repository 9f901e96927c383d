"""The survey-indicator table the product prints, read back from a PDF page's layout text.

The printed table sets each indicator over several lines: the code and its figures on the
first, then the indicator's name, "2005/06:" with the earlier value and the calls under the
figures. The parser reads indicators from a tab-separated table (a row of codes, a row of
column labels, the force's row of figures) and from sentences under an indicator's heading,
so each printed table becomes that table plus, per indicator, its heading and one sentence
carrying the value and the earlier value. The calls stay with the sentences the report
prints after the chart, which carry the published calls.
"""

import re
from dataclasses import dataclass, field

_GAP = re.compile(r"\s{3,}")
_CODE = re.compile(r"^[A-Z]{2,5}(?: \d{1,2}[a-z]?)?$")
_PERCENT = re.compile(r"^[+\-−–]?\d+(?:\.\d+)?(?:%|pp)$")
# The caption the product prints above the table; it says what the columns are.
_CAPTION = re.compile(r"^survey indicators\b.*\(pp\)\.$", re.IGNORECASE)


@dataclass
class Verbatim:
    """Lines already in the parser's form, passed through without re-joining."""

    lines: list[str]


@dataclass
class _Indicator:
    code: str
    cells: dict[str, str] = field(default_factory=dict)
    name: list[str] = field(default_factory=list)
    previous: str = ""


def _cells(line: str) -> list[tuple[float, str]]:
    """(centre column, text) of each run of text set apart by three or more spaces."""
    found, position = [], 0
    for piece in _GAP.split(line):
        start = line.index(piece, position) if piece else position
        position = start + len(piece)
        if piece.strip():
            offset = len(piece) - len(piece.lstrip())
            text = piece.strip()
            found.append((start + offset + len(text) / 2, text))
    return found


def _is_header(line: str) -> bool:
    cells = [text for _, text in _cells(line)]
    return len(cells) >= 4 and cells[0] == "Indicator" and "MSF" in cells


def _columns(lines: list[str]) -> list[tuple[float, str]]:
    """The header's columns: centre and a label made of the header's lines."""
    columns = [[centre, text] for centre, text in _cells(lines[0])]
    for line in lines[1:]:
        for centre, text in _cells(line):
            nearest = min(columns, key=lambda column: abs(column[0] - centre))
            nearest[1] = f"{nearest[1]} {text}"
    return [(centre, label) for centre, label in columns]


def _column_of(columns, centre: float) -> str:
    return min(columns, key=lambda column: abs(column[0] - centre))[1]


def _field(label: str) -> str | None:
    label = label.lower()
    for key, words in (("gap", "gap"), ("change", "change"), ("msf", "difference")):
        if words in label:
            return key
    if label.startswith("20") and "msf" not in label:
        return "value"
    return None


def _groups(lines: list[str], start: int) -> tuple[list[list[str]], int]:
    """Blank-separated groups of lines from `start`, while they are indented table rows."""
    groups, current, index = [], [], start
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            if current:
                groups.append(current)
                current = []
            index += 1
            continue
        if not current and not _starts_row(line):
            break
        current.append(line)
        index += 1
    if current:
        groups.append(current)
    return groups, index


def _starts_row(line: str) -> bool:
    cells = [text for _, text in _cells(line)]
    return (
        line.startswith(" ")
        and len(cells) >= 3
        and bool(_CODE.match(cells[0]))
        and any(_PERCENT.match(cell) for cell in cells[1:])
    )


def _indicator(group: list[str], columns) -> _Indicator:
    first = _cells(group[0])
    indicator = _Indicator(code=first[0][1])
    for centre, text in first[1:]:
        key = _field(_column_of(columns, centre))
        if key and _PERCENT.match(text):
            indicator.cells[key] = text
    name_column = columns[0][0]
    for line in group[1:]:
        for centre, text in _cells(line):
            label = _column_of(columns, centre)
            if label == columns[0][1] and centre <= name_column + 40:
                indicator.name.append(text)
            elif _field(label) == "value" and _PERCENT.match(text):
                indicator.previous = text
    return indicator


def _render(indicators: list[_Indicator]) -> list[str]:
    kinds = [kind for kind in ("msf", "change", "gap") if any(kind in i.cells for i in indicators)]
    labels = {"msf": "Difference from MSF (pp)", "change": "Change (pp)", "gap": "Gap (pp)"}
    header, names, figures = [""], [""], ["Force"]
    for indicator in indicators:
        header += [indicator.code] + [""] * (len(kinds) - 1)
        names += [labels[kind] for kind in kinds]
        figures += [indicator.cells.get(kind, "") for kind in kinds]
    lines = ["\t".join(header), "\t".join(names), "\t".join(figures), ""]
    for indicator in indicators:
        if "value" not in indicator.cells:
            continue
        lines.append(f"{indicator.code} – {' '.join(indicator.name)}".rstrip(" –"))
        sentence = f"{indicator.code}: {indicator.cells['value']}"
        if indicator.previous:
            sentence += f", compared with {indicator.previous}"
        lines += [sentence + ".", ""]
    return lines


def with_indicator_tables(lines: list[str]) -> list:
    """The page's lines with each printed indicator table (and its caption) replaced by a
    Verbatim block in the parser's form."""
    out: list = []
    index = 0
    while index < len(lines):
        if not _is_header(lines[index]):
            out.append(lines[index])
            index += 1
            continue
        header_end = index
        while header_end < len(lines) and lines[header_end].strip():
            header_end += 1
        columns = _columns(lines[index:header_end])
        groups, index = _groups(lines, header_end)
        _drop_caption(out)
        out.append(Verbatim(_render([_indicator(group, columns) for group in groups])))
    return out


def _drop_caption(out: list) -> None:
    """Remove the caption lines just above the table (a paragraph ending '(pp).')."""
    end = len(out)
    while end and isinstance(out[end - 1], str) and not out[end - 1].strip():
        end -= 1
    start = end
    while start and isinstance(out[start - 1], str) and out[start - 1].strip():
        start -= 1
    caption = " ".join(line.strip() for line in out[start:end])
    if _CAPTION.match(caption):
        del out[start:end]


# Charts --------------------------------------------------------------------------------------

# The product's SVG charts (grading/charts) print their title, labels and figures as text;
# a chart's text runs from its indented title to its legend and repeats what the table beside
# it holds (an area's name among it would read as the area starting again), so it is left out.
_CHART_TITLE = re.compile(
    r"^(?:National grade distribution|Distribution of grades|.+: survey indicators, \d{4}/\d{2})$"
)
_CHART_LEGEND = ("Forces shown in the table", "Two years earlier")
_CHART_LINES = 80


def without_charts(lines: list[str]) -> list[str]:
    out, index = [], 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("  ") and _CHART_TITLE.match(line.strip()):
            window = lines[index : index + _CHART_LINES]
            ends = [i for i, text in enumerate(window) if any(m in text for m in _CHART_LEGEND)]
            if ends:
                index += ends[0] + 1
                continue
        out.append(line)
        index += 1
    return out


# Distribution tables -------------------------------------------------------------------------

_CAPTION_GLUED = re.compile(r"^(\s*How many forces nationally .+?\.)(\S.*)$")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def split_distribution_header(lines: list[str]) -> list[str]:
    """A distribution table's caption and header row set on one line, and its grade labels run
    together ("ExcellentGood Fair   Poor"), split so the labels match the counts below."""
    out = []
    for index, line in enumerate(lines):
        found = _CAPTION_GLUED.match(line)
        counts = _next_counts(lines, index)
        if not found or not counts:
            out.append(line)
            continue
        labels = _CAMEL.sub(" ", found.group(2)).split()
        out += [found.group(1), ""]
        out.append("\t".join(labels) if len(labels) == counts else found.group(2))
    return out


def _next_counts(lines: list[str], index: int) -> int:
    for line in lines[index + 1 : index + 4]:
        if line.strip():
            cells = line.split()
            return len(cells) if all(cell.isdigit() for cell in cells) else 0
    return 0
