"""Every row a force report prints, read in a fixed number of queries.

Each table is read once for the whole inspection and grouped in Python, as the JSON export
does (reports/exporting.py), so a report of ten criteria and one of a hundred cost the same.
"""

from collections import defaultdict

from django.db.models import Max, Prefetch

from forces.models import CommandUnit, PartnershipArea
from grading.models import Criterion, GradeLevel, Indicator, criteria_tree_order
from inspections.models import (
    AreaAssessment,
    CriterionAssessment,
    DevelopingPractice,
    FollowUp,
    GlossaryTerm,
    GradeDistribution,
    Inspection,
    InspectionGlossaryEntry,
    OverviewTable,
)
from inspections.outcomes import inspection_outcomes
from inspections.permissions import RELEASED_AREAS
from inspections.selectors.evidence import criterion_evidence
from reports.texts import report_texts


class ForceReportRows:
    """The inspection, its (visible) areas and everything printed about them."""

    def __init__(self, *, inspection_id: int, released_only: bool):
        self.inspection = Inspection.objects.select_related("force", "programme__scheme").get(
            pk=inspection_id
        )
        self.programme = self.inspection.programme
        # The programme has no date of its own: its reports come out when its inspections do,
        # so its publication date is the latest of theirs (the national report's month too).
        self.programme_published_on = Inspection.objects.filter(programme=self.programme).aggregate(
            latest=Max("publication_date")
        )["latest"]
        self._load_areas(released_only)
        self._load_criteria()
        self._load_evidence()
        self._load_reference()
        self._load_overview()
        self._load_follow_ups(released_only)
        self._load_appendices()
        self.outcomes = inspection_outcomes(inspection=self.inspection)

    def _load_areas(self, released_only: bool) -> None:
        areas = AreaAssessment.objects.filter(inspection=self.inspection)
        if released_only:
            # A liaison's draft: the areas not yet released to the force are left out
            # entirely, so nothing of them (grade, evidence, practice) is read.
            areas = areas.filter(status__in=RELEASED_AREAS)
        self.areas = list(
            areas.select_related("framework", "final_grade", "proposed_grade").order_by(
                "order", "pk"
            )
        )
        self.area_ids = [area.pk for area in self.areas]
        self.framework_ids = [area.framework_id for area in self.areas]

    def _load_criteria(self) -> None:
        indicators = Prefetch("indicators", queryset=Indicator.objects.order_by("order", "code"))
        criteria = (
            Criterion.objects.filter(framework__in=self.framework_ids)
            .select_related("parent__parent")
            .prefetch_related(indicators)
            .order_by("framework_id", *criteria_tree_order(), "pk")
        )
        self.criteria = defaultdict(list)
        for criterion in criteria:
            self.criteria[criterion.framework_id].append(criterion)
        assessments = CriterionAssessment.objects.filter(area__in=self.area_ids)
        self.assessments = {(row.area_id, row.criterion_id): row for row in assessments}

    def _load_evidence(self) -> None:
        self.evidence = criterion_evidence(areas=self.area_ids)

    def _load_reference(self) -> None:
        self.texts = report_texts(programme=self.programme)
        self.levels = list(
            GradeLevel.objects.filter(scheme=self.programme.scheme_id).order_by("rank")
        )
        distribution = GradeDistribution.objects.filter(
            programme=self.programme, framework__in=self.framework_ids
        ).select_related("grade")
        self.distribution = defaultdict(list)
        for row in distribution.order_by("framework_id", "grade__rank"):
            self.distribution[row.framework_id].append(row)

    def _load_overview(self) -> None:
        self.tables = list(
            OverviewTable.objects.filter(inspection=self.inspection).order_by("order", "pk")
        )
        areas = PartnershipArea.objects.order_by("order", "name")
        self.units = list(
            CommandUnit.objects.filter(force=self.inspection.force_id)
            .order_by("order", "name")
            .prefetch_related(Prefetch("partnership_areas", queryset=areas))
        )

    def _load_follow_ups(self, released_only: bool) -> None:
        """Follow-ups under the visible areas' criteria, by area; those under the inspection
        as a whole only in the full report (a liaison's draft holds released areas alone)."""
        follow_ups = (
            FollowUp.objects.filter(inspection=self.inspection)
            .select_related("criterion_assessment", "source_inspection__programme")
            .order_by("order")
        )
        self.follow_ups_by_area = defaultdict(list)
        self.follow_ups_whole = []
        for follow_up in follow_ups:
            if follow_up.criterion_assessment_id is None:
                if not released_only:
                    self.follow_ups_whole.append(follow_up)
            elif follow_up.criterion_assessment.area_id in self.area_ids:
                self.follow_ups_by_area[follow_up.criterion_assessment.area_id].append(follow_up)

    def _load_appendices(self) -> None:
        self.practice = list(
            DevelopingPractice.objects.filter(
                inspection=self.inspection,
                framework__in=self.framework_ids,
                selected_for_publication=True,
            )
            .select_related("framework")
            .order_by("framework_id", "title", "pk")
        )
        self.printed_glossary = list(
            InspectionGlossaryEntry.objects.filter(inspection=self.inspection).order_by(
                "order", "pk"
            )
        )
        # Read even when a printed glossary exists, so the number of queries never varies.
        self.glossary_terms = list(GlossaryTerm.objects.order_by("abbreviation"))
