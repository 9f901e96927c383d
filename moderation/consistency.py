"""Consistency flags for the national panel: what a national panel exists to catch.

Pure functions on figures the selector hands over (no database), so the rules are tested on
hand-made figures and the page states them as written here:

- guidance: the proposed grade is one the survey indicator guidance does not support (the
  rule is `moderation.sufficiency.departs_from_guidance`; the selector asks it and passes the
  answer here with the guidance's words).
- balance: a force's balance, its strengths as a share of strengths and areas for
  improvement together, lies beyond the fences of the other forces proposed for the same
  grade on the agenda: below their lower quartile or above their upper quartile by more than
  1.5 times their interquartile range (Tukey's fences), and by at least `MIN_FENCE` points so
  that peers with near-equal balances do not flag every small difference. Not the others'
  lowest..highest: with that range the top and bottom force of every grade would always be
  flagged. Compared only when at least `MIN_BALANCE_PEERS` other forces with a balance share
  the grade, since quartiles of fewer say little.
- regional panel: a regional panel's change rate (the share of its confirmed decisions on the
  agenda's areas that changed the grade) differs from the median of the other panels' rates
  by more than `RATE_THRESHOLD` percentage points. The median, not the mean, so that one
  panel far from the rest does not drag the others' yardstick towards itself and get them
  flagged too. Compared only when at least `MIN_PEERS` other panels have decisions.
"""

from dataclasses import dataclass, field
from statistics import median, quantiles

MIN_PEERS = 2
MIN_BALANCE_PEERS = 4
FENCE_FACTOR = 1.5
MIN_FENCE = 10.0
RATE_THRESHOLD = 25.0

GUIDANCE = "guidance"
BALANCE = "balance"
REGIONAL = "regional"


@dataclass(frozen=True)
class ForceFigures:
    """One force's row of the comparison, as the flags read it."""

    key: int
    force: str
    grade: str | None = None
    departs_from_guidance: bool = False
    guidance_supports: tuple[str, ...] = ()
    strengths: int = 0
    areas_for_improvement: int = 0
    regional_panel: str | None = None
    regional_changed: bool | None = None

    @property
    def balance(self) -> float | None:
        """Strengths as a percentage of strengths and areas for improvement; None for none."""
        total = self.strengths + self.areas_for_improvement
        return 100 * self.strengths / total if total else None


@dataclass(frozen=True)
class Flag:
    kind: str
    title: str
    reason: str


@dataclass(frozen=True)
class PanelRate:
    """How often one regional panel changed the grade, among the agenda's areas."""

    panel: str
    decided: int
    changed: int
    others_median: float | None = None
    flag: Flag | None = None

    @property
    def rate(self) -> float:
        return 100 * self.changed / self.decided if self.decided else 0.0


@dataclass
class Consistency:
    flags: dict[int, list[Flag]] = field(default_factory=dict)
    panels: list[PanelRate] = field(default_factory=list)


def _pct(value: float) -> str:
    return f"{value:.0f}%"


def guidance_flag(row: ForceFigures) -> Flag | None:
    if not (row.grade and row.departs_from_guidance):
        return None
    supported = " or ".join(row.guidance_supports) or "no grade"
    return Flag(
        GUIDANCE,
        "Grade not supported by the indicator guidance",
        f"Proposed {row.grade}; the survey indicator guidance supports {supported}.",
    )


def balance_fences(peers: list[float]) -> tuple[float, float]:
    """Tukey's fences of the peers' balances, each at least `MIN_FENCE` from its quartile."""
    lower_quartile, _, upper_quartile = quantiles(peers, n=4, method="inclusive")
    reach = max(FENCE_FACTOR * (upper_quartile - lower_quartile), MIN_FENCE)
    return lower_quartile - reach, upper_quartile + reach


def balance_flag(row: ForceFigures, rows: list[ForceFigures]) -> Flag | None:
    if row.grade is None or row.balance is None:
        return None
    peers = [
        other.balance
        for other in rows
        if other.key != row.key and other.grade == row.grade and other.balance is not None
    ]
    if len(peers) < MIN_BALANCE_PEERS:
        return None
    low, high = balance_fences(peers)
    if low <= row.balance <= high:
        return None
    side = "below" if row.balance < low else "above"
    return Flag(
        BALANCE,
        f"Balance of evidence {side} the others proposed {row.grade}",
        f"{row.strengths} strengths to {row.areas_for_improvement} areas for improvement: "
        f"{_pct(row.balance)} strengths, outside {_pct(max(low, 0))} to {_pct(min(high, 100))} "
        f"(the fences of the {len(peers)} other forces proposed {row.grade}, whose balances "
        f"run from {_pct(min(peers))} to {_pct(max(peers))}).",
    )


def panel_rates(rows: list[ForceFigures]) -> list[PanelRate]:
    """Each regional panel's decisions and changes among `rows`, with its flag."""
    counts: dict[str, list[int]] = {}
    for row in rows:
        if row.regional_panel is None or row.regional_changed is None:
            continue
        decided_changed = counts.setdefault(row.regional_panel, [0, 0])
        decided_changed[0] += 1
        decided_changed[1] += int(row.regional_changed)
    plain = [PanelRate(name, decided, changed) for name, (decided, changed) in counts.items()]
    return [_with_flag(rate, plain) for rate in sorted(plain, key=lambda rate: rate.panel)]


def _with_flag(rate: PanelRate, rates: list[PanelRate]) -> PanelRate:
    others = [other.rate for other in rates if other.panel != rate.panel]
    if len(others) < MIN_PEERS:
        return rate
    middle = median(others)
    flag = None
    if abs(rate.rate - middle) > RATE_THRESHOLD:
        more = "more" if rate.rate > middle else "less"
        flag = Flag(
            REGIONAL,
            f"Regional panel changed grades {more} often than the others",
            f"{rate.panel} changed {rate.changed} of {rate.decided} grades "
            f"({_pct(rate.rate)}); the median of the other {len(others)} panels is "
            f"{_pct(middle)}, "
            f"more than {RATE_THRESHOLD:.0f} points away.",
        )
    return PanelRate(rate.panel, rate.decided, rate.changed, middle, flag)


def consistency(rows: list[ForceFigures]) -> Consistency:
    """Every flag of every row, and the regional panels' rates (their flags repeated on the
    rows of the forces they moderated)."""
    panels = panel_rates(rows)
    panel_flags = {rate.panel: rate.flag for rate in panels if rate.flag}
    flags = {}
    for row in rows:
        found = [guidance_flag(row), balance_flag(row, rows), panel_flags.get(row.regional_panel)]
        flags[row.key] = [flag for flag in found if flag]
    return Consistency(flags, panels)
