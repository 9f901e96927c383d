"""Significance of survey indicators against the most similar forces and over time.

Pure functions, no database: the product, the batch tool and the tests share them.

Method (two-sided test of two proportions): SE = deft x sqrt(p1(1-p1)/n1 + p2(1-p2)/n2);
a difference is significant when |difference| > z x SE, z = 1.96 at 95%. When a report
published the difference it is used as the numerator, since it was computed before rounding.

Area headlines. Neighbourhood Policing: any significant call among SPI 2a, KDI and SPI 10b
sets the headline. When significant calls point in opposite directions (one indicator better,
another worse), the headline takes the unfavourable call and is marked `mixed`: a significant
fall is never cancelled by a rise elsewhere, which matches the rule that no force exceeds the
standard while an indicator deteriorates. Citizen Focus: SPI 1e sets the headline; SPI 3b
gives the minority ethnic call over time and the satisfaction gap.
"""

import math
from dataclasses import dataclass, field
from enum import StrEnum
from statistics import NormalDist


class MsfCall(StrEnum):
    BETTER = "significantly better"
    SAME = "not significantly different"
    WORSE = "significantly worse"


class TrendCall(StrEnum):
    IMPROVED = "significantly improved"
    UNCHANGED = "unchanged"
    DETERIORATED = "significantly deteriorated"


NEIGHBOURHOOD_POLICING = "neighbourhood-policing"
CITIZEN_FOCUS = "citizen-focus"
HEADLINE_INDICATORS = {
    NEIGHBOURHOOD_POLICING: ("SPI 2a", "KDI", "SPI 10b"),
    CITIZEN_FOCUS: ("SPI 1e",),
}
MINORITY_INDICATOR = "SPI 3b"


def critical_z(confidence: float = 0.95) -> float:
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


@dataclass(frozen=True)
class Comparison:
    """One test. Figures in percentage points; `margin` is how far |difference| clears
    (positive) or falls short of (negative) the threshold."""

    difference: float
    standard_error: float
    z: float
    threshold: float
    margin: float

    @property
    def significant(self) -> bool:
        return self.margin > 0


def compare(
    *,
    p1: float,
    n1: float,
    p2: float,
    n2: float,
    deft: float,
    z_crit: float,
    difference: float | None = None,
) -> Comparison:
    """Compare two percentages p1 and p2 (0-100) from samples of n1 and n2."""
    for name, value in (("p1", p1), ("p2", p2)):
        if not 0 <= value <= 100:
            raise ValueError(f"{name} must be a percentage between 0 and 100")
    for name, value in (("n1", n1), ("n2", n2)):
        if value <= 0:
            raise ValueError(f"{name} must be a positive sample size")
    a, b = p1 / 100, p2 / 100
    se = deft * math.sqrt(a * (1 - a) / n1 + b * (1 - b) / n2) * 100
    diff = p1 - p2 if difference is None else difference
    threshold = z_crit * se
    z = diff / se if se else math.inf * (1 if diff > 0 else -1 if diff < 0 else 0)
    return Comparison(
        difference=round(diff, 4),
        standard_error=se,
        z=z,
        threshold=threshold,
        margin=abs(diff) - threshold,
    )


@dataclass(frozen=True)
class IndicatorData:
    """One indicator's figures for a force. Percentages 0-100, sample sizes in interviews."""

    code: str
    value: float
    sample_size: float
    deft: float
    higher_is_better: bool = True
    previous_value: float | None = None
    previous_sample_size: float | None = None
    msf_value: float | None = None
    msf_sample_size: float | None = None
    msf_difference: float | None = None
    change: float | None = None
    gap: float | None = None


@dataclass(frozen=True)
class IndicatorCall:
    data: IndicatorData
    vs_msf: MsfCall | None
    vs_previous: TrendCall | None
    msf: Comparison | None
    previous: Comparison | None

    @property
    def code(self) -> str:
        return self.data.code


def _favourable(difference: float, higher_is_better: bool) -> bool:
    return difference > 0 if higher_is_better else difference < 0


def _msf_comparison(data: IndicatorData, z_crit: float) -> Comparison | None:
    if data.msf_sample_size is None:
        return None
    if data.msf_value is not None:
        msf_value = data.msf_value
    elif data.msf_difference is not None:
        # Only the difference was published: the MSF average is the force's value less it.
        msf_value = data.value - data.msf_difference
    else:
        return None
    return compare(
        p1=data.value,
        n1=data.sample_size,
        p2=min(max(msf_value, 0), 100),
        n2=data.msf_sample_size,
        deft=data.deft,
        z_crit=z_crit,
        difference=data.msf_difference,
    )


def _previous_comparison(data: IndicatorData, z_crit: float) -> Comparison | None:
    if data.previous_value is None or data.previous_sample_size is None:
        return None
    return compare(
        p1=data.value,
        n1=data.sample_size,
        p2=data.previous_value,
        n2=data.previous_sample_size,
        deft=data.deft,
        z_crit=z_crit,
        difference=data.change,
    )


def assess_indicator(data: IndicatorData, *, z_crit: float = 1.959963984540054) -> IndicatorCall:
    msf = _msf_comparison(data, z_crit)
    previous = _previous_comparison(data, z_crit)
    vs_msf = vs_previous = None
    if msf is not None:
        vs_msf = MsfCall.SAME
        if msf.significant:
            good = _favourable(msf.difference, data.higher_is_better)
            vs_msf = MsfCall.BETTER if good else MsfCall.WORSE
    if previous is not None:
        vs_previous = TrendCall.UNCHANGED
        if previous.significant:
            good = _favourable(previous.difference, data.higher_is_better)
            vs_previous = TrendCall.IMPROVED if good else TrendCall.DETERIORATED
    return IndicatorCall(
        data=data, vs_msf=vs_msf, vs_previous=vs_previous, msf=msf, previous=previous
    )


@dataclass(frozen=True)
class Headline:
    vs_msf: MsfCall | None
    vs_previous: TrendCall | None
    minority_vs_previous: TrendCall | None = None
    gap_pp: float | None = None
    mixed_msf: bool = False
    mixed_previous: bool = False
    any_deteriorated: bool = False


def _combine(calls: list, good, bad, neutral):
    present = [call for call in calls if call is not None]
    if not present:
        return None, False
    mixed = good in present and bad in present
    if bad in present:
        return bad, mixed
    if good in present:
        return good, mixed
    return neutral, mixed


def headline(area: str, calls: list[IndicatorCall]) -> Headline:
    """The area's headline calls from its indicators' calls (see the module docstring)."""
    if area not in HEADLINE_INDICATORS:
        raise ValueError(f"area must be one of {', '.join(HEADLINE_INDICATORS)}")
    by_code = {call.code: call for call in calls}
    leading = [by_code[code] for code in HEADLINE_INDICATORS[area] if code in by_code]
    vs_msf, mixed_msf = _combine(
        [c.vs_msf for c in leading], MsfCall.BETTER, MsfCall.WORSE, MsfCall.SAME
    )
    vs_previous, mixed_previous = _combine(
        [c.vs_previous for c in leading],
        TrendCall.IMPROVED,
        TrendCall.DETERIORATED,
        TrendCall.UNCHANGED,
    )
    minority = by_code.get(MINORITY_INDICATOR) if area == CITIZEN_FOCUS else None
    return Headline(
        vs_msf=vs_msf,
        vs_previous=vs_previous,
        minority_vs_previous=minority.vs_previous if minority else None,
        gap_pp=minority.data.gap if minority else None,
        mixed_msf=mixed_msf,
        mixed_previous=mixed_previous,
        any_deteriorated=any(c.vs_previous == TrendCall.DETERIORATED for c in calls),
    )


@dataclass(frozen=True)
class GradeGuidance:
    """Advice for the lead inspector; never a grade. `code` is stable, `text` is shown."""

    code: str
    text: str
    supports: list[str] = field(default_factory=list)


def grade_guidance(head: Headline) -> GradeGuidance:
    if head.any_deteriorated:
        return GradeGuidance(
            "exceeding-ruled-out",
            "At least one indicator has deteriorated significantly. The survey evidence rules "
            "out exceeding the standard and needs explaining before meeting it is proposed.",
            ["meeting", "failing"],
        )
    if head.vs_msf == MsfCall.BETTER:
        return GradeGuidance(
            "exceeding-possible",
            "Significantly better than the most similar forces in at least one indicator, with "
            "none deteriorating: exceeding the standard is open if the other criteria bear it "
            "out.",
            ["exceeding", "meeting"],
        )
    if head.vs_msf == MsfCall.WORSE and head.vs_previous == TrendCall.IMPROVED:
        return GradeGuidance(
            "improving-below-average",
            "Below the most similar forces' average but significantly improved on two years "
            "earlier: the improvement earns credit and the survey evidence is consistent with "
            "meeting the standard.",
            ["meeting"],
        )
    if head.vs_msf == MsfCall.WORSE:
        return GradeGuidance(
            "below-average",
            "Significantly worse than the most similar forces with no significant improvement: "
            "the survey evidence leans towards failing to meet the standard unless the other "
            "criteria weigh against it.",
            ["failing", "meeting"],
        )
    if head.vs_previous == TrendCall.IMPROVED:
        return GradeGuidance(
            "improving",
            "In line with the most similar forces and significantly improved: the survey "
            "evidence supports meeting the standard.",
            ["meeting"],
        )
    return GradeGuidance(
        "in-line",
        "No significant difference from the most similar forces or from two years earlier: "
        "the survey evidence supports meeting the standard.",
        ["meeting"],
    )
