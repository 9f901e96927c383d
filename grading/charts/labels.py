"""Fitting chart labels into the room a chart gives them.

SVG text does not wrap, and the charts are drawn without measuring fonts (the browser or
WeasyPrint picks the face), so a label's width is estimated from its length: CHAR_EM ems a
character is wider than the average of the sans-serif faces the charts name, so an estimate
errs towards wrapping early rather than running off the chart. What is cut here is only cut
from the drawing: every chart's text alternative carries the full label.
"""

import textwrap

# Estimated width of one character, in ems of the label's font size.
CHAR_EM = 0.6


def chars_for(width: float, font_size: float) -> int:
    """How many characters of a label at `font_size` fit in `width` (both in SVG units)."""
    return max(int(width / (font_size * CHAR_EM)), 1)


def label_lines(text: str, *, chars: int, lines: int) -> list[str]:
    """The label broken at spaces into at most `lines` lines of at most `chars` characters;
    a label still longer ends its last line with an ellipsis. Never returns no line."""
    wrapped = textwrap.wrap(
        " ".join(str(text).split()),
        width=chars,
        max_lines=lines,
        placeholder="…",
        break_on_hyphens=False,
    )
    return wrapped or [""]


__all__ = ["CHAR_EM", "chars_for", "label_lines"]
