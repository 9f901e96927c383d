"""Rewrites a report in another mark-up of the same family, keeping what it says.

A `Variant` names one choice per kind of variation a PDF-to-text conversion makes: tags
around lines and phrases, emphasis and heading marks, table cells (tabs, pipes, HTML),
rule lines, the grade box, bullet glyphs and sub-point indentation, page breaks inside
items (with or without a footer), list labels, 'None identified', criterion headings
(extra words, slightly different wording, missing), line ends, spaces, quotes and stray
markdown escapes. `mutate` applies a variant to a report's text; `family_canonical` reduces
a parse to what must not change between variants.

The mutator reads the original's mark-up with its own patterns, not the importer's, and is
told which lines are criterion headings (from the original's parse), so a variant can
leave a heading out or reword it.
"""

import random
import re
from dataclasses import dataclass

from tests.reports.markup_variants import LIST_LABELS, MONTHS, SECTIONS, SINGULAR, Variant

_BULLET = re.compile(r"^(\s*)([-*•–o])\s+(?=\S)")
_HEADING = re.compile(r"^(#{1,6})\s+")
_WRAP = re.compile(r"^(\*\*|<b>|<strong>)(.*?)(\*\*|</b>|</strong>)$", re.IGNORECASE)
_RULE = re.compile(r"^[\s\-=_|]+$")
_NONE = re.compile(r"^\s*(?:<p>|\*\*)?none identified\.?(?:</p>|\*\*)?\s*$", re.IGNORECASE)


@dataclass
class _Row:
    kind: str  # blank table rule bullet heading para
    raw: str
    number: int
    depth: int = 0
    body: str = ""
    level: int = 0


def _core(text: str) -> tuple[str, str, str]:
    """(opening marks, words, closing marks) of a heading-like line."""
    prefix = ""
    if match := _HEADING.match(text):
        prefix, text = match.group(0), text[match.end() :]
    opening = closing = ""
    if match := _WRAP.match(text.strip()):
        opening, text, closing = match.group(1), match.group(2), match.group(3)
    return prefix + opening, text.strip(), closing


def _key(text: str) -> str:
    words = re.sub(r"<[^>]+>|\*\*|__|#", "", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", words.lower()).split())


def _classify(lines: list[str]) -> list[_Row]:
    rows = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            rows.append(_Row("blank", raw, number))
        elif _RULE.match(raw):
            rows.append(_Row("rule", raw, number))
        elif "\t" in raw:
            rows.append(_Row("table", raw, number))
        elif match := _BULLET.match(raw):
            if match.group(2) == "o" and not match.group(1):
                rows.append(_Row("para", raw, number, body=raw))
                continue
            depth = 1 if len(match.group(1)) >= 2 or match.group(2) in "–o" else 0
            rows.append(_Row("bullet", raw, number, depth=depth, body=raw[match.end() :]))
        elif match := _HEADING.match(raw):
            rows.append(_Row("heading", raw, number, level=len(match.group(1)), body=raw))
        else:
            rows.append(_Row("para", raw, number, body=raw))
    return rows


class _Mutator:
    def __init__(self, variant: Variant, criterion_lines: set[int]):
        self.v = variant
        self.rng = random.Random(variant.seed)
        self.criterion_lines = criterion_lines

    # Whole document -------------------------------------------------------------------

    def run(self, text: str) -> str:
        rows = _classify(text.splitlines())
        self.out: list[str] = []
        self.in_list, self.tops, self.splittable = False, 0, []
        index = 0
        while index < len(rows):
            index = self._row(rows, index)
        return self._characters(self._page_breaks(self.out, self.splittable))

    def _row(self, rows: list[_Row], index: int) -> int:
        """Writes the row at `index` (and any it stands for); returns the next row's index."""
        row, out = rows[index], self.out
        key = _key(row.raw) if row.kind in ("heading", "para") else ""
        if key in LIST_LABELS:
            return self._list_label(rows, index, key)
        if row.number in self.criterion_lines:
            self.in_list = False
            self._criterion(row, rows, index, out)
        elif row.kind == "para" and _NONE.match(row.raw.strip()):
            out.append(self._none(row.raw.strip()))
        elif row.kind == "bullet":
            self._bullet_row(row)
        elif row.kind == "table":
            self.in_list = False
            out.extend(self._table(row, rows, index))
        elif row.kind == "rule":
            if self.v.rules != "strip":
                out.append(self._rule(row.raw))
        elif row.kind in ("heading", "para"):
            emphasised = row.raw.lstrip().startswith(("**", "<b>", "<p>"))
            if row.kind == "heading" or emphasised or key in SECTIONS:
                self.in_list = False
            out.append(self._heading(row) if row.kind == "heading" else self._para(row.raw))
        else:
            out.append(row.raw)
        return index + 1

    def _list_label(self, rows: list[_Row], index: int, key: str) -> int:
        nxt = self._next(rows, index)
        empty = nxt is not None and rows[nxt].kind == "para" and _NONE.match(rows[nxt].raw)
        if self.v.drop_empty_lists and empty:
            return nxt + 1  # the list left out altogether
        self.out.append(self._label(rows[index], key))
        self.in_list, self.tops = True, 0
        return index + 1

    def _bullet_row(self, row: _Row) -> None:
        line, self.tops = self._bullet(row, self.in_list, self.tops)
        if self.in_list and len(row.body) > 60:
            self.splittable.append(len(self.out))
        self.out.append(line)

    def _next(self, rows: list[_Row], index: int) -> int | None:
        for later in range(index + 1, len(rows)):
            if rows[later].kind != "blank":
                return later
        return None

    # Landmarks ------------------------------------------------------------------------

    def _label(self, row: _Row, key: str) -> str:
        opening, words, closing = _core(row.raw)
        style = self.v.labels
        if style == "upper":
            words = words.upper()
        elif style == "lower":
            words = words.lower()
        elif style == "singular":
            words = SINGULAR[key]
        elif style == "colon":
            words = words + ":"
        elif style == "heading":
            return self._heading_marks(f"#### {words}", 4)
        elif style == "bold":
            return self._emphasise(f"**{words}**")
        return self._heading_marks(self._emphasise(f"{opening}{words}{closing}"), 0)

    def _none(self, text: str) -> str:
        if self.v.none_stop == "add":
            return "None identified."
        if self.v.none_stop == "drop":
            return "None identified"
        return text

    def _criterion(self, row: _Row, rows: list[_Row], index: int, out: list[str]) -> None:
        """Rewrites a criterion heading, or leaves it out."""
        opening, words, closing = _core(row.raw)
        style = self.v.criteria
        nxt = self._next(rows, index)
        if style == "missing" and nxt is not None and _key(rows[nxt].raw) == "summary statement":
            return
        stop = "." if words.endswith(".") else ""
        bare = words[:-1] if stop else words
        if style == "extra":
            words = f"{bare} ({self.rng.choice(['coverage', 'overall', 'see note'])}){stop}"
        elif style == "reworded":
            words = self._reword(bare, stop)
        elif style == "prefix":
            words = f"Criterion {self.rng.randint(1, 9)}: {words}"
        out.append(self._heading(_Row("heading", f"{opening}{words}{closing}", row.number)))

    def _reword(self, bare: str, stop: str) -> str:
        choice = self.rng.randrange(4)
        if choice == 0:
            return bare  # the stop left out
        if choice == 1 and " and " in bare:
            return bare.replace(" and ", " & ", 1) + stop
        if choice == 2 and re.search(r"\b(the|all|its) ", bare):
            return re.sub(r"\b(the|all|its) ", "", bare, count=1) + stop
        return bare[0].lower() + bare[1:] + stop

    # Bullets and page breaks ----------------------------------------------------------

    def _glyph(self, glyph: str, count: int) -> str:
        if glyph.startswith("1"):
            return f"{count}{glyph[1:]}"
        if glyph.startswith("a"):
            return f"{'abcdefghijklmnopqrstuvwxyz'[(count - 1) % 26]}{glyph[1:]}"
        return glyph

    def _bullet(self, row: _Row, in_list: bool, tops: int) -> tuple[str, int]:
        top_glyph = self.v.top_bullet
        if not in_list and top_glyph[0].isdigit():
            top_glyph = "•"  # numbers only where a list numbers its items
        indent = " " * self.v.top_indent
        if row.depth == 0:
            tops += 1
            self._subs = 0
            line = f"{indent}{self._glyph(top_glyph, tops)} {row.body}"
        else:
            sub = self.v.sub_bullet
            if not in_list and sub.strip() in ("a)", "o"):
                sub = "    -"
            glyph = sub.strip()
            spaces = sub[: len(sub) - len(sub.lstrip())]
            if not spaces and glyph == top_glyph:
                spaces = "  "  # the same glyph needs an indentation to be a sub-point
            self._subs = getattr(self, "_subs", 0) + 1
            line = f"{indent}{spaces}{self._glyph(glyph, self._subs)} {row.body}"
        if self.v.tags != "none" and self.rng.random() < 0.3:
            return self._tag(self._emphasise(line), phrase=True), tops
        return self._emphasise(line), tops

    def _page_breaks(self, out: list[str], splittable: list[int]) -> list[str]:
        if not self.v.page_breaks or not splittable:
            return out
        chosen = set(self.rng.sample(splittable, min(self.v.page_breaks, len(splittable))))
        result = []
        for position, line in enumerate(out):
            if position not in chosen:
                result.append(line)
                continue
            words = line.split(" ")
            # A cut falls between two words of a sentence, never inside emphasis.
            cuts = [
                i
                for i in range(len(words) // 3, len(words) - 2)
                if re.fullmatch(r"[a-z]{2,}", words[i])
                and re.search(r"[a-z]$", words[i - 1])
                and re.sub(r"^\s*\*\s", "", " ".join(words[:i])).count("*") % 2 == 0
            ]
            if not cuts:
                result.append(line)
                continue
            cut = self.rng.choice(cuts)
            result += [" ".join(words[:cut]), ""]
            if footer := self._footer():
                result += [footer, ""]
            result.append(" ".join(words[cut:]))
        return result

    def _footer(self) -> str:
        number = self.rng.randint(2, 60)
        return {
            "month": f"{self.rng.choice(MONTHS.split())} {self.rng.randint(2005, 2012)}",
            "number": str(number),
            "page": f"Page {number} of {number + 20}",
            "none": "",
        }[self.v.footer]

    # Tables ---------------------------------------------------------------------------

    def _table(self, row: _Row, rows: list[_Row], index: int) -> list[str]:
        cells = row.raw.split("\t")
        if self.v.tables == "pipes":
            line = "| " + " | ".join(c.strip() for c in cells) + " |"
        elif self.v.tables == "html":
            line = "<tr>" + "".join(f"<td>{c.strip()}</td>" for c in cells) + "</tr>"
        else:
            line = row.raw
        if self._is_grade_box(cells) and self.v.grade == "split":
            return ["", self._para(cells[0]), "", self._para(cells[1])] + self._grade(
                cells, rows, index
            )
        lines = [self._emphasise(line)]
        first = index == 0 or rows[index - 1].kind not in ("table", "rule")
        following = rows[index + 1].kind if index + 1 < len(rows) else "blank"
        if first and self.v.rules == "add" and following == "table":
            lines.append(self._rule("\t".join("---" for _ in cells)))
        if self._is_grade_box(cells):
            lines += self._grade(cells, rows, index)
        return lines

    def _is_grade_box(self, cells: list[str]) -> bool:
        first = _key(cells[0])
        return len(cells) == 2 and (first == "grade" or first.endswith("summary of judgement"))

    def _grade(self, cells: list[str], rows: list[_Row], index: int) -> list[str]:
        grade = _core(cells[1])[1]
        nxt = self._next(rows, index)
        while nxt is not None and rows[nxt].kind == "rule":
            nxt = self._next(rows, nxt)
        repeated = nxt is not None and _key(rows[nxt].raw) == _key(grade)
        if self.v.grade == "add_repeat" and not repeated:
            return ["", grade.title() if grade.isupper() else grade]
        if self.v.grade == "drop_repeat" and repeated:
            rows[nxt] = _Row("blank", "", rows[nxt].number)
        return []

    def _rule(self, raw: str) -> str:
        if self.v.tables == "pipes":
            count = max(raw.count("\t") + 1, 2)
            return "|" + "|".join("---" for _ in range(count)) + "|"
        return raw

    # Headings, emphasis and tags ------------------------------------------------------

    def _heading(self, row: _Row) -> str:
        return self._heading_marks(self._emphasise(row.raw), 0)

    def _heading_marks(self, line: str, level: int) -> str:
        match = _HEADING.match(line)
        if not match:
            return self._maybe_tag(line)
        level = len(match.group(1))
        body = line[match.end() :]
        style = self.v.headings
        if style == "strip":
            return self._maybe_tag(body)
        if style == "level":
            return f"{'#' * self.rng.randint(1, 6)} {body}"
        if style == "html":
            return f"<h{level}>{body}</h{level}>"
        return line

    def _emphasise(self, line: str) -> str:
        style = self.v.emphasis
        if style == "strip":
            return re.sub(r"\*\*|</?b>|</?strong>", "", line)
        if style == "underscores":
            return line.replace("**", "__")
        if style == "html":
            parts = line.split("**")
            if len(parts) % 2 == 1:
                rebuilt = parts[0]
                for i, part in enumerate(parts[1:]):
                    rebuilt += ("<strong>" if i % 2 == 0 else "</strong>") + part
                return rebuilt
        return line

    def _para(self, raw: str) -> str:
        return self._maybe_tag(self._emphasise(raw))

    def _maybe_tag(self, line: str) -> str:
        if self.v.tags == "none" or not line.strip():
            return line
        return self._tag(line, phrase=self.v.tags in ("span", "mixed"))

    def _tag(self, line: str, *, phrase: bool) -> str:
        style = self.v.tags if self.v.tags != "mixed" else self.rng.choice(["p", "span", "br"])
        if style == "br":
            return line + "<br>"
        if style == "p" or not phrase:
            return f"<p>{line}</p>"
        words = line.split(" ")
        if len(words) < 4 or "<" in line:  # never a tag inside another tag
            return f'<span class="c{self.rng.randint(1, 9)}">{line}</span>'
        start = self.rng.randrange(1, len(words) - 1)
        words[start] = f'<span style="font-weight:normal">{words[start]}'
        words[-1] = words[-1] + "</span>"
        return " ".join(words)

    # Characters -----------------------------------------------------------------------

    def _characters(self, lines: list[str]) -> str:
        result = []
        for line in lines:
            if self.v.escapes:
                line = re.sub(r"(?<=[a-z])-(?=[a-z])", r"\\-", line)
            if self.v.entities:
                line = line.replace("&", "&amp;").replace("’", "&rsquo;").replace("•", "&bull;")
                line = line.replace(". ", ".&nbsp;", 1)
            if self.v.quotes == "straight":
                line = line.translate(str.maketrans("‘’“”", "''\"\""))
            elif self.v.quotes == "curly":
                line = re.sub(r"(?<=[A-Za-z])'(?=[a-z])", "’", line)
            if self.v.nbsp and self.rng.random() < 0.3:
                line = line.replace(" ", "\u00a0", self.rng.randint(1, 3))
            if self.v.trailing_spaces and line and self.rng.random() < 0.4:
                line += " " * self.rng.randint(1, 3)
            result.append(line)
        return self.v.line_end.join(result) + self.v.line_end


def mutate(text: str, variant: Variant, criterion_lines: set[int] = frozenset()) -> str:
    return _Mutator(variant, set(criterion_lines)).run(text)
