"""The synthetic reports in `fixtures/` and helpers for the importer tests.

The three fixtures hold the same invented 2008 report of Cumbria Constabulary, line for line,
in three mark-ups: markdown, HTML fragments and plain text. Keeping the lines aligned means a
warning names the same line number in each.
"""

import re
from pathlib import Path

from inspections.models import (
    AreaAssessment,
    CriterionAssessment,
    DevelopingPractice,
    EvidenceItem,
    Inspection,
    InspectionGlossaryEntry,
    PublishedIndicatorCall,
)
from reports.importer.service import ImportResult, report_import
from reports.models import ReportImport

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MARKDOWN = "synthetic-markdown.md.txt"
HTML = "synthetic-html.txt"
PLAIN = "synthetic-plain.txt"
VARIANTS = (MARKDOWN, HTML, PLAIN)
# Plain text has no emphasis, so it cannot carry an item's lead phrase apart from its text.
EMPHASISED = (MARKDOWN, HTML)

FORCE = "Cumbria"
NP = "Neighbourhood Policing"
DCFP = "Developing Citizen Focus Policing"
INFERRED_HEADING = "Neighbourhoods are appropriately staffed."
# The 'Summary statement' line that opens the first Neighbourhood Policing criterion, whose
# heading the report leaves out.
INFERRED_LINE = 56

ROW_MODELS = {
    "inspections": Inspection,
    "areas": AreaAssessment,
    "criteria": CriterionAssessment,
    "evidence": EvidenceItem,
    "practice": DevelopingPractice,
    "glossary": InspectionGlossaryEntry,
    "published_calls": PublishedIndicatorCall,
    "imports": ReportImport,
}


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def import_fixture(name: str, *, user, **options) -> ImportResult:
    return report_import(data=fixture_bytes(name), source_name=name, user=user, **options)


def truncated_after_first_area(name: str = MARKDOWN) -> bytes:
    """The report cut just before the title of its second area."""
    lines = fixture_bytes(name).decode().splitlines(keepends=True)
    box = next(i for i, line in enumerate(lines) if f"{DCFP} Summary of judgement" in line)
    return "".join(lines[: box - 1]).encode()


def truncated_before_practice_appendix(name: str = MARKDOWN) -> bytes:
    lines = fixture_bytes(name).decode().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if "Appendix 2: Developing Practice" in line)
    # The contents list names the appendix too; cut at its second mention, the appendix itself.
    start = next(i for i, line in enumerate(lines) if i > start and "Appendix 2:" in line)
    return "".join(lines[:start]).encode()


def row_counts() -> dict[str, int]:
    return {name: model.objects.count() for name, model in ROW_MODELS.items()}


def comparable(value):
    """A document with every database id left out, so two imports can be compared."""
    if isinstance(value, dict):
        return {
            key: comparable(item)
            for key, item in value.items()
            if key != "id" and not key.endswith("_id")
        }
    if isinstance(value, list):
        return [comparable(item) for item in value]
    return value


def _folded(item: dict) -> dict:
    text = " ".join(part for part in (item["lead"], item["text"]) if part)
    return {
        **item,
        "lead": None,
        "text": re.sub(r"\s+", " ", text).strip(),
        "children": [_folded(child) for child in item["children"]],
    }


def leads_folded(document: dict) -> dict:
    """The document as plain text would carry it: each lead phrase run into its item's text."""
    areas = []
    for area in document["areas"]:
        criteria = [
            {
                **criterion,
                **{
                    kind: [_folded(item) for item in criterion[kind]]
                    for kind in ("strengths", "work_in_progress", "areas_for_improvement")
                },
            }
            for criterion in area["criteria"]
        ]
        areas.append({**area, "criteria": criteria})
    return {**document, "areas": areas}


def area(document: dict, name: str) -> dict:
    return next(area for area in document["areas"] if area["name"] == name)


def criterion(document: dict, area_name: str, position: int) -> dict:
    """The area's leaf criterion at `position`, counting from 1 in framework order."""
    return area(document, area_name)["criteria"][position - 1]


def texts(items: list[dict]) -> list[str]:
    return [item["text"] for item in items]
