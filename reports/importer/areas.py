"""One inspection area of a force report, read line by line.

The reader keeps a mode (what the lines mean at this point) and switches it on the
structure's landmarks: the grade box, criterion headings, 'Summary statement', the three
list headings, an indicator table or heading, 'Context', 'Developing practice'. Landmarks
are recognised by their words, not their mark-up, so '### **Strengths**', '**Strengths**'
and a plain 'Strengths' line are the same.
"""

import re

from reports.importer import indicators
from reports.importer.catalogue import AreaEntry, Catalogue, CriterionEntry
from reports.importer.lists import NONE_IDENTIFIED, ListBuilder, finish_items
from reports.importer.notes import Notes
from reports.importer.practice import PracticeReader
from reports.importer.structures import AreaRecord, CriterionRecord, IndicatorRecord
from reports.importer.text import Line, normalise

LIST_HEADINGS = {
    "strengths": "strengths",
    "strength": "strengths",
    "work in progress": "work_in_progress",
    "areas for improvement": "areas_for_improvement",
    "area for improvement": "areas_for_improvement",
    "area s for improvement": "areas_for_improvement",
}
KEYWORDS = {
    "summary statement": "statement",
    "summary statements": "statement",
    "context": "indicator_context",
    "national grade distribution": "distribution",
    "national contextual factors": "national_context",
    "contextual factors": "context",
    "contextual factors overview": "context",
    "developing practice": "practice",
}
_GRADE_LINE = re.compile(r"^GRADE\s*:?\s+(.+)$", re.IGNORECASE)
_BOX = "summary of judgement"


def label_key(text: str) -> str:
    """A landmark's words whatever their case, number or punctuation: 'AREA FOR IMPROVEMENT:'
    and 'Areas for improvement' share a key."""
    return " ".join(
        w[:-1] if len(w) > 3 and w.endswith("s") else w for w in normalise(text).split()
    )


LIST_KEYS = {label_key(label): kind for label, kind in LIST_HEADINGS.items()}
KEYWORD_KEYS = {label_key(label): mode for label, mode in KEYWORDS.items()}
_SEE_APPENDIX = re.compile(r"^see appendix\b", re.IGNORECASE)
SKIPPED = {
    "national_context": "national contextual factors (the inspectorate's text for every force)",
    "indicator_context": "explanation of the survey indicators (standard text)",
}


class AreaReader:
    def __init__(self, area: AreaEntry, catalogue: Catalogue, notes: Notes, line: Line):
        self.entry = area
        self.catalogue = catalogue
        self.notes = notes
        self.record = AreaRecord(
            name=line.text,
            framework_code=area.code,
            framework_version=area.version,
            line=line.number,
        )
        self.mode = "start"
        self.current: CriterionRecord | None = None
        self.builder: ListBuilder | None = None
        self.lists_seen: set[str] = set()
        self.table: list[Line] = []
        self.indicators: dict[str, IndicatorRecord] = {}
        self.indicator: IndicatorRecord | None = None
        self.practice = PracticeReader(notes)

    # Dispatch ------------------------------------------------------------------------

    def feed(self, line: Line) -> None:
        if line.footer or line.blank or line.rule:
            return
        self._dispatch(line)
        self.notes.used(line)

    def _dispatch(self, line: Line) -> None:
        if line.is_table:
            self.table.append(line)
            return
        if self.table:
            self._flush_table()
        if self.mode == "practice" and not self._is_landmark(line):
            if not _SEE_APPENDIX.match(line.text):
                self.practice.add(line)
            return
        for handler in (self._grade, self._keyword, self._criterion, self._indicator_heading):
            if handler(line):
                return
        self._text(line)

    def _is_landmark(self, line: Line) -> bool:
        if line.bullet is not None:
            return False
        return label_key(line.text) in LIST_KEYS or bool(self.entry.criterion_for(line.text))

    # Landmarks -----------------------------------------------------------------------

    def _grade(self, line: Line) -> bool:
        match = _GRADE_LINE.match(line.text)
        label = None
        if line.bullet is None and self.current is None and self._box_line(line):
            return True
        if match:
            label = self.catalogue.grade_label(match.group(1))
        elif line.bullet is None and self.current is None:
            label = self.catalogue.grade_label(line.text)
            if label and self.current is None:
                self.mode = "judgement"
        if not label:
            return False
        self._set_grade(label, line)
        return True

    def _box_line(self, line: Line) -> bool:
        """A grade box printed as a line: 'Summary of judgement' or 'GRADE', the grade after
        it or on the next line."""
        key = normalise(line.text)
        if key != "grade" and _BOX not in key:
            return False
        rest = key.split(_BOX, 1)[1].strip() if _BOX in key else ""
        label = self.catalogue.grade_label(rest) if rest else None
        if rest and not label:
            return False
        if label:
            self._set_grade(label, line)
        self.mode = "judgement"
        return True

    def _set_grade(self, label: str, line: Line) -> None:
        if self.record.grade and self.record.grade != label:
            self.notes.warn(line.number, f"grade '{label}' contradicts '{self.record.grade}'")
            return
        self.record.grade = label

    def _keyword(self, line: Line) -> bool:
        if line.bullet is not None:
            return False
        key = label_key(line.text)
        if key in LIST_KEYS:
            self._start_list(LIST_KEYS[key], line)
            return True
        label, colon, rest = line.text.partition(":")
        if colon and label_key(label) in LIST_KEYS and NONE_IDENTIFIED.match(rest.strip()):
            self._start_list(LIST_KEYS[label_key(label)], line)  # 'Strengths: None identified'
            return True
        mode = KEYWORD_KEYS.get(key)
        if mode is None:
            return False
        if mode == "statement" and (
            self.current is None or self.lists_seen or self.current.summary_statements
        ):
            self._infer_criterion(line)
        self.mode = mode
        return True

    def _criterion(self, line: Line) -> bool:
        if line.bullet is not None:
            return False
        criterion = self.entry.criterion_for(line.text)
        if criterion is None:
            return False
        if criterion.is_leaf:
            self._open(criterion, line, inferred=False)
        else:
            self._close()
            self.mode = "await"
        return True

    def _indicator_heading(self, line: Line) -> bool:
        if line.bullet is not None:
            return False
        code = self.catalogue.indicator_code(line.text)
        if code is None:
            return False
        emphasised = line.bold or line.heading
        # A plain heading: the code, a dash and the indicator's name, without figures.
        if not emphasised and not re.match(re.escape(code) + r"\s+[–-]\s", line.text):
            return False
        self.indicator = self.indicators.setdefault(
            code, indicators.IndicatorRecord(code=code, line=line.number)
        )
        self.mode = "indicator"
        return True

    # Criteria and lists --------------------------------------------------------------

    def _open(self, criterion: CriterionEntry, line: Line, *, inferred: bool) -> None:
        self._close()
        heading = None if criterion.is_implicit else criterion.heading
        self.current = CriterionRecord(
            criterion_order=criterion.order,
            heading=heading,
            line=line.number,
            heading_inferred=inferred,
            printed_heading=None if inferred or criterion.is_implicit else line.text,
        )
        self.record.criteria.append(self.current)
        self.lists_seen = set()
        self.mode = "await"
        if inferred and not criterion.is_implicit:
            self.notes.warn(
                line.number,
                f"criterion heading missing; read as '{criterion.heading}' from its position",
            )

    def _infer_criterion(self, line: Line) -> None:
        used = {c.criterion_order for c in self.record.criteria}
        last = max(used, default=0)
        following = [c for c in self.entry.leaves if c.order > last and c.order not in used]
        if not following:
            self.notes.warn(line.number, "more criteria than the area has; kept with the last")
            return
        self._open(following[0], line, inferred=True)

    def _close(self) -> None:
        self.builder = None
        self.current = None

    def _start_list(self, kind: str, line: Line) -> None:
        if self.current is None or kind in self.lists_seen:
            self._infer_criterion(line)
        if self.current is None:
            return
        self.lists_seen.add(kind)
        self.builder = ListBuilder(self.current.lists[kind], self.notes)
        self.mode = "list"

    # Text by mode --------------------------------------------------------------------

    def _text(self, line: Line) -> None:
        handler = {
            "list": self._list_text,
            "statement": self._statement_text,
            "await": self._statement_text,
            "judgement": self._judgement_text,
            "context": self._context_text,
            "indicator": self._indicator_text,
            "practice": self.practice.add,
        }.get(self.mode)
        if handler is not None:
            handler(line)
        elif self.mode in SKIPPED:
            self.notes.skip(line, SKIPPED[self.mode])
        else:
            self.notes.not_understood(line.number, f"text not understood here: {line.text[:70]!r}")

    def _list_text(self, line: Line) -> None:
        if self.builder is None:
            return
        self.builder.add(line)

    def _statement_text(self, line: Line) -> None:
        if _SEE_APPENDIX.match(line.text):
            return
        if self.current is None:
            self._infer_criterion(line)
        if self.current is None or line.bullet is not None:
            self.notes.not_understood(line.number, f"text not understood here: {line.text[:70]!r}")
            return
        self.current.summary_statements.append(line.text)

    def _judgement_text(self, line: Line) -> None:
        self.record.judgement = _join(self.record.judgement, line)

    def _context_text(self, line: Line) -> None:
        self.record.contextual_factors = _join(self.record.contextual_factors, line)

    def _indicator_text(self, line: Line) -> None:
        if self.indicator is None or not indicators.read_sentence(line.text, self.indicator):
            self.notes.skip(line, "indicator commentary without figures or calls")

    # Tables --------------------------------------------------------------------------

    def _flush_table(self) -> None:
        rows, self.table = self.table, []
        if indicators.is_indicator_table(rows, self.catalogue):
            for number in indicators.read_table(rows, self.catalogue, self.indicators):
                self.notes.not_understood(number, "indicator table row without figures")
            self.mode = "indicator_table"
            return
        if self._read_grade_box(rows) or self._read_distribution(rows):
            return
        for row in rows:
            self.notes.not_understood(row.number, f"table row not understood: {row.text[:70]!r}")

    def _read_grade_box(self, rows: list[Line]) -> bool:
        for row in rows:
            cells = [c for c in row.cells or [] if c]
            if len(cells) >= 2 and (
                "summary of judgement" in normalise(cells[0]) or normalise(cells[0]) == "grade"
            ):
                label = self.catalogue.grade_label(cells[-1])
                if label:
                    self._set_grade(label, row)
                    if self.current is None:
                        self.mode = "judgement"
                    return True
        return False

    def _read_distribution(self, rows: list[Line]) -> bool:
        header = [self.catalogue.grade_label(c) for c in rows[0].cells or [] if c]
        if len(rows) < 2 or not header or None in header:
            return False
        counts = [c for c in rows[1].cells or [] if c]
        if len(counts) != len(header) or not all(c.isdigit() for c in counts):
            return False
        self.record.distribution = dict(zip(header, map(int, counts), strict=True))
        return True

    # End -----------------------------------------------------------------------------

    def finish(self) -> AreaRecord:
        if self.table:
            self._flush_table()
        for criterion in self.record.criteria:
            for items in criterion.lists.values():
                finish_items(items)
        self.record.indicators = list(self.indicators.values())
        self.record.practice = self.practice.finish()
        found = {c.criterion_order for c in self.record.criteria}
        for leaf in self.entry.leaves:
            if leaf.order not in found:
                self.notes.warn(self.record.line, f"criterion not found: '{leaf.heading}'")
        return self.record


def _join(text: str, line: Line) -> str:
    paragraph = f"- {line.text}" if line.bullet is not None else line.text
    if not text:
        return paragraph
    return f"{text}\n{paragraph}" if line.bullet is not None else f"{text}\n\n{paragraph}"
