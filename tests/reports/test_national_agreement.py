"""The national grades page, its CSV and the national report show the same cell for the same
data wherever their readers should agree: inspectorate staff beside a draft report, and any
signed-in user once the report is final (every inspection published)."""

import csv
import io
import re

import pytest
from django.urls import reverse

from forces.models import Force
from inspections.models import AssessmentStatus
from reports.rendering.national import national_report_document
from tests.inspections.national_support import page, row
from tests.reports.national_support import (
    EXCEEDS,
    FAILS,
    MEETS,
    force_cells,
    grade_area,
    level,
    print_grade,
    publish,
)

pytestmark = pytest.mark.django_db

FORCES = ["Force A", "Force B", "Staffordshire"]


def _report(programme) -> str:
    return national_report_document(programme_id=programme.pk).html


def _page_cells(html: str, force: str) -> list[tuple[str, bool]]:
    """(grade label or "", is draft) per area, as the page shows them."""
    found = []
    for cell in re.findall(r"<td[^>]*>(.*?)</td>", row(html, force), re.S)[1:]:
        # The cell shows a short label and gives the full one to screen readers.
        label = re.search(
            r'national-grade">.*?<span class="govuk-visually-hidden">([^<]+)</span>', cell, re.S
        )
        found.append((label.group(1) if label else "", ">Draft<" in cell))
    return found


def _csv_rows(client) -> dict[str, list[str]]:
    response = client.get(reverse("inspections:national_grades_csv", args=[2008]))
    return {line[0]: line[2:] for line in csv.reader(io.StringIO(response.content.decode()))}


def _csv_cells(rows: dict[str, list[str]], force: str) -> list[tuple[str, bool]]:
    return [(text.removesuffix(" (draft)"), text.endswith(" (draft)")) for text in rows[force]]


def _report_cells(html: str, force: str) -> list[tuple[str, bool]]:
    labels = {grade.short_label: grade.label for grade in level(MEETS).scheme.levels.all()}
    found = []
    for text in force_cells(html, force):
        short, _, mark = text.partition(" ")
        found.append(("", False) if text == "not graded" else (labels[short], mark == "P"))
    return found


def _agreed_cells(client, programme) -> dict[str, list[tuple[str, bool]]]:
    """Per force, the cells the report prints, once checked against the page and the CSV
    the signed-in client gets."""
    html, csv_rows, report = page(client), _csv_rows(client), _report(programme)
    shown = {force: _report_cells(report, force) for force in FORCES}
    assert {force: _page_cells(html, force) for force in FORCES} == shown
    assert {force: _csv_cells(csv_rows, force) for force in FORCES} == shown
    return shown


@pytest.fixture
def drafting(programme_2008, inspection_a, inspection_b):
    """Force A: NP published, DCFP concluded but not published. Force B: NP released to the
    force, DCFP still drafting. Staffordshire: only a printed grade."""
    grade_area(inspection_a, "np", MEETS)
    grade_area(inspection_a, "dcfp", EXCEEDS, AssessmentStatus.NATIONALLY_MODERATED)
    grade_area(inspection_b, "np", FAILS, AssessmentStatus.RELEASED)
    print_grade(programme_2008, Force.objects.get(name="Staffordshire"), "np", FAILS)
    return programme_2008


def test_staff_see_on_the_page_and_in_the_csv_what_the_draft_report_prints(client, panel, drafting):
    client.force_login(panel)
    assert _agreed_cells(client, drafting) == {
        "Force A": [(MEETS, False), (EXCEEDS, True)],
        "Force B": [(FAILS, True), ("", False)],
        "Staffordshire": [(FAILS, False), ("", False)],
    }


def test_once_every_inspection_is_published_everyone_sees_what_the_report_prints(
    client, bob, programme_2008, inspection_a, inspection_b
):
    publish(inspection_a, np=MEETS, dcfp=EXCEEDS)
    publish(inspection_b, np=FAILS, dcfp=MEETS)
    print_grade(programme_2008, Force.objects.get(name="Staffordshire"), "dcfp", EXCEEDS)
    client.force_login(bob)
    assert _agreed_cells(client, programme_2008) == {
        "Force A": [(MEETS, False), (EXCEEDS, False)],
        "Force B": [(FAILS, False), (MEETS, False)],
        "Staffordshire": [("", False), (EXCEEDS, False)],
    }
