"""A force over time: its grade in every area of every programme, and its survey indicator
results year by year, for the force page.

Who sees a force's page: whoever sees every inspection (moderators, administrators), and
anyone else who may see one of the force's inspections; anyone else gets 404, as for the
indicator pages. Its grades follow the one rule for grades (`concluded_grades_visible`): a
published grade for everyone, a concluded one not yet published (marked Draft) only for those
who may see that area; otherwise the grade the national report printed. Five queries.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count
from django.http import Http404

from forces.models import Force
from grading.charts.trends import TrendSeries
from grading.models import GradeLevel, IndicatorResult
from inspections.models import AssessmentStatus, Inspection, PublishedGrade
from inspections.permissions import (
    concluded_grades_visible,
    sees_every_inspection,
    visible_inspection_ids,
)

PUBLISHED, DRAFT, PRINTED = "Published", "Draft", "As printed in the national report"


def force_get_for_user(*, user: AbstractBaseUser, slug: str) -> Force:
    force = Force.objects.select_related("region").filter(slug=slug).first()
    if force is None:
        raise Http404("No such force.")
    if sees_every_inspection(user):
        return force
    visible = Inspection.objects.filter(force=force, pk__in=visible_inspection_ids(user))
    if not visible.exists():
        raise Http404("No such force.")
    return force


@dataclass(frozen=True)
class GradeRow:
    year: int
    programme: str
    area: str
    grade: str
    rank: int
    levels: int
    source: str


def force_grades(*, user: AbstractBaseUser, force: Force) -> list[GradeRow]:
    """Each programme's graded areas for the force, oldest programme first."""
    found: dict[tuple[int, int], GradeRow] = {}
    # How many levels each scheme has (1 is the best), so a chart can place a grade.
    counted = GradeLevel.objects.values("scheme").annotate(n=Count("pk"))
    levels = dict(counted.values_list("scheme", "n"))
    printed = PublishedGrade.objects.filter(force=force).select_related(
        "programme", "framework", "grade"
    )
    for row in printed:
        found[(row.programme_id, row.framework_id)] = _row(
            row.programme, row.framework, row.grade, PRINTED, levels
        )
    areas = (
        concluded_grades_visible(user)
        .filter(inspection__force=force)
        .select_related("inspection__programme", "framework", "final_grade")
    )
    for area in areas:
        source = PUBLISHED if area.status == AssessmentStatus.PUBLISHED else DRAFT
        programme = area.inspection.programme
        found[(programme.pk, area.framework_id)] = _row(
            programme, area.framework, area.final_grade, source, levels
        )
    return sorted(found.values(), key=lambda row: (row.year, row.area))


def _row(programme, framework, grade, source: str, levels: dict[int, int]) -> GradeRow:
    return GradeRow(
        programme.year,
        programme.name,
        framework.name,
        grade.label,
        grade.rank,
        levels.get(grade.scheme_id, grade.rank),
        source,
    )


def force_indicator_series(*, force: Force) -> list[TrendSeries]:
    """Each indicator with results for the force, its values by data year."""
    results = (
        IndicatorResult.objects.filter(force=force)
        .select_related("indicator")
        .order_by("indicator__order", "indicator__code", "year")
    )
    series: dict[int, TrendSeries] = {}
    for result in results:
        indicator = result.indicator
        one = series.setdefault(
            indicator.pk, TrendSeries(indicator.code, indicator.name, values={})
        )
        one.values[result.year] = float(result.value)
    return list(series.values())
