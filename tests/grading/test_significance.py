"""The engine reproduces every call the 2008 Staffordshire report prints."""

import pytest

from grading.outcome_wording import headline_sentences, unknown_placeholders
from grading.significance import (
    CITIZEN_FOCUS,
    NEIGHBOURHOOD_POLICING,
    IndicatorData,
    MsfCall,
    TrendCall,
    assess_indicator,
    compare,
    critical_z,
    grade_guidance,
    headline,
)

BCS, USER = 1.3, 1.0
# Staffordshire, year ending March 2008 against 2006: published figures.
SPI_2A = IndicatorData(
    code="SPI 2a",
    value=47.1,
    previous_value=47.4,
    msf_difference=-5.2,
    change=-0.4,
    sample_size=1000,
    previous_sample_size=1000,
    msf_sample_size=7000,
    deft=BCS,
)
KDI = IndicatorData(
    code="KDI",
    value=49.7,
    previous_value=41.0,
    msf_difference=-0.9,
    change=8.7,
    sample_size=1000,
    previous_sample_size=1000,
    msf_sample_size=7000,
    deft=BCS,
)
SPI_10B = IndicatorData(
    code="SPI 10b",
    value=16.1,
    previous_value=14.5,
    msf_difference=1.0,
    change=1.6,
    sample_size=1000,
    previous_sample_size=1000,
    msf_sample_size=7000,
    deft=BCS,
    higher_is_better=False,
)
# Four command units of 600 interviews each; MSF sample seven times the force's.
SPI_1E = IndicatorData(
    code="SPI 1e",
    value=83.9,
    previous_value=83.1,
    msf_difference=2.6,
    change=0.7,
    sample_size=2400,
    previous_sample_size=2400,
    msf_sample_size=16800,
    deft=USER,
)
SPI_3B = IndicatorData(
    code="SPI 3b",
    value=74.3,
    previous_value=81.7,
    change=-7.4,
    gap=8.4,
    sample_size=100,
    previous_sample_size=100,
    deft=USER,
)


@pytest.mark.parametrize(
    "data, vs_msf, vs_previous",
    [
        (SPI_2A, MsfCall.WORSE, TrendCall.UNCHANGED),
        (KDI, MsfCall.SAME, TrendCall.IMPROVED),
        (SPI_10B, MsfCall.SAME, TrendCall.UNCHANGED),
        (SPI_1E, MsfCall.BETTER, TrendCall.UNCHANGED),
        (SPI_3B, None, TrendCall.UNCHANGED),
    ],
)
def test_each_published_call_is_reproduced(data, vs_msf, vs_previous):
    call = assess_indicator(data)
    assert call.vs_msf == vs_msf
    assert call.vs_previous == vs_previous


def test_neighbourhood_policing_headline():
    calls = [assess_indicator(d) for d in (SPI_2A, KDI, SPI_10B)]
    head = headline(NEIGHBOURHOOD_POLICING, calls)
    assert head.vs_msf == MsfCall.WORSE
    assert head.vs_previous == TrendCall.IMPROVED
    assert not head.mixed_msf and not head.mixed_previous
    assert grade_guidance(head).code == "improving-below-average"


def test_citizen_focus_headline_with_minority_call_and_gap():
    head = headline(CITIZEN_FOCUS, [assess_indicator(d) for d in (SPI_1E, SPI_3B)])
    assert head.vs_msf == MsfCall.BETTER
    assert head.vs_previous == TrendCall.UNCHANGED
    assert head.minority_vs_previous == TrendCall.UNCHANGED
    assert head.gap_pp == 8.4
    assert grade_guidance(head).code == "exceeding-possible"
    sentences = headline_sentences(head)
    assert "significantly better" in sentences[0]
    assert "8.4 percentage points" in sentences[-1]


def test_calls_store_z_and_margin():
    call = assess_indicator(SPI_2A)
    # SE = 1.3 x sqrt(.471 x .529 / 1000 + .523 x .477 / 7000) = 2.19 points.
    assert call.msf.standard_error == pytest.approx(2.194, abs=0.001)
    assert call.msf.z == pytest.approx(-5.2 / 2.194, abs=0.001)
    assert call.msf.margin == pytest.approx(5.2 - 1.96 * 2.194, abs=0.01)
    assert call.previous.margin < 0  # -0.4 falls well short of the threshold


def test_lower_is_better_turns_a_significant_rise_into_worse():
    data = IndicatorData(
        code="SPI 10b",
        value=25.0,
        previous_value=15.0,
        msf_value=15.0,
        sample_size=1000,
        previous_sample_size=1000,
        msf_sample_size=7000,
        deft=BCS,
        higher_is_better=False,
    )
    call = assess_indicator(data)
    assert (call.vs_msf, call.vs_previous) == (MsfCall.WORSE, TrendCall.DETERIORATED)


def test_published_difference_is_the_numerator_when_given():
    # Rounded values differ by 4.5 points, above the 4.3 threshold; the published
    # difference of 4.2 (computed before rounding) is below it and decides the call.
    data = IndicatorData(
        code="SPI 2a",
        value=52.0,
        msf_value=47.5,
        msf_difference=4.2,
        sample_size=1000,
        msf_sample_size=7000,
        deft=BCS,
    )
    assert assess_indicator(data).vs_msf == MsfCall.SAME
    without = IndicatorData(
        code="SPI 2a", value=52.0, msf_value=47.5, sample_size=1000, msf_sample_size=7000, deft=BCS
    )
    assert assess_indicator(without).vs_msf == MsfCall.BETTER


def test_opposite_directions_give_the_unfavourable_headline_marked_mixed():
    better = IndicatorData(
        code="KDI", value=60.0, msf_difference=8.0, sample_size=1000, msf_sample_size=7000, deft=BCS
    )
    head = headline(NEIGHBOURHOOD_POLICING, [assess_indicator(SPI_2A), assess_indicator(better)])
    assert head.vs_msf == MsfCall.WORSE and head.mixed_msf


def test_deterioration_rules_out_exceeding():
    falling = IndicatorData(
        code="SPI 2a",
        value=60.0,
        msf_difference=9.0,
        previous_value=70.0,
        change=-10.0,
        sample_size=1000,
        previous_sample_size=1000,
        msf_sample_size=7000,
        deft=BCS,
    )
    head = headline(NEIGHBOURHOOD_POLICING, [assess_indicator(falling)])
    assert head.vs_msf == MsfCall.BETTER
    guidance = grade_guidance(head)
    assert guidance.code == "exceeding-ruled-out" and "exceeding" not in guidance.supports


def test_missing_data_gives_no_call():
    data = IndicatorData(code="KDI", value=50.0, sample_size=1000, deft=BCS)
    call = assess_indicator(data)
    assert call.vs_msf is None and call.vs_previous is None
    assert headline(NEIGHBOURHOOD_POLICING, [call]).vs_msf is None


@pytest.mark.parametrize("bad", [{"p1": 101}, {"p2": -1}, {"n1": 0}, {"n2": -5}])
def test_compare_refuses_impossible_inputs(bad):
    args = {"p1": 50, "n1": 100, "p2": 50, "n2": 100, "deft": 1.0, "z_crit": 1.96, **bad}
    with pytest.raises(ValueError):
        compare(**args)


def test_confidence_sets_the_critical_value():
    assert critical_z(0.95) == pytest.approx(1.95996, abs=1e-5)
    assert critical_z(0.99) == pytest.approx(2.5758, abs=1e-4)
    with pytest.raises(ValueError):
        critical_z(1.5)


def test_wording_placeholders_are_checked():
    assert unknown_placeholders("gap", "A gap of {gap} points at {force}.") == []
    assert unknown_placeholders("gap", "A gap of {gapp} points.") == ["gapp"]
