"""Helpers for the national grades tests: grading an area, printed grades, reading the table."""

import re

from django.urls import reverse

from grading.models import Framework, GradeLevel
from grading.reference.schemes import STANDARDS
from inspections.models import AreaAssessment, AssessmentStatus, PublishedGrade

MEETS = "Meeting the standard"
EXCEEDS = "Exceeding the standard"
FAILS = "Failing to meet the standard"


def level(label: str) -> GradeLevel:
    return GradeLevel.objects.get(scheme__code=STANDARDS, label=label)


def grade_area(inspection, code: str, label: str, status=AssessmentStatus.PUBLISHED):
    area = AreaAssessment.objects.get(inspection=inspection, framework__code=code)
    area.final_grade = level(label)
    area.status = status
    area.save()
    return area


def print_grade(programme, force, code: str, label: str) -> PublishedGrade:
    framework = Framework.objects.get(code=code, version=str(programme.year))
    return PublishedGrade.objects.create(
        programme=programme, force=force, framework=framework, grade=level(label)
    )


def page(client, query="", year=2008) -> str:
    response = client.get(reverse("inspections:national_grades", args=[year]) + query)
    assert response.status_code == 200
    return response.content.decode()


def forces_shown(html: str) -> list[str]:
    return re.findall(r'<tr class="govuk-table__row" data-force="([^"]+)">', html)


def row(html: str, force_name: str) -> str:
    pattern = rf'<tr class="govuk-table__row" data-force="{re.escape(force_name)}">(.*?)</tr>'
    found = re.search(pattern, html, re.S)
    assert found, f"no row for {force_name}"
    return found.group(1)


def cells(html: str, force_name: str) -> list[str]:
    """The row's grade cells as text, without the hidden words for screen readers."""
    hidden = r'<span class="govuk-visually-hidden">.*?</span>'
    text = re.sub(hidden, "", row(html, force_name), flags=re.S)
    parts = re.findall(r"<td[^>]*>(.*?)</td>", text, re.S)[1:]  # the first cell is the region
    return [" ".join(re.sub(r"<[^>]+>", " ", part).split()) for part in parts]
