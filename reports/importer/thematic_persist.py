"""Saving a national report's programme-level records, in one transaction."""

import datetime

from django.db import transaction

from forces.models import Force
from grading.models import Framework, GradeLevel
from inspections.addressees import addressees_from_words
from inspections.models import (
    AddresseeBody,
    GlossaryTerm,
    Programme,
    PublishedGrade,
    Recommendation,
)
from reports.importer.catalogue import Catalogue
from reports.importer.errors import ImportRefused
from reports.importer.structures import ThematicReport
from reports.models import ImportKind, ReportImport


def _refuse_duplicate(programme: Programme, replace: bool) -> bool:
    earlier = ReportImport.objects.filter(programme=programme, kind=ImportKind.THEMATIC).first()
    if earlier is not None and not replace:
        raise ImportRefused(
            f"The national report of the {programme.year} programme was already imported "
            f"(on {earlier.imported_at:%d %B %Y}). Use --replace to replace that import."
        )
    if earlier is None:
        return False
    programme.recommendations.all().delete()
    programme.published_grades.all().delete()
    return True


@transaction.atomic
def thematic_report_save(
    *, report: ThematicReport, programme: Programme, catalogue: Catalogue, user, replace: bool
) -> dict:
    """Save the national report's records. Call it from report_import, which takes the
    import's turn first (reports.importer.locks)."""
    replaced = _refuse_duplicate(programme, replace)
    bodies = {body.slug: body for body in AddresseeBody.objects.all()}
    for record in report.recommendations:
        to_all_forces, slugs = addressees_from_words(record.addressed_to)
        recommendation = Recommendation.objects.create(
            programme=programme,
            number=record.number,
            text=record.text,
            addressed_to=record.addressed_to[:300],
            to_all_forces=to_all_forces,
            updated_by=user,
        )
        recommendation.bodies.set([bodies[slug] for slug in slugs if slug in bodies])
    _publication_date_save(report, programme)
    saved = _grades_save(report, programme, catalogue)
    added = 0
    for abbreviation, meaning in report.glossary:
        _, created = GlossaryTerm.objects.get_or_create(
            abbreviation=abbreviation[:30], defaults={"meaning": meaning[:250]}
        )
        added += created
    return {"published_grades": saved, "glossary_terms_added": added, "replaced": replaced}


def _publication_date_save(report: ThematicReport, programme: Programme) -> None:
    """The report prints its month of publication; responses to its recommendations are due
    counting from it (the first of that month), unless an administrator set another date."""
    if programme.national_published_on is None and 1 <= report.month <= 12 and report.year:
        programme.national_published_on = datetime.date(report.year, report.month, 1)
        programme.save(update_fields=["national_published_on"])


def _grades_save(report: ThematicReport, programme: Programme, catalogue: Catalogue) -> int:
    forces = {f.name: f for f in Force.objects.all()}
    frameworks = {
        area.name: Framework.objects.get(code=area.code, version=area.version)
        for area in catalogue.areas
    }
    levels = {g.label: g for g in GradeLevel.objects.filter(scheme=programme.scheme)}
    saved = 0
    for force_name, grades, line in report.grades:
        for area_name, printed in grades.items():
            area = catalogue.area_named(area_name)
            label = catalogue.grade_label(printed)
            if label is None:
                raise ImportRefused(f"Line {line}: '{printed}' is not a grade of this programme.")
            PublishedGrade.objects.create(
                programme=programme,
                force=forces[force_name],
                framework=frameworks[area.name],
                grade=levels[label],
                source=f"National report, {programme.year}",
            )
            saved += 1
    return saved
