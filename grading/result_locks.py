"""Which stored indicator results may no longer change, as the apps that print them say.

A result is printed by the reports that use it, and once such a report is published its
figures must stay as printed. Grading knows nothing of inspections (dependencies point one
way), so an app higher up registers a guard here from its AppConfig.ready, and every write of
results in grading (the CSV import, the admin) asks `result_refusals` before saving.
"""

from collections.abc import Callable, Collection

# (force id, indicator id, year): the key a result is stored under.
ResultKey = tuple[int, int, int]
ResultGuard = Callable[..., dict[ResultKey, str]]

_guards: list[ResultGuard] = []


class ResultsLocked(Exception):
    """Some results may not be written; `refusals` gives the reason for each key."""

    def __init__(self, refusals: dict[ResultKey, str]) -> None:
        super().__init__(f"{len(refusals)} results may no longer change.")
        self.refusals = refusals


def result_guard_register(guard: ResultGuard) -> ResultGuard:
    """Ask `guard(keys=..., lock=...)` before any result is written; registering twice is
    harmless, so a repeated AppConfig.ready (as in tests) adds nothing."""
    if guard not in _guards:
        _guards.append(guard)
    return guard


def result_refusals(*, keys: Collection[ResultKey], lock: bool = False) -> dict[ResultKey, str]:
    """Why each of these results may not be written, for those that may not.

    With `lock` (inside a transaction) the guards also lock whatever decided the answer, so it
    stays true until the write commits.
    """
    refusals: dict[ResultKey, str] = {}
    if not keys:
        return refusals
    for guard in _guards:
        for key, reason in guard(keys=set(keys), lock=lock).items():
            refusals.setdefault(key, reason)
    return refusals
