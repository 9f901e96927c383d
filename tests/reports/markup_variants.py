"""The variations of mark-up a report of the family may show, one field per kind.

`Variant` names one choice per kind (see markup_mutator for what each does); `OPTIONS` lists
every value a field may take, from which the tests draw combinations.
"""

from dataclasses import asdict, dataclass

# What the family's reports print, as the mutator finds and rewrites it.
LIST_LABELS = {"strengths", "work in progress", "areas for improvement"}
MONTHS = "January February March April May June July August September October November December"
SECTIONS = {
    "summary statement",
    "contextual factors",
    "national contextual factors",
    "national grade distribution",
    "developing practice",
    "context",
}
SINGULAR = {
    "strengths": "Strength",
    "work in progress": "Work in progress",
    "areas for improvement": "Area for improvement",
}


@dataclass(frozen=True)
class Variant:
    seed: int = 0
    line_end: str = "\n"  # or "\r\n"
    nbsp: bool = False
    quotes: str = "keep"  # keep | straight | curly
    trailing_spaces: bool = False
    escapes: bool = False
    entities: bool = False  # '&amp;', '&nbsp;', '&rsquo;', '&bull;' for their characters
    tags: str = "none"  # none | p | span | br | mixed
    emphasis: str = "keep"  # keep | strip | underscores | html
    headings: str = "keep"  # keep | strip | level | html
    tables: str = "tabs"  # tabs | pipes | html
    rules: str = "keep"  # keep | strip | add
    grade: str = "keep"  # keep | drop_repeat | add_repeat | split
    top_bullet: str = "-"  # - * • – 1. 1)
    sub_bullet: str = "  -"  # indentation and glyph: " -", "  -", "    -", "\t-", "o", "◦", "a)"
    top_indent: int = 0
    page_breaks: int = 0  # items split by a page break
    footer: str = "month"  # month | number | page | none
    labels: str = "keep"  # keep | upper | lower | singular | colon | heading | bold
    none_stop: str = "keep"  # keep | add | drop
    drop_empty_lists: bool = False
    criteria: str = "keep"  # keep | extra | reworded | missing | prefix


# Every value each field of a variant may take, for the property-based tests.
OPTIONS = {
    "line_end": ["\n", "\r\n"],
    "nbsp": [False, True],
    "quotes": ["keep", "straight", "curly"],
    "trailing_spaces": [False, True],
    "escapes": [False, True],
    "entities": [False, True],
    "tags": ["none", "p", "span", "br", "mixed"],
    "emphasis": ["keep", "strip", "underscores", "html"],
    "headings": ["keep", "strip", "level", "html"],
    "tables": ["tabs", "pipes", "html"],
    "rules": ["keep", "strip", "add"],
    "grade": ["keep", "drop_repeat", "add_repeat", "split"],
    "top_bullet": ["-", "*", "•", "–", "1.", "1)"],
    "sub_bullet": [" -", "  -", "    -", "\t-", "o", "◦", "a)", "  •"],
    "top_indent": [0, 1, 2],
    "page_breaks": [0, 1, 3, 6],
    "footer": ["month", "number", "page", "none"],
    "labels": ["keep", "upper", "lower", "singular", "colon", "heading", "bold"],
    "none_stop": ["keep", "add", "drop"],
    "drop_empty_lists": [False, True],
    "criteria": ["keep", "extra", "reworded", "missing", "prefix"],
}


def describe(variant: Variant) -> str:
    default = Variant()
    return ", ".join(f"{k}={v!r}" for k, v in asdict(variant).items() if v != getattr(default, k))
