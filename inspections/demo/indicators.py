"""Survey indicator results for the demo's fictional forces, held as data.

The figures are invented, chosen so that the calls they give agree with the demo evidence:
Wealdshire is significantly better than its MSF on SPI 2a and SPI 1e and its KDI has improved;
Northmoor is in line on Neighbourhood Policing with an improved KDI, while its SPI 1e is worse
than its MSF and has deteriorated. Published style: the difference from the MSF and the change
over two years are given as a report would print them.
"""

from decimal import Decimal

from forces.models import Force
from grading.models import Indicator, IndicatorResult

SOURCE = "Demo figures (fictional force)"
YEAR, PREVIOUS_YEAR = 2008, 2006

# force slug -> indicator code -> (value, value two years earlier, difference from MSF,
# change over two years, gap to white users now, gap two years earlier)
RESULTS = {
    "wealdshire": {
        "SPI 2a": ("58.3", "55.9", "5.6", "2.4", None, None),
        "KDI": ("54.8", "47.2", "2.1", "7.6", None, None),
        "SPI 10b": ("11.2", "13.0", "-1.9", "-1.8", None, None),
        "SPI 1e": ("85.2", "84.1", "3.1", "1.1", None, None),
        "SPI 3b": ("83.1", "70.4", None, "12.7", "2.9", "6.1"),
    },
    "northmoor": {
        "SPI 2a": ("49.6", "48.1", "-1.2", "1.5", None, None),
        "KDI": ("47.9", "39.8", "0.8", "8.1", None, None),
        "SPI 10b": ("18.4", "19.7", "1.3", "-1.3", None, None),
        "SPI 1e": ("76.8", "80.5", "-3.9", "-3.7", None, None),
        "SPI 3b": ("68.2", "71.0", None, "-2.8", "9.7", "7.4"),
    },
}


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def demo_indicator_results_write(*, forces: list[Force]) -> int:
    """Replace the demo forces' results with the figures above; returns how many were written.

    Earlier rows and their history rows are deleted first, so a second run leaves the same
    rows as the first. Real forces' results are never touched.
    """
    demo = [force for force in forces if force.is_fictional and force.slug in RESULTS]
    existing = IndicatorResult.objects.filter(force__in=demo)
    pks = list(existing.values_list("pk", flat=True))
    existing.delete()
    IndicatorResult.history.filter(id__in=pks).delete()
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
    written = 0
    for force in demo:
        for code, figures in RESULTS[force.slug].items():
            if code in indicators:
                written += _write(force, indicators[code], *figures)
    return written


def _write(force, indicator, value, previous, difference, change, gap, previous_gap) -> int:
    IndicatorResult.objects.create(
        force=force,
        indicator=indicator,
        year=YEAR,
        value=Decimal(value),
        msf_difference=_decimal(difference),
        change=_decimal(change),
        gap=_decimal(gap),
        source=SOURCE,
    )
    IndicatorResult.objects.create(
        force=force,
        indicator=indicator,
        year=PREVIOUS_YEAR,
        value=Decimal(previous),
        gap=_decimal(previous_gap),
        source=SOURCE,
    )
    return 2
