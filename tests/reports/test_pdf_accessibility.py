"""Report PDFs are tagged PDF/UA-1 documents: a structure tree in reading order, the language and
title, an outline with every inspection area, page furniture as artifacts, tables with captions
and header cells, charts with their figures as text."""

import html as html_lib
import re
from pathlib import Path

import pytest

from forces.models import Force
from inspections.models import Inspection
from inspections.services import inspection_create
from reports.importer.service import report_import
from reports.rendering import engine
from reports.rendering.document import REPORT_AUTHOR
from reports.rendering.engine import html_to_pdf
from reports.rendering.force import force_report_document
from reports.rendering.force_sections import area_name
from reports.rendering.national import national_report_document
from reports.rendering.national_data import national_report_data
from tests.conftest import require_service
from tests.inspections.outcome_support import like_staffordshire
from tests.reports.accessibility_support import (
    TreeText,
    accessibility_problems,
    drawn_text,
    elements,
    marked_text,
    outline,
    structure_tree,
)
from tests.reports.force_report_support import fill
from tests.reports.national_support import EXCEEDS, MEETS, grade_area, practice, recommend
from tests.reports.render_support import pdf_reader

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
FORCE_2007 = SEEDS / "staffordshire-2007-np-pm-pvp.txt"

pytestmark = pytest.mark.django_db


@pytest.fixture
def staffordshire(programme_2008, hmi):
    """A draft 2008 report with evidence in every list and survey indicators (so charts)."""
    force = Force.objects.get(name="Staffordshire")
    like_staffordshire(force)
    inspection = inspection_create(force=force, programme=programme_2008, lead=hmi)
    fill(inspection)
    return inspection


@pytest.fixture
def national(programme_2008, inspection_a, inspection_b):
    grade_area(inspection_a, "np", MEETS)
    grade_area(inspection_b, "dcfp", EXCEEDS)
    practice(inspection_a, "np", "Street surgeries")
    recommend(programme_2008, 1, "Forces should publish their neighbourhood priorities.")
    return programme_2008


def _force_areas(inspection) -> list[str]:
    areas = inspection.areas.select_related("framework").order_by("order")
    return [area_name(area.framework) for area in areas]


def _national_areas(programme) -> list[str]:
    areas = national_report_data(programme_id=programme.pk)["areas"]
    return [f"{a['group']} – {a['name']}" if a["group"] else a["name"] for a in areas]


def _contents_entries(html: str) -> list[str]:
    """The first-level entries of the force report's contents page."""
    contents = html[html.index('<ul class="toc">') : html.index("</nav>")]
    items = re.findall(r'<li(?: class="([^"]*)")?><a href="#[^"]*">(.*?)</a></li>', contents)
    return [html_lib.unescape(text) for css, text in items if css != "toc-sub"]


def _letters(text: str) -> str:
    # Case folded: some headings are printed in capitals (text-transform).
    return re.sub(r"[^a-z]", "", text.casefold())


def _headings(html: str) -> list[str]:
    """The text of every heading of the HTML, in document order."""
    found = re.findall(r"<h([1-6])\b[^>]*>(.*?)</h\1>", html, re.S)
    return [html_lib.unescape(re.sub(r"<[^>]+>", " ", text)) for _, text in found]


def _titles(entries) -> list[str]:
    return [entry.title for entry in entries]


def _every_title(entries) -> list[str]:
    return [t for entry in entries for t in [entry.title, *_every_title(entry.children)]]


# Force report ------------------------------------------------------------------------------


def test_force_report_is_tagged_pdf_ua_titled_in_english_with_its_areas_in_the_outline(
    staffordshire,
):
    document = force_report_document(inspection_id=staffordshire.pk)
    rendered = html_to_pdf(document.html)
    areas = _force_areas(staffordshire)

    assert document.title == f"{staffordshire.force.display_name} – 2008 inspection programme"
    assert accessibility_problems(rendered.pdf, title=document.title, areas=areas) == []
    reader = pdf_reader(rendered.pdf)
    assert reader.metadata["/Author"] == REPORT_AUTHOR
    assert reader.metadata["/Subject"].endswith(": " + "; ".join(areas))
    entries = outline(reader)
    top = _titles(entries)
    # The outline's first level is the contents page's, the areas under Findings.
    assert top == ["Contents", *_contents_entries(document.html)]
    assert top[-1].startswith("Appendix 3: ")
    findings = entries[top.index("Findings")]
    assert _titles(findings.children) == areas
    # Headings inside an area (criteria, list titles) are content, not bookmarks.
    assert "Summary statement" not in _every_title(entries)


def test_force_report_charts_carry_their_figures_as_text(staffordshire):
    rendered = html_to_pdf(force_report_document(inspection_id=staffordshire.pk).html)
    tree = structure_tree(pdf_reader(rendered.pdf))

    alts = [element.alt for element in elements(tree) if element.tag == "/Figure"]
    assert alts and all(alt and re.search(r"\d+\.\d%", alt) for alt in alts)
    text = " ".join(alts)
    assert "survey indicators" in text and "SPI 1e – " in text and "MSF average" in text


def test_tree_reads_the_report_in_order_with_headers_footers_and_watermark_as_artifacts(
    staffordshire,
):
    document = force_report_document(inspection_id=staffordshire.pk)
    rendered = html_to_pdf(document.html)
    pages = [marked_text(page) for page in pdf_reader(rendered.pdf).pages]

    artifacts = [" ".join(t for tag, t in page if tag == "/Artifact") for page in pages]
    content = [" ".join(t for tag, t in page if tag != "/Artifact") for page in pages]
    assert document.draft
    assert all("DRAFT" in page for page in artifacts)
    assert not any("DRAFT" in page for page in content)
    assert f"Page 3 of {rendered.pages}" in artifacts[2]
    assert staffordshire.force.display_name in artifacts[2]
    assert "Page 3 of" not in content[2]
    assert "Contents" in content[1]
    # What assistive technology reads from the tree: the headings of the HTML in its order,
    # and everything drawn as content but no furniture (letters compared as multisets: text
    # clipped to a hidden caption is drawn after its table, and read before it).
    reader = pdf_reader(rendered.pdf)
    tree = TreeText(reader)
    assert [_letters(h) for h in tree.headings()] == [_letters(h) for h in _headings(document.html)]
    read = tree.of(tree.tree)
    assert "DRAFT" not in read and "Page 3 of" not in read
    assert sorted(_letters(read)) == sorted(_letters(drawn_text(reader)))
    assert len(_letters(read)) > 5000


# National report ---------------------------------------------------------------------------


def test_national_report_is_tagged_pdf_ua_with_every_area_in_the_outline(national):
    document = national_report_document(programme_id=national.pk)
    rendered = html_to_pdf(document.html)
    areas = _national_areas(national)

    assert accessibility_problems(rendered.pdf, title=document.title, areas=areas) == []
    entries = outline(pdf_reader(rendered.pdf))
    sections = _titles(entries)
    assert sections[0] == "Contents" and "2 The inspection areas" in sections
    under_areas = _titles(entries[sections.index("2 The inspection areas")].children)
    assert under_areas == [*areas, "The grades"]
    practice_section = next(entry for entry in entries if entry.title == "6 Developing practice")
    assert _titles(practice_section.children) == ["Neighbourhood Policing"]


def test_checks_flag_an_area_missing_from_the_outline(national):
    document = national_report_document(programme_id=national.pk)
    rendered = html_to_pdf(document.html)
    areas = [*_national_areas(national), "An area the report does not have"]

    problems = accessibility_problems(rendered.pdf, title=document.title, areas=areas)
    assert problems == [f"no outline entry has every inspection area under it, in order: {areas}"]
    assert accessibility_problems(rendered.pdf, title="Another title", areas=areas[:-1])


def test_checks_flag_a_report_rendered_without_tags(national, monkeypatch):
    # The same engine with WeasyPrint's defaults: no PDF/UA variant, so no tags.
    monkeypatch.setattr(engine, "PDF_OPTIONS", {"custom_metadata": False})
    document = national_report_document(programme_id=national.pk)
    rendered = html_to_pdf(document.html)

    problems = accessibility_problems(
        rendered.pdf, title=document.title, areas=_national_areas(national)
    )
    assert "no /StructTreeRoot" in problems
    assert "MarkInfo /Marked is not true" in problems
    assert "viewer preferences do not display the document title" in problems
    assert "XMP metadata has no dc:title equal to the title" in problems


# Tables and charts in the HTML the PDF is made from -----------------------------------------


def _tables(html: str) -> list[str]:
    return re.findall(r"<table\b.*?</table>", html, re.S)


def _unscoped_header_cells(table: str) -> list[str]:
    return [cell for cell in re.findall(r"<th\b[^>]*>", table) if "scope=" not in cell]


def _assert_tables_and_charts_accessible(html: str) -> None:
    tables = _tables(html)
    assert tables
    for table in tables:
        assert re.search(r"<caption\b[^>]*>\s*\S", table), table[:200]
        assert not _unscoped_header_cells(table), table[:200]
    charts = re.findall(r"<svg\b.*?</svg>", html, re.S)
    assert charts
    for chart in charts:
        assert 'role="img"' in chart
        title = re.search(r"<title[^>]*>(.*?)</title>", chart, re.S).group(1)
        assert re.search(r"\d", title), title


def test_every_table_and_chart_of_an_imported_2007_force_report_is_described(reference):
    require_service(FORCE_2007.exists(), f"the shared seed reports are not at {SEEDS}")
    result = report_import(data=FORCE_2007.read_bytes(), source_name=FORCE_2007.name)
    inspection = Inspection.objects.get(pk=result.inspection_id)
    html = force_report_document(inspection_id=inspection.pk).html

    _assert_tables_and_charts_accessible(html)
    # The four-point report's own tables: judgements, distributions, grade boxes.
    assert 'class="data-table judgements-table"' in html and 'class="grade-box' in html


def test_every_table_and_chart_of_the_2008_reports_is_described(staffordshire, national):
    _assert_tables_and_charts_accessible(force_report_document(inspection_id=staffordshire.pk).html)
    _assert_tables_and_charts_accessible(national_report_document(programme_id=national.pk).html)
