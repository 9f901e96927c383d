"""Helpers of the national report and recommendation tests: grading areas, publishing
inspections, practice entries, and reading rows back out of the report's HTML."""

import re
from pathlib import Path

from grading.models import Framework
from inspections.models import DevelopingPractice, InspectionStatus, Recommendation
from tests.inspections.national_support import (  # noqa: F401 (shared with the report tests)
    EXCEEDS,
    FAILS,
    MEETS,
    grade_area,
    level,
    print_grade,
)

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
THEMATIC = SEEDS / "thematic-2008-np-dcfp.txt"


def publish(inspection, np: str = MEETS, dcfp: str = MEETS):
    """Both areas published with these grades, and the inspection with them."""
    grade_area(inspection, "np", np)
    grade_area(inspection, "dcfp", dcfp)
    inspection.status = InspectionStatus.PUBLISHED
    inspection.save()
    return inspection


def recommend(programme, number: int, text: str, addressed_to: str = "") -> Recommendation:
    return Recommendation.objects.create(
        programme=programme, number=number, text=text, addressed_to=addressed_to
    )


def practice(inspection, code: str, title: str, *, selected=True, **texts) -> DevelopingPractice:
    fields = {"problem": "A problem.", "solution": "A solution.", "contact": "A contact."}
    fields.update(texts)
    return DevelopingPractice.objects.create(
        inspection=inspection,
        framework=Framework.objects.get(code=code, version=str(inspection.programme.year)),
        title=title,
        selected_for_publication=selected,
        submitted_by=inspection.team.first(),
        **fields,
    )


def _text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def force_rows(html: str) -> list[str]:
    return re.findall(r'<tr data-force="([^"]+)">', html)


def force_cells(html: str, force_name: str) -> list[str]:
    found = re.search(rf'<tr data-force="{re.escape(force_name)}">(.*?)</tr>', html, re.S)
    assert found, f"no row for {force_name}"
    return [_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)]


def distribution_cells(html: str, code: str, published: bool = False) -> list[str]:
    attribute = "data-area-published" if published else "data-area"
    found = re.search(rf'<tr[^>]*{attribute}="{code}">(.*?)</tr>', html, re.S)
    assert found, f"no distribution row for {code}"
    return [_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)]


def section(html: str, section_id: str) -> str:
    """The HTML of one top-level section of the report, up to the next one."""
    start = html.index(f'id="{section_id}"')
    following = html.find('<section class="national-section"', start)
    return html[start : following if following != -1 else len(html)]
