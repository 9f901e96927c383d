"""Reads for the national grades table: every force's grade per area of a programme.

`national_rows` is the one rule for what a cell shows, on the page, in its CSV and in the
national report (reports.rendering.national_grades): the force's final grade from its own
inspection once the area is published (to every reader); a final grade the national panel
has concluded but not yet published, marked as a draft, only to readers who may see it
(`permissions.concluded_grades_visible`, which decides per area); otherwise the grade a
national report printed (PublishedGrade); otherwise nothing.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from forces.models import Force
from grading.models import Framework, GradeLevel
from inspections.models import (
    AssessmentStatus,
    GradeDistribution,
    Inspection,
    Programme,
    PublishedGrade,
)
from inspections.permissions import (
    GradeReader,
    concluded_grades_visible,
    visible_inspection_ids,
)

FROM_INSPECTION = "inspection"
FROM_REPORT = "report"


@dataclass(frozen=True)
class GradeCell:
    """One force's grade in one area, as `national_rows` decided it for a reader. A draft is
    a concluded grade not yet published (the national report calls it provisional)."""

    grade: GradeLevel | None = None
    is_draft: bool = False
    source: str = ""
    tone: str = ""

    @property
    def label(self) -> str:
        return self.grade.label if self.grade else ""

    @property
    def short_label(self) -> str:
        return (self.grade.short_label or self.grade.label) if self.grade else ""

    @property
    def text(self) -> str:
        """The cell as plain text (the CSV's): the grade, marked when it is a draft."""
        return f"{self.label} (draft)" if self.is_draft else self.label


@dataclass
class NationalRow:
    force: Force
    cells: list[GradeCell]


@dataclass
class DistributionRow:
    """One area: forces per grade level (best first) over the rows shown, and the figures a
    national report printed when there are any."""

    framework: Framework
    counts: list[int]
    not_graded: int
    drafts: int
    published: list[int | None] | None = None

    @property
    def total(self) -> int:
        return sum(self.counts) + self.not_graded


@dataclass
class NationalTable:
    frameworks: list[Framework]
    levels: list[GradeLevel]
    rows: list[NationalRow] = field(default_factory=list)
    distribution: list[DistributionRow] = field(default_factory=list)

    @property
    def has_published(self) -> bool:
        return any(area.published for area in self.distribution)


def graded_areas(*, programme: Programme) -> list[Framework]:
    """The programme's graded areas in the order its reports print them."""
    areas = (
        programme.areas.filter(framework__is_graded=True)
        .select_related("framework")
        .order_by("order")
    )
    return [area.framework for area in areas]


def grade_levels(*, programme: Programme) -> list[GradeLevel]:
    return list(GradeLevel.objects.filter(scheme_id=programme.scheme_id).order_by("rank"))


def national_forces(*, user: AbstractBaseUser, programme: Programme) -> QuerySet[Force]:
    """The rows: every territorial force, and a demo or training force only where it has
    something to show this user in the programme (an inspection they may see, a published
    area, or a grade a report printed), so a stranger does not learn of its inspection."""
    inspections = Inspection.objects.filter(programme=programme)
    shown = inspections.filter(
        Q(pk__in=visible_inspection_ids(user)) | Q(areas__status=AssessmentStatus.PUBLISHED)
    )
    printed = PublishedGrade.objects.filter(programme=programme)
    condition = (
        Q(is_fictional=False) | Q(pk__in=shown.values("force")) | Q(pk__in=printed.values("force"))
    )
    return Force.objects.filter(condition).select_related("region").order_by("name")


def _concluded_grades(
    *, reader: AbstractBaseUser | GradeReader, programme: Programme, force_ids, framework_ids
) -> dict:
    """(force id, framework id) -> (final grade id, is draft) for the concluded grades of a
    programme that `reader` may see; one query."""
    areas = concluded_grades_visible(reader).filter(
        inspection__programme=programme,
        inspection__force_id__in=force_ids,
        framework_id__in=framework_ids,
    )
    rows = areas.order_by().values_list(
        "inspection__force_id", "framework_id", "status", "final_grade_id"
    )
    return {
        (force_id, framework_id): (grade_id, status != AssessmentStatus.PUBLISHED)
        for force_id, framework_id, status, grade_id in rows
    }


def _printed_grades(*, programme, force_ids, framework_ids) -> dict:
    printed = (
        PublishedGrade.objects.filter(
            programme=programme, force_id__in=force_ids, framework_id__in=framework_ids
        )
        .order_by()
        .values_list("force_id", "framework_id", "grade_id")
    )
    return {(force_id, framework_id): grade_id for force_id, framework_id, grade_id in printed}


def grade_tones(levels: list[GradeLevel]) -> dict[int, str]:
    """Tones from best (green) to worst (red), whatever the number of levels (the grade cell
    turns each into a govuk-tag colour: national_tags.tone_tag)."""
    palettes = {1: ["success"], 2: ["success", "danger"], 3: ["success", "primary", "danger"]}
    palette = palettes.get(len(levels), ["success", "primary", "warning", "danger"])
    last = len(palette) - 1
    tones = {}
    for index, level in enumerate(levels):
        position = round(index * last / max(len(levels) - 1, 1))
        tones[level.pk] = palette[position]
    return tones


def national_rows(
    *,
    reader: AbstractBaseUser | GradeReader,
    programme: Programme,
    forces: list[Force],
    frameworks: list[Framework],
    levels: list[GradeLevel],
) -> list[NationalRow]:
    """A row per force with a cell per area, as `reader` may see them (a signed-in user for
    the page and its CSV, GradeReader.INSPECTORATE for the national report), in two queries
    whatever the number of forces."""
    force_ids = [force.pk for force in forces]
    framework_ids = [framework.pk for framework in frameworks]
    own = _concluded_grades(
        reader=reader, programme=programme, force_ids=force_ids, framework_ids=framework_ids
    )
    printed = _printed_grades(programme=programme, force_ids=force_ids, framework_ids=framework_ids)
    by_id = {level.pk: level for level in levels}
    tones = grade_tones(levels)

    def cell(key: tuple[int, int]) -> GradeCell:
        # A grade outside the programme's scheme cannot be counted, so it is not shown.
        grade_id, is_draft = own.get(key, (None, False))
        if grade_id in by_id:
            return GradeCell(by_id[grade_id], is_draft, FROM_INSPECTION, tones[grade_id])
        grade_id = printed.get(key)
        if grade_id in by_id:
            return GradeCell(by_id[grade_id], False, FROM_REPORT, tones[grade_id])
        return GradeCell()

    return [
        NationalRow(force, [cell((force.pk, framework.pk)) for framework in frameworks])
        for force in forces
    ]


def _published_distribution(*, programme, frameworks, levels) -> dict[int, list[int | None]]:
    printed = (
        GradeDistribution.objects.filter(programme=programme, framework__in=frameworks)
        .order_by()
        .values_list("framework_id", "grade_id", "forces")
    )
    figures: dict[int, dict[int, int]] = {}
    for framework_id, grade_id, forces in printed:
        figures.setdefault(framework_id, {})[grade_id] = forces
    return {
        framework_id: [by_grade.get(level.pk) for level in levels]
        for framework_id, by_grade in figures.items()
    }


def grade_distribution(
    *,
    programme: Programme,
    rows: list[NationalRow],
    frameworks: list[Framework],
    levels: list[GradeLevel],
) -> list[DistributionRow]:
    """Per area, forces per grade over the rows shown (drafts included where shown), beside
    the national figures a report printed, in one query."""
    published = _published_distribution(programme=programme, frameworks=frameworks, levels=levels)
    position = {level.pk: index for index, level in enumerate(levels)}
    distribution = []
    for column, framework in enumerate(frameworks):
        counts, not_graded, drafts = [0] * len(levels), 0, 0
        for row in rows:
            cell = row.cells[column]
            if cell.grade is None:
                not_graded += 1
                continue
            counts[position[cell.grade.pk]] += 1
            drafts += cell.is_draft
        distribution.append(
            DistributionRow(framework, counts, not_graded, drafts, published.get(framework.pk))
        )
    return distribution


def national_table(
    *, user: AbstractBaseUser, programme: Programme, forces: list[Force]
) -> NationalTable:
    """The whole page's data for the forces shown: areas, grade levels, rows, distribution."""
    frameworks = graded_areas(programme=programme)
    levels = grade_levels(programme=programme)
    rows = national_rows(
        reader=user, programme=programme, forces=forces, frameworks=frameworks, levels=levels
    )
    distribution = grade_distribution(
        programme=programme, rows=rows, frameworks=frameworks, levels=levels
    )
    return NationalTable(frameworks, levels, rows, distribution)
