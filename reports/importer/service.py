"""Importing a published report: decode, parse, save in one transaction, record the import.

A dry run performs the whole import inside a transaction and rolls it back, so its summary
and warnings are exactly those a real import would give, and nothing is kept.
"""

import hashlib
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from forces.models import Force
from inspections.models import Programme
from inspections.outcomes import inspection_outcomes
from inspections.services.history import (
    HISTORY_SOURCE_LIMIT,
    inspection_history_source_set,
    programme_history_source_set,
)
from reports.importer import summary
from reports.importer.build import catalogue_for
from reports.importer.errors import CONCURRENT_IMPORT, ImportRefused
from reports.importer.force_report import parse_force_report
from reports.importer.locks import import_turn_take
from reports.importer.pdf_text import is_pdf, pdf_text
from reports.importer.persist import force_report_save
from reports.importer.structures import ImportWarning
from reports.importer.text import month_year, read_lines
from reports.importer.thematic import ThematicReader, is_thematic, programme_year
from reports.importer.thematic_persist import thematic_report_save
from reports.models import ImportKind, ReportImport

SERVICE_USERNAME = "report-importer"


@dataclass
class ImportResult:
    kind: str
    summary: dict
    warnings: list[dict] = field(default_factory=list)
    inspection_id: int | None = None
    programme_id: int | None = None
    report_import_id: int | None = None


class _DryRun(Exception):
    def __init__(self, result: ImportResult) -> None:
        self.result = result


def decode(data: bytes) -> str:
    """The report's text; refuses empty and binary files. A PDF (known by its magic bytes)
    has its text extracted and laid out as the parser reads it (reports.importer.pdf_text)."""
    if not data or not data.strip():
        raise ImportRefused("The file is empty.")
    if is_pdf(data):
        return pdf_text(data)
    if b"\x00" in data[:8192]:
        raise ImportRefused("The file is binary, not a text report (it contains NUL bytes).")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\r\n\f")
        if controls > len(text[:20000]) / 100:
            break
        return text
    raise ImportRefused("The file is not readable text: it looks binary or is badly encoded.")


def importer_user():
    """The account imports from the command line are attributed to, unless one is named."""
    user, _ = get_user_model().objects.get_or_create(
        username=SERVICE_USERNAME,
        defaults={"first_name": "Report", "last_name": "importer", "is_active": False},
    )
    return user


def _programme(lines, thematic: bool, year: int | None) -> Programme:
    if year is None:
        year = programme_year(lines) if thematic else _cover_year(lines)
    programme = Programme.objects.filter(year=year).select_related("scheme").first()
    if programme is None:
        raise ImportRefused(
            f"There is no {year} programme in the reference data; name one with --programme."
        )
    return programme


def _cover_year(lines) -> int:
    for line in lines[:80]:
        if found := month_year(line.text):
            return found[1]
    raise ImportRefused("The cover gives no month and year of publication.")


def report_import(
    *,
    data: bytes,
    source_name: str,
    user=None,
    programme_year: int | None = None,
    dry_run: bool = False,
    replace: bool = False,
) -> ImportResult:
    """Import one report. Raises ImportRefused with a clear message, saving nothing, for an
    empty, binary, truncated or unknown-force file, a report already imported, or one that
    another import of the same report got to first (reports.importer.locks)."""
    lines = read_lines(decode(data))
    thematic = is_thematic(lines)
    programme = _programme(lines, thematic, programme_year)
    catalogue = catalogue_for(programme)
    # Read before the transaction: reading writes nothing, so the import's turn is taken
    # before its first write (the importer's account included), and an import waiting for its
    # turn holds no row another one needs.
    report = (
        ThematicReader(catalogue).read(lines) if thematic else parse_force_report(lines, catalogue)
    )
    record = {
        "source_name": source_name[:255],
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
    }
    try:
        with transaction.atomic():
            force = None if thematic else Force.objects.get(name=report.force_name)
            import_turn_take(programme=programme, force=force)
            user = user or importer_user()
            if thematic:
                result = _thematic(report, programme, catalogue, user, replace, record)
            else:
                result = _force(report, programme, user, replace, record)
            if dry_run:
                raise _DryRun(result)
    except _DryRun as rolled_back:
        result = rolled_back.result
        result.inspection_id = result.report_import_id = None
    except IntegrityError as clash:
        # The lock keeps imports of one report apart; a unique constraint still catches
        # anything saved at the same moment by a writer that takes no lock. The transaction
        # is rolled back by now, so nothing of this import was kept.
        raise ImportRefused(CONCURRENT_IMPORT) from clash
    return result


def history_source(saved: ReportImport) -> str:
    """How the history rows an import wrote name it, e.g. "import of wealdshire-2008.md
    (import #3)"; a long file name is shortened so the number always fits."""
    suffix = f" (import #{saved.pk})"
    room = HISTORY_SOURCE_LIMIT - len("import of ") - len(suffix)
    name = (
        saved.source_name if len(saved.source_name) <= room else saved.source_name[: room - 1] + "…"
    )
    return f"import of {name}{suffix}"


def _force(report, programme, user, replace, record) -> ImportResult:
    started = timezone.now()
    inspection, extra, replaced = force_report_save(
        report=report, programme=programme, user=user, replace=replace
    )
    warnings = report.warnings + extra + _call_disagreements(inspection, report)
    data = summary.force_summary(report, programme)
    saved = ReportImport.objects.create(
        kind=ImportKind.FORCE,
        programme=programme,
        force=inspection.force,
        inspection=inspection,
        summary=data,
        warnings=[w.as_dict() for w in warnings],
        coverage=report.coverage,
        replaced=replaced,
        imported_by=user,
        **record,
    )
    inspection_history_source_set(inspection_id=inspection.pk, source=history_source(saved))
    programme_history_source_set(
        programme_id=programme.pk, source=history_source(saved), since=started, user=user
    )
    return ImportResult(
        kind=ImportKind.FORCE,
        summary=data,
        warnings=saved.warnings,
        inspection_id=inspection.pk,
        programme_id=programme.pk,
        report_import_id=saved.pk,
    )


def _thematic(report, programme, catalogue, user, replace, record) -> ImportResult:
    started = timezone.now()
    counts = thematic_report_save(
        report=report, programme=programme, catalogue=catalogue, user=user, replace=replace
    )
    replaced = counts.pop("replaced")
    data = summary.thematic_summary(report, programme, counts)
    saved = ReportImport.objects.create(
        kind=ImportKind.THEMATIC,
        programme=programme,
        summary=data,
        warnings=[w.as_dict() for w in report.warnings],
        coverage=report.coverage,
        replaced=replaced,
        imported_by=user,
        **record,
    )
    programme_history_source_set(
        programme_id=programme.pk, source=history_source(saved), since=started, user=user
    )
    return ImportResult(
        kind=ImportKind.THEMATIC,
        summary=data,
        warnings=saved.warnings,
        programme_id=programme.pk,
        report_import_id=saved.pk,
    )


def _call_disagreements(inspection, report) -> list[ImportWarning]:
    """Published calls the product's own significance engine does not reproduce."""
    printed = {
        (i.code, kind): (getattr(i, f"published_{kind}"), area.line)
        for area in report.areas
        for i in area.indicators
        for kind in ("vs_msf", "vs_previous")
    }
    warnings = []
    for outcome in inspection_outcomes(inspection=inspection).values():
        for row in outcome.rows:
            for kind in ("vs_msf", "vs_previous"):
                published, line = printed.get((row.call.code, kind), (None, 0))
                engine = getattr(row.call, kind)
                engine = engine.value if engine is not None else None
                if published and engine and published != engine:
                    warnings.append(
                        ImportWarning(
                            line,
                            f"{row.call.code}: the report printed '{published}' "
                            f"({kind.replace('_', ' ')}), the engine finds '{engine}'",
                        )
                    )
    return warnings
