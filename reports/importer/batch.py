"""Importing several reports at once: each in its own transaction, one outcome per report.

A refusal of one report is its outcome, never the end of the batch: the others still import.
Used by `import_report` with several files or a folder, and by the admin's multi-file upload.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reports.importer.errors import ImportRefused
from reports.importer.service import ImportResult, report_import

# How many warnings an outcome's summary line shows; the full list stays in the result.
FIRST_WARNINGS = 3


@dataclass
class BatchOutcome:
    source_name: str
    result: ImportResult | None = None
    error: str = ""
    warnings: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result is not None

    @property
    def kind(self) -> str:
        return self.result.kind if self.result else "refused"

    @property
    def subject(self) -> str:
        """The force a force report is about, or the programme of a national report."""
        if self.result is None:
            return ""
        summary = self.result.summary
        if self.result.kind == "thematic":
            return f"{summary.get('programme', '')} programme"
        return f"{summary.get('force', '')} ({summary.get('programme', '')})"

    @property
    def record(self) -> str:
        """What the import became: the new inspection or the programme, by id."""
        if self.result is None:
            return ""
        if self.result.inspection_id:
            return f"inspection {self.result.inspection_id}"
        if self.result.programme_id and self.result.kind == "thematic":
            return f"programme {self.result.programme_id}"
        return "dry run"

    def first_warnings(self) -> list[str]:
        return [_warning_text(w) for w in self.warnings[:FIRST_WARNINGS]]

    def as_dict(self) -> dict:
        data = {"file": self.source_name, "ok": self.ok, "kind": self.kind}
        if self.result is None:
            return {**data, "error": self.error}
        return {
            **data,
            "inspection": self.result.inspection_id,
            "programme": self.result.programme_id,
            "report_import": self.result.report_import_id,
            "summary": self.result.summary,
            "warnings": self.warnings,
        }


def _warning_text(warning: dict) -> str:
    return f"line {warning.get('line')}: {warning.get('message', '')}"


def report_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, with every file inside a named folder (its sub-folders too) in name
    order; hidden files are left out."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file())
            found += [p for p in inside if not any(part.startswith(".") for part in p.parts)]
        else:
            found.append(path)
    return found


def reports_import(
    *, files: Iterable[tuple[str, bytes]], user=None, **options
) -> list[BatchOutcome]:
    """Import each (name, bytes) in turn, each in its own transaction (report_import); a
    report that is refused is recorded as such and the next one is imported all the same."""
    outcomes = []
    for name, data in files:
        try:
            result = report_import(data=data, source_name=name, user=user, **options)
        except ImportRefused as refused:
            outcomes.append(BatchOutcome(source_name=name, error=refused.message))
            continue
        outcomes.append(BatchOutcome(source_name=name, result=result, warnings=result.warnings))
    return outcomes


def outcome_table(outcomes: list[BatchOutcome]) -> str:
    """A plain-text table, one row per report, then a line of totals."""
    header = ("file", "became", "force / programme", "record", "warnings")
    rows = [
        (
            o.source_name,
            o.kind,
            o.subject,
            o.record if o.ok else o.error,
            str(len(o.warnings)) if o.ok else "-",
        )
        for o in outcomes
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for index, row in enumerate([header, *rows]):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
        if index and outcomes[index - 1].ok:
            lines += [f"    {text}" for text in outcomes[index - 1].first_warnings()]
    failed = sum(1 for o in outcomes if not o.ok)
    lines.append(f"{len(outcomes) - failed} imported, {failed} refused, of {len(outcomes)} files.")
    return "\n".join(lines)
