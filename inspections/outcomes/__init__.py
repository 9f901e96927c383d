"""Survey indicator outcomes: the calls of each force's indicators (`calls`) and how a criterion
page shows them (`panel`). The calls' public names are importable from here."""

from inspections.outcomes.calls import (
    AREA_KIND,
    AreaOutcome,
    IndicatorRow,
    inspection_outcomes,
    programme_outcomes,
)

__all__ = ["AREA_KIND", "AreaOutcome", "IndicatorRow", "inspection_outcomes", "programme_outcomes"]
