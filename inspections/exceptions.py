"""Errors services raise for the views to turn into clear messages."""


class AssessmentLocked(Exception):
    """The area has left drafting: its evidence and statements are read-only."""

    def __init__(self, area):
        self.area = area
        super().__init__(
            f"{area.framework.name} is {area.get_status_display().lower()}: its evidence and "
            "statements can no longer be changed."
        )


class OverviewLocked(Exception):
    """Part of the inspection is with the force or published: the overview it prints is
    read-only, but for a section an accepted factual-accuracy comment opens."""

    def __init__(self):
        super().__init__(
            "The force overview is read-only: part of this report is with the force for its "
            "factual-accuracy check or published. A section changes only to answer a comment "
            "from the force that the team accepted."
        )


class EditConflict(Exception):
    """Someone else saved the same record since this user opened it.

    `current` is the record as now saved, so the view can show both texts side by side.
    """

    def __init__(self, current):
        self.current = current
        super().__init__(
            "Someone else saved this since you opened it. Your text is kept below next to "
            "theirs: compare them, then save again."
        )


class WorkflowRefused(Exception):
    """A workflow step the rules do not allow now; `problems` lists what stands in the way.

    Views show the message (and the problems) and change nothing.
    """

    def __init__(self, message: str, problems: list | None = None):
        self.problems = problems or []
        super().__init__(message)


class OpenRefused(Exception):
    """A force's next inspection cannot be opened (unknown force or programme, or one that
    already exists); nothing was saved."""
