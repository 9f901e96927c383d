"""Builders for the export tests: evidence in criteria, written in our own words."""

import json

import jsonschema

from inspections.models import CriterionAssessment, DevelopingPractice, EvidenceKind
from reports.exporting import SCHEMA_PATH
from tests.factories import EvidenceItemFactory, UserFactory


def schema_validate(document: dict) -> None:
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator(schema).validate(document)


def leaf(inspection, code: str, number: str) -> CriterionAssessment:
    """The criterion assessment of framework `code` whose criterion number is `number`."""
    rows = CriterionAssessment.objects.filter(
        area__inspection=inspection, area__framework__code=code
    ).select_related("criterion__parent__parent")
    return next(row for row in rows if row.criterion.number == number)


def item(assessment, text, *, order, kind=EvidenceKind.STRENGTH, parent=None, **fields):
    return EvidenceItemFactory(
        criterion_assessment=assessment, kind=kind, order=order, text=text, parent=parent, **fields
    )


def practice(inspection, title, *, code="np", **fields):
    values = {
        "problem": "Calls about noisy parties went unanswered at weekends.",
        "solution": "A weekend rota shared with the council's noise team.",
        "contact": "Sergeant Example, 01000 000000",
        "submitted_by": UserFactory(),
        **fields,
    }
    return DevelopingPractice.objects.create(
        inspection=inspection,
        framework=inspection.programme.frameworks.get(code=code),
        title=title,
        **values,
    )


def fill(inspection, *, items_per_list: int = 1) -> None:
    """Evidence with a sub-point in every list of every criterion, and a practice per area."""
    rows = CriterionAssessment.objects.filter(area__inspection=inspection).select_related(
        "area__framework"
    )
    for row in rows:
        row.statement = "First graded sentence.\n\nSecond graded sentence."
        row.save()
        for kind in EvidenceKind:
            for order in range(1, items_per_list + 1):
                parent = item(row, f"{kind} point {order}", order=order, kind=kind, lead="Lead")
                item(row, f"{kind} detail {order}", order=1, kind=kind, parent=parent)
    for area in inspection.areas.select_related("framework"):
        practice(inspection, f"Practice in {area.framework.name}", code=area.framework.code)
