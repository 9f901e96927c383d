"""The national panel's consistency flags, on hand-made figures (no database)."""

from moderation.consistency import (
    BALANCE,
    GUIDANCE,
    REGIONAL,
    ForceFigures,
    balance_fences,
    balance_flag,
    consistency,
    guidance_flag,
    panel_rates,
)


def _row(key, grade="Meeting", strengths=5, afi=5, **kwargs):
    return ForceFigures(
        key=key,
        force=f"Force {key}",
        grade=grade,
        strengths=strengths,
        areas_for_improvement=afi,
        **kwargs,
    )


def test_a_grade_the_guidance_does_not_support_is_flagged_with_what_it_supports():
    row = _row(1, grade="Exceeding", departs_from_guidance=True, guidance_supports=("meeting",))
    flag = guidance_flag(row)
    assert flag.kind == GUIDANCE
    assert flag.reason == "Proposed Exceeding; the survey indicator guidance supports meeting."


def test_a_supported_grade_or_no_grade_raises_no_guidance_flag():
    assert guidance_flag(_row(1, departs_from_guidance=False)) is None
    assert guidance_flag(_row(1, grade=None, departs_from_guidance=True)) is None


def test_balance_is_strengths_as_a_share_of_strengths_and_areas_for_improvement():
    assert _row(1, strengths=3, afi=1).balance == 75
    assert _row(1, strengths=0, afi=0).balance is None


def _shares(*percentages, grade="Meeting"):
    """Rows whose balances are the given percentages (strengths out of 100 items)."""
    return [_row(n, grade=grade, strengths=p, afi=100 - p) for n, p in enumerate(percentages)]


def test_the_fences_are_a_quartile_less_or_more_one_and_a_half_interquartile_ranges():
    assert balance_fences([20, 40, 60, 80]) == (35 - 45, 65 + 45)


def test_the_fences_keep_at_least_ten_points_from_the_quartiles():
    assert balance_fences([50, 50, 55, 60]) == (40, 66.25)


def test_a_balance_beyond_the_fences_of_the_others_for_the_same_grade_is_flagged_with_figures():
    rows = [*_shares(50, 50, 55, 60), _row(9, strengths=1, afi=9), _row(10, grade="Failing")]
    flag = balance_flag(rows[4], rows)
    assert flag.kind == BALANCE
    assert flag.title == "Balance of evidence below the others proposed Meeting"
    assert flag.reason == (
        "1 strengths to 9 areas for improvement: 10% strengths, outside 40% to 66% (the fences "
        "of the 4 other forces proposed Meeting, whose balances run from 50% to 60%)."
    )


def test_the_highest_and_lowest_of_a_close_group_are_not_flagged_for_being_the_extremes():
    rows = _shares(50, 52, 55, 58, 60)
    assert all(balance_flag(row, rows) is None for row in rows)


def test_a_wide_spread_flags_nothing():
    rows = _shares(20, 40, 60, 80, 95)
    assert all(balance_flag(row, rows) is None for row in rows)


def test_the_balance_needs_four_other_forces_with_the_same_grade():
    rows = [*_shares(50, 50, 50), _row(9, strengths=1, afi=99)]
    assert balance_flag(rows[3], rows) is None
    rows = [*rows, _row(10, grade="Failing", strengths=50, afi=50)]
    assert balance_flag(rows[3], rows) is None


def test_each_regional_panels_change_rate_counts_only_its_decided_areas():
    rows = [
        _row(1, regional_panel="North", regional_changed=True),
        _row(2, regional_panel="North", regional_changed=False),
        _row(3, regional_panel="North", regional_changed=None),
        _row(4, regional_panel="South", regional_changed=False),
    ]
    rates = {rate.panel: (rate.decided, rate.changed, rate.rate) for rate in panel_rates(rows)}
    assert rates == {"North": (2, 1, 50.0), "South": (1, 0, 0.0)}


def test_a_panel_far_from_the_others_median_is_flagged_with_its_figures():
    rows = [
        _row(1, regional_panel="East", regional_changed=True),
        _row(2, regional_panel="East", regional_changed=True),
        _row(3, regional_panel="North", regional_changed=False),
        _row(4, regional_panel="South", regional_changed=False),
        _row(5, regional_panel="South", regional_changed=True),
    ]
    rates = {rate.panel: rate for rate in panel_rates(rows)}
    east = rates["East"]
    assert east.others_median == 25.0
    assert east.flag.kind == REGIONAL
    assert east.flag.reason == (
        "East changed 2 of 2 grades (100%); the median of the other 2 panels is 25%, "
        "more than 25 points away."
    )
    assert "more often" in east.flag.title
    assert rates["South"].flag is None  # 50% against the median of 100% and 0%: 50%
    assert rates["North"].flag is not None and "less often" in rates["North"].flag.title


def test_two_panels_make_no_comparison():
    rows = [
        _row(1, regional_panel="East", regional_changed=True),
        _row(2, regional_panel="North", regional_changed=False),
    ]
    assert all(rate.flag is None for rate in panel_rates(rows))


def test_consistency_puts_every_flag_on_its_row_and_a_panels_flag_on_its_forces():
    rows = [
        _row(1, regional_panel="East", regional_changed=True, strengths=9, afi=1),
        _row(2, regional_panel="North", regional_changed=False),
        _row(3, regional_panel="South", regional_changed=False),
        _row(4, regional_panel="West", regional_changed=False),
        _row(5, regional_panel="West", departs_from_guidance=True, guidance_supports=("x",)),
    ]
    result = consistency(rows)
    assert [flag.kind for flag in result.flags[1]] == [BALANCE, REGIONAL]
    # North's 0% against the median of 100%, 0% and 0%: one far panel flags only itself.
    assert result.flags[2] == []
    assert [flag.kind for flag in result.flags[5]] == [GUIDANCE]
    assert [rate.panel for rate in result.panels] == ["East", "North", "South", "West"]


def test_a_median_resists_one_far_panel():
    rows = [_row(1, regional_panel="East", regional_changed=True)] + [
        _row(n, regional_panel=name, regional_changed=False)
        for n, name in enumerate(["North", "South", "West"], start=2)
    ]
    flagged = [rate.panel for rate in panel_rates(rows) if rate.flag]
    assert flagged == ["East"]
