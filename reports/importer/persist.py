"""Saving a parsed force report as a published inspection, in one transaction."""

import datetime

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from forces.models import Force
from grading.models import Criterion, Framework, GradeLevel, Indicator, IndicatorResult
from grading.result_locks import result_refusals
from inspections.models import (
    AreaAssessment,
    AssessmentStatus,
    CriterionAssessment,
    DevelopingPractice,
    EvidenceItem,
    GradeDistribution,
    Inspection,
    InspectionGlossaryEntry,
    InspectionStatus,
    OverviewTable,
    Programme,
    PublishedIndicatorCall,
)
from reports.importer.errors import ImportRefused
from reports.importer.structures import AreaRecord, ForceReport, ImportWarning, Item

KIND = {
    "strengths": "strength",
    "work_in_progress": "work_in_progress",
    "areas_for_improvement": "area_for_improvement",
}


def existing_inspection(*, force: Force, programme: Programme, replace: bool) -> Inspection | None:
    """The inspection an import would replace; refuses when it may not be replaced."""
    inspection = Inspection.objects.filter(force=force, programme=programme).first()
    if inspection is None:
        return None
    if not inspection.imports.exists():
        raise ImportRefused(
            f"{force.name} already has an inspection in the {programme.year} programme that was "
            "built in the product, not imported; an import never replaces it."
        )
    if not replace:
        raise ImportRefused(
            f"A report of {force.name} for the {programme.year} programme was already imported "
            f"(inspection {inspection.pk}{_earlier(inspection)}). Use --replace to replace it."
        )
    return inspection


def _earlier(inspection: Inspection) -> str:
    earlier = inspection.imports.order_by("-imported_at").first()
    return f", from {earlier.source_name} on {earlier.imported_at:%d %B %Y}" if earlier else ""


@transaction.atomic
def force_report_save(
    *, report: ForceReport, programme: Programme, user, replace: bool
) -> tuple[Inspection, list[ImportWarning], bool]:
    """Save the report as the force's published inspection. Call it from report_import, which
    takes the import's turn first (reports.importer.locks)."""
    force = Force.objects.get(name=report.force_name)
    previous = existing_inspection(force=force, programme=programme, replace=replace)
    if previous is not None:
        previous.delete()
    _refuse_published_figures(force, programme, report)
    inspection = Inspection.objects.create(
        force=force,
        programme=programme,
        status=InspectionStatus.PUBLISHED,
        publication_date=datetime.date(report.year, report.month, 1),
        reference=report.reference,
        **{field: text for field, text in report.overview.items()},
    )
    for order, table in enumerate(report.tables, start=1):
        OverviewTable.objects.create(
            inspection=inspection,
            section=table.section,
            order=order,
            header=table.header,
            rows=table.rows,
        )
    InspectionGlossaryEntry.objects.bulk_create(
        InspectionGlossaryEntry(
            inspection=inspection, order=n, abbreviation=a[:30], meaning=m[:250]
        )
        for n, (a, m) in enumerate(report.glossary, start=1)
    )
    warnings = []
    orders = {pf.framework_id: pf.order for pf in programme.areas.all()}
    for record in report.areas:
        framework = Framework.objects.get(
            code=record.framework_code, version=record.framework_version
        )
        area = _area_save(inspection, framework, orders.get(framework.pk, 0), record)
        _criteria_save(area, record, user)
        _practice_save(inspection, framework, record, user)
        _indicators_save(area, force, programme, record)
        warnings += _distribution_save(programme, framework, record)
    return inspection, warnings, previous is not None


def _refuse_published_figures(force: Force, programme: Programme, report: ForceReport) -> None:
    """Refuse to write survey results another published inspection prints (one whose data
    year is two years on compares with them). The inspection this import replaces is deleted
    by now, so only others count; the check locks them until the import commits."""
    reads = [read for record in report.areas for read in record.indicators]
    ids = dict(Indicator.objects.filter(code__in={r.code for r in reads}).values_list("code", "pk"))
    keys = {(force.pk, ids[r.code], programme.year) for r in reads if r.value is not None}
    earlier = {
        (force.pk, ids[r.code], programme.year - 2) for r in reads if r.previous_value is not None
    }
    # Earlier results already stored are kept as they are (_indicators_save), so only new
    # ones would change a report.
    stored = IndicatorResult.objects.filter(force=force, year=programme.year - 2)
    earlier -= set(stored.values_list("force_id", "indicator_id", "year"))
    refusals = result_refusals(keys=keys | earlier, lock=True)
    if refusals:
        reason = next(iter(refusals.values()))
        raise ImportRefused(
            f"This report would change survey results that a published report prints "
            f"({reason}), and the figures of a published report never change."
        )


def _grade(programme: Programme, label: str | None) -> GradeLevel | None:
    if not label:
        return None
    return GradeLevel.objects.get(scheme=programme.scheme, label=label)


def _area_save(inspection, framework, order, record: AreaRecord) -> AreaAssessment:
    grade = _grade(inspection.programme, record.grade)
    return AreaAssessment.objects.create(
        inspection=inspection,
        framework=framework,
        order=order,
        status=AssessmentStatus.PUBLISHED,
        proposed_grade=grade,
        final_grade=grade,
        grade_rationale=record.judgement,
        contextual_factors=record.contextual_factors,
    )


def _criteria_save(area: AreaAssessment, record: AreaRecord, user) -> None:
    leaves = [
        c
        for c in Criterion.objects.filter(framework=area.framework).in_tree_order()
        if not c.children.exists()
    ]
    by_order = {c.criterion_order: c for c in record.criteria}
    for order, criterion in enumerate(leaves, start=1):
        read = by_order.get(order)
        statements = "\n\n".join(read.summary_statements) if read else ""
        assessment = CriterionAssessment.objects.create(
            area=area,
            criterion=criterion,
            statement=statements,
            statement_overridden=bool(statements),
        )
        if read is not None:
            for kind, items in read.lists.items():
                _items_save(assessment, KIND[kind], items, user)


def _items_save(assessment, kind: str, items: list[Item], user) -> None:
    def build(item: Item, order: int, parent=None) -> EvidenceItem:
        return EvidenceItem(
            criterion_assessment=assessment,
            kind=kind,
            parent=parent,
            order=order,
            lead=(item.lead or "")[:200],
            text=item.text,
            author=user,
        )

    # The history rows name no user, like every other row an import writes: the import names
    # itself as their source once its record exists (importer.service), and names its user.
    tops = [build(item, n) for n, item in enumerate(items, start=1)]
    tops = bulk_create_with_history(tops, EvidenceItem)
    children = [
        build(child, n, parent=top)
        for top, item in zip(tops, items, strict=True)
        for n, child in enumerate(item.children, start=1)
    ]
    if children:
        bulk_create_with_history(children, EvidenceItem)


def _practice_save(inspection, framework, record: AreaRecord, user) -> None:
    for entry in record.practice:
        DevelopingPractice.objects.create(
            inspection=inspection,
            framework=framework,
            title=entry.title[:250] or "(untitled)",
            problem=entry.problem,
            solution=entry.solution,
            evaluation=entry.evaluation,
            external_validation=entry.external_validation,
            outcomes=entry.outcomes,
            contact=entry.contact,
            selected_for_publication=True,
            submitted_by=user,
        )


def _indicators_save(area, force, programme, record: AreaRecord) -> None:
    codes = {
        i.code: i for i in Indicator.objects.filter(code__in=[r.code for r in record.indicators])
    }
    source = f"Published report, {programme.year}"
    for read in record.indicators:
        indicator = codes[read.code]
        if read.value is not None:
            IndicatorResult.objects.update_or_create(
                force=force,
                indicator=indicator,
                year=programme.year,
                defaults={
                    "value": read.value,
                    "msf_difference": read.msf_difference,
                    "change": read.change,
                    "gap": read.gap,
                    "source": source,
                },
            )
        if read.previous_value is not None:
            IndicatorResult.objects.get_or_create(
                force=force,
                indicator=indicator,
                year=programme.year - 2,
                defaults={"value": read.previous_value, "source": source},
            )
        PublishedIndicatorCall.objects.create(
            area=area,
            indicator=indicator,
            vs_msf=read.published_vs_msf or "",
            vs_previous=read.published_vs_previous or "",
        )


def _distribution_save(programme, framework, record: AreaRecord) -> list[ImportWarning]:
    warnings = []
    for label, count in record.distribution.items():
        grade = _grade(programme, label)
        row, created = GradeDistribution.objects.get_or_create(
            programme=programme,
            framework=framework,
            grade=grade,
            defaults={"forces": count, "source": "Published force report"},
        )
        if not created and row.forces != count:
            warnings.append(
                ImportWarning(
                    record.line,
                    f"{framework.name}: the national distribution prints {count} forces at "
                    f"'{label}' but {row.forces} were recorded before; the earlier figure is kept",
                )
            )
    return warnings
