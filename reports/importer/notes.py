"""Warnings with line numbers: everything the importer did not use is reported here."""

from reports.importer.structures import ImportWarning
from reports.importer.text import Line


class Notes:
    """Collects warnings. Skipped lines with the same reason that follow one another are
    reported once, as a range, so a skipped page of standard text is one warning."""

    def __init__(self) -> None:
        self.warnings: list[ImportWarning] = []
        self._skip: ImportWarning | None = None
        self._skip_reason = ""
        self._skip_count = 0
        self.last_skipped = 0
        # Line numbers, for the import's coverage (reports.importer.coverage).
        self.skipped_lines: set[int] = set()
        self.not_understood_lines: set[int] = set()

    def warn(self, line: int, message: str) -> None:
        self.flush()
        self.warnings.append(ImportWarning(line, message))

    def not_understood(self, line: int, message: str) -> None:
        """A warning that the line was read but not understood, so nothing of it is used."""
        self.warn(line, message)
        self.not_understood_lines.add(line)

    def skip(self, line: Line, reason: str) -> None:
        self.last_skipped = line.number
        self.skipped_lines.add(line.number)
        if self._skip is not None and reason == self._skip_reason:
            self._skip.end_line = line.number
            self._skip_count += 1
            return
        self.flush()
        self._skip = ImportWarning(line.number, reason, end_line=line.number)
        self._skip_reason = reason
        self._skip_count = 1

    def used(self, line: Line) -> None:
        """A line was used: a later skip starts a new range."""
        if self.last_skipped != line.number:
            self.flush()

    def flush(self) -> None:
        if self._skip is None:
            return
        lines = "line" if self._skip_count == 1 else f"{self._skip_count} lines"
        self._skip.message = f"{self._skip_reason}; not imported ({lines})"
        self.warnings.append(self._skip)
        self._skip = None

    def result(self) -> list[ImportWarning]:
        self.flush()
        return sorted(self.warnings, key=lambda w: w.line)
