"""Builders and readers for the force report tests (text in our own words)."""

import re
from html.parser import HTMLParser

from grading.models import GradeLevel
from inspections.models import (
    AreaAssessment,
    AssessmentStatus,
    DevelopingPractice,
    EvidenceKind,
    InspectionStatus,
)
from reports.rendering.force import force_report_document
from tests.reports.export_support import fill, item, leaf, practice

__all__ = [
    "area_of",
    "fill",
    "grade",
    "hostile_evidence",
    "html_of",
    "ids_and_links",
    "item",
    "leaf",
    "normalised",
    "practice",
    "publish",
    "selected_practice",
]


def html_of(inspection, **kwargs) -> str:
    return force_report_document(inspection_id=inspection.pk, **kwargs).html


def area_of(inspection, code: str) -> AreaAssessment:
    return inspection.areas.get(framework__code=code)


def grade(label: str) -> GradeLevel:
    return GradeLevel.objects.get(label=label)


def publish(inspection) -> None:
    inspection.status = InspectionStatus.PUBLISHED
    inspection.save()
    inspection.areas.update(status=AssessmentStatus.PUBLISHED)


def selected_practice(inspection, title: str, *, code: str = "np", **fields) -> DevelopingPractice:
    return practice(inspection, title, code=code, selected_for_publication=True, **fields)


def normalised(text: str) -> str:
    """Whitespace collapsed, so words split over lines (PDF text) still match."""
    return re.sub(r"\s+", " ", text)


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and (values.get("href") or "").startswith("#"):
            self.links.append(values["href"][1:])


def ids_and_links(html: str) -> tuple[set[str], list[str]]:
    """Every element id in the page, and every in-page link target, in order."""
    parser = _Anchors()
    parser.feed(html)
    return parser.ids, parser.links


def hostile_evidence(inspection, text: str, *, lead: str = "") -> None:
    assessment = leaf(inspection, "np", "1.1")
    item(assessment, text, order=1, kind=EvidenceKind.STRENGTH, lead=lead)
