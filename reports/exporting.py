"""The JSON export of an inspection, documented in `schemas/inspection-export.schema.json`.

The document is built in a fixed number of queries whatever the inspection's size: every
table is read once for the whole inspection and assembled in Python.
"""

import json
import re
from collections import defaultdict
from pathlib import Path

from django.db.models import Prefetch

from grading.models import Indicator, IndicatorResult, criteria_tree_order
from grading.reference.schemes import STANDARDS
from inspections.models import (
    AreaAssessment,
    CriterionAssessment,
    DevelopingPractice,
    EvidenceItem,
    EvidenceKind,
    FollowUp,
    GlossaryTerm,
    Inspection,
    InspectionGlossaryEntry,
    PublishedIndicatorCall,
)
from inspections.outcomes import inspection_outcomes
from inspections.selectors.evidence import criterion_evidence

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "inspection-export.schema.json"
LIST_KEYS = {
    EvidenceKind.STRENGTH: "strengths",
    EvidenceKind.WORK_IN_PROGRESS: "work_in_progress",
    EvidenceKind.AREA_FOR_IMPROVEMENT: "areas_for_improvement",
}
NO_CALLS = {"vs_msf": None, "vs_previous": None}


def _float(value) -> float | None:
    return None if value is None else float(value)


def _text_or_none(value: str) -> str | None:
    return value or None


def _area_name(framework) -> str:
    return f"{framework.group} – {framework.name}" if framework.group else framework.name


def _statements(statement: str) -> list[str]:
    return [part.strip() for part in statement.split("\n\n") if part.strip()]


class _Export:
    """Everything one inspection's document needs, loaded once, then assembled."""

    def __init__(self, inspection: Inspection, visible_areas):
        self.inspection = Inspection.objects.select_related("force", "programme__scheme").get(
            pk=inspection.pk
        )
        self.year = self.inspection.programme.year
        self._load_areas(visible_areas)
        self._load_evidence()
        self._load_indicators()
        self.practice = defaultdict(list)
        frameworks = [area.framework_id for area in self.areas]
        practices = DevelopingPractice.objects.filter(
            inspection=self.inspection, framework__in=frameworks
        )
        for practice in practices.order_by("pk"):
            self.practice[practice.framework_id].append(practice)
        self._load_follow_ups(whole=visible_areas is None)

    def _load_follow_ups(self, *, whole: bool) -> None:
        """Those under the exported areas' criteria, and those under the inspection as a
        whole only when every area is exported."""
        under_areas = FollowUp.objects.filter(criterion_assessment__area__in=self.area_ids)
        rows = FollowUp.objects.filter(inspection=self.inspection, criterion_assessment=None)
        rows = (rows | under_areas) if whole else under_areas
        self.follow_ups = list(
            rows.select_related(
                "source_inspection__programme",
                "criterion_assessment__area__framework",
                "criterion_assessment__criterion__parent__parent",
            ).order_by("order")
        )

    def _load_areas(self, visible_areas) -> None:
        indicators = Prefetch("framework__indicators", queryset=Indicator.objects.order_by("order"))
        areas = AreaAssessment.objects.filter(inspection=self.inspection)
        if visible_areas is not None:
            areas = areas.filter(pk__in=visible_areas)
        self.areas = list(
            areas.select_related("framework", "final_grade")
            .prefetch_related(indicators)
            .order_by("order", "pk")
        )
        # Every later read is limited to these areas, so a hidden area leaks nothing.
        self.area_ids = [area.pk for area in self.areas]
        # Leaves only: parent criteria are headings that group their children.
        criteria = (
            CriterionAssessment.objects.filter(
                area__in=self.area_ids, criterion__children__isnull=True
            )
            .select_related("criterion")
            .order_by("area_id", *criteria_tree_order("criterion__"))
        )
        self.criteria = defaultdict(list)
        for assessment in criteria:
            self.criteria[assessment.area_id].append(assessment)

    def _load_evidence(self) -> None:
        self.evidence = criterion_evidence(areas=self.area_ids)
        self.evidence_texts = [
            text for item in self.evidence.items for text in (item.lead, item.text)
        ]

    def _load_indicators(self) -> None:
        results = IndicatorResult.objects.filter(
            force=self.inspection.force_id, year__in=[self.year, self.year - 2]
        )
        self.results = {(result.indicator_id, result.year): result for result in results}
        published = PublishedIndicatorCall.objects.filter(area__in=self.area_ids)
        self.published = {(call.area_id, call.indicator_id): call for call in published}
        self.engine_calls = {
            (framework_id, row.indicator.pk): row.call
            for framework_id, outcome in inspection_outcomes(inspection=self.inspection).items()
            for row in outcome.rows
        }

    def document(self) -> dict:
        inspection = self.inspection
        published = inspection.publication_date
        return {
            "force": inspection.force.name,
            "programme": str(self.year),
            "published": published.strftime("%Y-%m") if published else None,
            "grading_scheme": (
                "standards" if inspection.programme.scheme.code == STANDARDS else "four-point"
            ),
            "areas": [self._area(area) for area in self.areas],
            "glossary": self._glossary(),
            "follow_ups": [self._follow_up(row) for row in self.follow_ups],
        }

    def _follow_up(self, follow_up: FollowUp) -> dict:
        placed = follow_up.criterion_assessment
        criterion = placed.criterion if placed else None
        return {
            "earlier_inspection": str(follow_up.source_inspection.programme.year),
            "earlier_area": follow_up.source_area,
            "earlier_criterion": _text_or_none(follow_up.source_criterion),
            "text": follow_up.text,
            "lead": _text_or_none(follow_up.lead),
            "sub_points": list(follow_up.sub_points),
            "area": _area_name(placed.area.framework) if placed else None,
            "criterion": (
                f"{criterion.number} {criterion.heading}"
                if criterion and not criterion.is_implicit
                else None
            ),
            "assessment": _text_or_none(follow_up.outcome),
            "evidence": _text_or_none(follow_up.evidence),
            "account": _text_or_none(follow_up.account),
            "assessed_at": follow_up.assessed_at.isoformat() if follow_up.assessed_at else None,
        }

    def _area(self, area: AreaAssessment) -> dict:
        framework = area.framework
        return {
            "name": _area_name(framework),
            "grade": area.final_grade.label if area.final_grade else None,
            "criteria": [self._criterion(row) for row in self.criteria[area.pk]],
            "indicators": [
                self._indicator(area, indicator)
                for indicator in framework.indicators.all()
                if (indicator.pk, self.year) in self.results
            ],
            "developing_practice": [
                {
                    "title": practice.title,
                    "problem": practice.problem,
                    "solution": practice.solution,
                    "outcomes": practice.outcomes,
                }
                for practice in self.practice[framework.pk]
            ],
        }

    def _criterion(self, assessment: CriterionAssessment) -> dict:
        criterion = assessment.criterion
        data = {
            "heading": None if criterion.is_implicit else criterion.heading,
            "summary_statements": _statements(assessment.statement),
        }
        for shown in self.evidence.lists(assessment.pk):
            data[LIST_KEYS[shown.kind]] = [self._item(item) for item in shown.items]
        return data

    def _item(self, item: EvidenceItem) -> dict:
        return {
            "text": item.text,
            "lead": _text_or_none(item.lead),
            "source": _text_or_none(item.source),
            "children": [self._item(child) for child in item.children],
        }

    def _indicator(self, area: AreaAssessment, indicator: Indicator) -> dict:
        current = self.results[(indicator.pk, self.year)]
        previous = self.results.get((indicator.pk, self.year - 2))
        published = self.published.get((area.pk, indicator.pk))
        call = self.engine_calls.get((area.framework_id, indicator.pk))
        return {
            "code": indicator.code,
            "value": float(current.value),
            "previous_value": _float(previous.value) if previous else None,
            "msf_difference": _float(current.msf_difference),
            "change": _float(current.change),
            "published_calls": (
                {
                    "vs_msf": _text_or_none(published.vs_msf),
                    "vs_previous": _text_or_none(published.vs_previous),
                }
                if published
                else dict(NO_CALLS)
            ),
            "calls": (
                {
                    "vs_msf": str(call.vs_msf) if call.vs_msf else None,
                    "vs_previous": str(call.vs_previous) if call.vs_previous else None,
                }
                if call
                else dict(NO_CALLS)
            ),
        }

    def _glossary(self) -> list[dict]:
        entries = InspectionGlossaryEntry.objects.filter(inspection=self.inspection)
        printed = [(entry.abbreviation, entry.meaning) for entry in entries.order_by("order")]
        if not printed:
            printed = self._glossary_used()
        return [{"abbreviation": abbr, "meaning": meaning} for abbr, meaning in printed]

    def _glossary_used(self) -> list[tuple[str, str]]:
        """The reference glossary's terms that the inspection's own text uses, alphabetically."""
        statements = [row.statement for rows in self.criteria.values() for row in rows]
        text = "\n".join(statements + self.evidence_texts)
        terms = sorted(GlossaryTerm.objects.all(), key=lambda term: term.abbreviation.casefold())
        return [
            (term.abbreviation, term.meaning)
            for term in terms
            # Whole words only, and case matters: "IT" is not "it", "NP" is not "NPIA".
            if re.search(rf"(?<!\w){re.escape(term.abbreviation)}(?!\w)", text)
        ]


def inspection_export(*, inspection: Inspection, visible_areas=None) -> dict:
    """The inspection as a JSON-able dict that validates against the export schema.

    `visible_areas` (area ids, or a subquery of them) limits the document to those areas;
    None exports them all. Invariants: criteria in framework tree order, evidence in report
    order, a fixed number of queries whatever the number of areas, criteria and items.
    """
    return _Export(inspection, visible_areas).document()


def inspection_export_json(*, inspection: Inspection, visible_areas=None) -> str:
    """The export as text: indented, non-ASCII characters kept as they are."""
    document = inspection_export(inspection=inspection, visible_areas=visible_areas)
    return json.dumps(document, indent=2, ensure_ascii=False)
