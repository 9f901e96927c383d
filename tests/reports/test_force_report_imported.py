"""The shared published reports, imported, render again as force reports of the same shape."""

import re
from pathlib import Path

import pytest

from inspections.models import Inspection
from reports.importer.service import report_import
from reports.rendering.engine import html_to_pdf
from reports.rendering.force import force_report_document
from tests.conftest import require_service
from tests.reports.force_report_support import ids_and_links, normalised
from tests.reports.render_support import pdf_reader

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
FORCE_2008 = SEEDS / "staffordshire-2008-np-dcfp.txt"
FORCE_2007 = SEEDS / "staffordshire-2007-np-pm-pvp.txt"

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeds():
    require_service(FORCE_2008.exists(), f"the shared seed reports are not at {SEEDS}")


def _imported(path: Path, **kwargs) -> Inspection:
    result = report_import(data=path.read_bytes(), source_name=path.name, **kwargs)
    return Inspection.objects.get(pk=result.inspection_id)


def _grade_boxes(html: str) -> list[str]:
    """The text each grade box shows (its caption is hidden, for assistive technology)."""
    boxes = re.findall(r'<table class="grade-box.*?</table>', html, re.S)
    shown = [re.sub(r"<caption.*?</caption>", "", box, flags=re.S) for box in boxes]
    return [normalised(re.sub(r"<[^>]+>", " ", box)).strip() for box in shown]


def _glossary(html: str) -> list[str]:
    part = html[html.index('id="appendix-glossary"') : html.index('id="appendix-practice"')]
    return re.findall(r"<dt>(.*?)</dt>", part)


def test_2008_report_prints_its_criteria_grades_indicators_and_glossary(reference, seeds):
    inspection = _imported(FORCE_2008)
    document = force_report_document(inspection_id=inspection.pk)
    html = document.html

    assert document.draft is False and "draft-watermark" not in html
    assert "September 2008" in html and "ISBN: 978-1-84726-804-4" in html
    boxes = _grade_boxes(html)
    assert boxes == [
        "2007/08 Neighbourhood Policing – Summary of judgement Meeting the standard",
        "2007/08 Developing Citizen Focus Policing – Summary of judgement Meeting the standard",
    ]
    for heading in [
        "Neighbourhoods are appropriately staffed.",
        "The force demonstrates sustainable plans for Neighbourhood Policing.",
        "The force can demonstrate that the relevant SPIs remain stable as a minimum.",
    ]:
        assert heading in html
    assert 'data-indicator="SPI 2a"' in html and "47.1%" in html
    assert "Annual force and BCU awards" in html
    glossary = _glossary(html)
    assert glossary[:3] == ["ACR", "ACPO", "ASB"] and "SPI" in glossary
    ids, links = ids_and_links(html)
    assert set(links) <= ids


def test_2008_report_pdf_has_a_sane_number_of_pages(reference, seeds, capsys):
    inspection = _imported(FORCE_2008)
    rendered = html_to_pdf(force_report_document(inspection_id=inspection.pk).html)
    pages = [normalised(page.extract_text()) for page in pdf_reader(rendered.pdf).pages]

    with capsys.disabled():
        print(f"\nImported 2008 Staffordshire report: {rendered.pages} pages")
    # The published report has about 30 pages; ours sets the same text a little differently.
    assert 20 <= rendered.pages <= 60
    assert not any("DRAFT" in page for page in pages)
    assert "Staffordshire Police" in pages[2] and f"Page 3 of {rendered.pages}" in pages[2]
    assert "Meeting the standard" in " ".join(pages)


def test_2007_report_prints_four_point_grades_and_national_distribution(reference, seeds):
    inspection = _imported(FORCE_2007)
    html = force_report_document(inspection_id=inspection.pk).html

    boxes = _grade_boxes(html)
    assert boxes[:2] == [
        "Neighbourhood Policing – Summary of judgement Excellent",
        "Performance Management – Summary of judgement Excellent",
    ]
    assert [box.rsplit(" ", 1)[-1] for box in boxes[2:]] == ["Good", "Good", "Fair", "Fair"]
    # The ungraded PVP overview has no grade box: six boxes for seven areas.
    assert html.count('<section class="area"') == 7 and len(boxes) == 6
    table = html[html.index('id="summary-of-judgements"') :]
    assert re.search(r"Child Abuse</th><td>Good</td>\s*<td class=\"num\">3</td>", table)
    assert 'class="distribution-chart"' in html
    assert "Staffordshire Police aims to deliver" in html


def test_2007_report_pdf_has_a_sane_number_of_pages(reference, seeds, capsys):
    inspection = _imported(FORCE_2007)
    rendered = html_to_pdf(force_report_document(inspection_id=inspection.pk).html)

    with capsys.disabled():
        print(f"\nImported 2007 Staffordshire report: {rendered.pages} pages")
    assert 15 <= rendered.pages <= 60


def test_identical_imports_give_the_same_data_hash(reference, seeds):
    first = force_report_document(inspection_id=_imported(FORCE_2008).pk)
    again = force_report_document(inspection_id=_imported(FORCE_2008, replace=True).pk)

    assert first.data_hash == again.data_hash
