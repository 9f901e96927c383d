""" "Progress since the last inspection": each earlier area for improvement and the team's
assessment of it, as plain data (no queries here: ForceReportRows reads the follow-ups).

Follow-ups under a criterion print with the area that criterion belongs to; those whose
earlier area has no successor print in a section of their own, grouped by the earlier area.
"""

NOT_ASSESSED = "Not yet assessed"


def follow_up_entry(follow_up) -> dict:
    return {
        "earlier_inspection": follow_up.source_inspection.programme.year,
        "earlier_area": follow_up.source_area,
        "earlier_criterion": follow_up.source_criterion,
        "lead": follow_up.lead,
        "text": follow_up.text,
        "sub_points": list(follow_up.sub_points),
        "assessment": follow_up.get_outcome_display() if follow_up.outcome else NOT_ASSESSED,
        "account": follow_up.account,
    }


def area_progress(rows, area) -> list[dict]:
    return [follow_up_entry(row) for row in rows.follow_ups_by_area.get(area.pk, [])]


def other_progress(rows) -> list[dict]:
    """The follow-ups of earlier areas without a successor, grouped by earlier area in the
    earlier report's order."""
    groups: dict[str, list[dict]] = {}
    for follow_up in rows.follow_ups_whole:
        groups.setdefault(follow_up.source_area, []).append(follow_up_entry(follow_up))
    return [{"earlier_area": name, "items": items} for name, items in groups.items()]


def progress_words(entries: list[dict]) -> list[str]:
    return [text for entry in entries for text in (entry["lead"], entry["text"], entry["account"])]
