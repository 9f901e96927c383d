"""Writes to grading data that go beyond one admin form."""

from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from grading.indicator_csv import ParsedRow
from grading.models import IndicatorResult
from grading.result_locks import ResultsLocked, result_refusals

_IMPORTED_FIELDS = [
    "value",
    "sample_size",
    "msf_value",
    "msf_sample_size",
    "msf_difference",
    "change",
    "gap",
    "source",
]


@transaction.atomic
def indicator_results_import(
    *, rows: Sequence[ParsedRow], user: AbstractBaseUser
) -> dict[str, int]:
    """Create or replace one result per row (force, indicator, year); all rows or none.

    Rows must come from a parse without errors, so each key appears once. Raises
    ResultsLocked, saving nothing, when any row is a figure a published report prints; what
    decided that stays locked until the import commits, so nothing is published in between.
    Existing results are locked next, so two imports of the same figures take turns. Each row
    is saved on its own (rather than with update_or_create) so its history row names the
    importing user.
    """
    keys = [row.key for row in rows]
    if len(set(keys)) != len(keys):
        raise ValueError("Each force, indicator and year may appear only once in an import.")
    refusals = result_refusals(keys=keys, lock=True)
    if refusals:
        raise ResultsLocked(refusals)
    existing = {
        (result.force_id, result.indicator_id, result.year): result
        for result in IndicatorResult.objects.select_for_update().filter(
            force_id__in={row.force.pk for row in rows},
            indicator_id__in={row.indicator.pk for row in rows},
            year__in={row.year for row in rows},
        )
    }
    counts = {"created": 0, "updated": 0}
    for row in rows:
        result = existing.get(row.key)
        if result is None:
            result = IndicatorResult(force=row.force, indicator=row.indicator, year=row.year)
        counts["created" if result.pk is None else "updated"] += 1
        for name in _IMPORTED_FIELDS:
            setattr(result, name, getattr(row, name))
        result.updated_by = user
        result._history_user = user
        result.save()
    return counts
