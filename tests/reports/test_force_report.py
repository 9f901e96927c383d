"""The force report of an inspection: its HTML, its data hash, its queries and its PDF."""

import datetime
import html as html_lib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forces.models import Force
from grading.models import Criterion
from inspections.models import (
    AssessmentStatus,
    CriterionAssessment,
    EvidenceKind,
    GlossaryTerm,
    InspectionGlossaryEntry,
)
from inspections.services import inspection_create
from reports.models import ReportText
from reports.rendering.engine import html_to_pdf
from reports.rendering.force import force_report_document
from reports.rendering.text import month_year
from reports.texts import DEFAULT_TEXTS, report_texts
from tests.factories import CommandUnitFactory
from tests.inspections.outcome_support import like_staffordshire
from tests.reports.force_report_support import (
    area_of,
    fill,
    grade,
    hostile_evidence,
    html_of,
    ids_and_links,
    item,
    leaf,
    normalised,
    practice,
    publish,
    selected_practice,
)
from tests.reports.render_support import embedded_files, pdf_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def staffordshire(programme_2008, hmi):
    force = Force.objects.get(name="Staffordshire")
    like_staffordshire(force)
    return inspection_create(force=force, programme=programme_2008, lead=hmi)


def _leaf_headings(inspection) -> list[str]:
    frameworks = [area.framework_id for area in inspection.areas.all()]
    criteria = Criterion.objects.filter(framework__in=frameworks, is_implicit=False)
    return [criterion.heading for criterion in criteria]


def test_every_criterion_heading_evidence_item_lead_and_sub_point_is_printed(inspection_a):
    fill(inspection_a)
    html = html_of(inspection_a)

    for heading in _leaf_headings(inspection_a):
        assert html_lib.escape(heading) in html
    for kind in EvidenceKind:
        assert f"{kind} point 1" in html
        assert f"{kind} detail 1" in html
    assert '<strong class="lead">Lead</strong> strength point 1' in html
    # The sub-point sits in a nested list inside its parent's item.
    nested = re.search(
        r"strength point 1\s*<ul class=\"sub-points\"><li[^>]*>strength detail 1", html
    )
    assert nested is not None


def test_parent_criteria_are_headings_before_their_children(inspection_a):
    html = html_of(inspection_a)
    parent = "Neighbourhood Policing has been implemented to a consistent standard"
    child = "Neighbourhoods are appropriately staffed."

    assert re.search(rf'<h3 class="criterion-group[^>]*>{parent}', html)
    assert html.index(parent) < html.index(child)


def test_empty_lists_are_printed_none_identified(inspection_a):
    html = html_of(inspection_a)
    leaves = CriterionAssessment.objects.filter(
        area__inspection=inspection_a, criterion__children__isnull=True
    ).count()

    assert html.count('<p class="none-identified">None identified.</p>') == 3 * leaves


def test_summary_statement_paragraphs_are_printed(inspection_a):
    fill(inspection_a)
    html = html_of(inspection_a)

    assert '<p class="statement">First graded sentence.</p>' in html
    assert '<p class="statement">Second graded sentence.</p>' in html


def test_indicator_table_prints_values_calls_and_inline_chart(staffordshire):
    html = html_of(staffordshire)

    table = html[html.index('<table class="indicator-table">') :]
    assert 'data-indicator="SPI 2a"' in table
    assert "47.1%" in table and "-5.2pp" in table
    assert "significantly worse" in table
    assert "<svg" in html and 'class="indicator-chart"' in html
    assert "<img" not in html and "<script" not in html


def test_overview_prints_written_sections_and_the_command_units_table(inspection_a):
    CommandUnitFactory(force=inspection_a.force, name="Harbour division", population=1200)
    CommandUnitFactory(force=inspection_a.force, name="Moor division", population=800)
    inspection_a.geography = "Hills to the north.\n\nA long coast to the south."
    inspection_a.save()
    html = html_of(inspection_a)

    assert "<p>Hills to the north.</p>" in html
    assert "Harbour division" in html and "Force total" in html and "2,000" in html
    # Sections nobody wrote are left out, and so is the empty performance overview.
    assert "Strategic priorities" not in html
    assert 'id="performance-overview"' not in html


def test_grade_box_prints_final_grade_of_published_report(inspection_a):
    np = area_of(inspection_a, "np")
    np.final_grade = grade("Meeting the standard")
    np.save()
    publish(inspection_a)
    html = html_of(inspection_a)

    box = html[html.index('<table class="grade-box') :]
    box = box[: box.index("</table>")]
    assert "Neighbourhood Policing – Summary of judgement" in box
    assert "Meeting the standard" in box
    assert "provisional" not in box


def test_draft_grade_box_marks_proposed_grade_provisional_or_not_yet_graded(inspection_a):
    np = area_of(inspection_a, "np")
    np.proposed_grade = grade("Exceeding the standard")
    np.save()
    html = html_of(inspection_a)

    boxes = re.findall(r'<table class="grade-box.*?</table>', html, re.S)
    assert len(boxes) == 2
    assert "Exceeding the standard" in boxes[0] and "(provisional)" in boxes[0]
    assert "Not yet graded" in boxes[1]


def test_contents_links_reach_a_section_of_the_report(inspection_a):
    ids, links = ids_and_links(html_of(inspection_a))

    assert links, "the contents list links to its sections"
    assert set(links) <= ids
    assert {"area-1-np", "area-2-dcfp", "appendix-glossary", "appendix-practice"} <= set(links)


def test_glossary_lists_only_the_abbreviations_the_report_uses(inspection_a):
    item(leaf(inspection_a, "np", "1.1"), "Every PCSO carries a radio.", order=1)
    html = html_of(inspection_a)

    glossary = html[html.index('id="appendix-glossary"') : html.index('id="appendix-practice"')]
    assert "<dt>PCSO</dt>" in glossary
    assert "<dt>NPIA</dt>" not in glossary
    assert GlossaryTerm.objects.filter(abbreviation="NPIA").exists()


def test_glossary_printed_with_an_imported_report_is_used_as_printed(inspection_a):
    InspectionGlossaryEntry.objects.create(
        inspection=inspection_a, order=1, abbreviation="XYZ", meaning="an example term"
    )
    html = html_of(inspection_a)

    glossary = html[html.index('id="appendix-glossary"') : html.index('id="appendix-practice"')]
    assert re.findall(r"<dt>(.*?)</dt>", glossary) == ["XYZ"]


def test_practice_appendix_lists_only_practice_selected_for_publication(inspection_a):
    selected_practice(inspection_a, "Weekend noise rota")
    practice(inspection_a, "Unselected parish idea")
    html = html_of(inspection_a)

    assert "Weekend noise rota" in html
    assert "Unselected parish idea" not in html
    assert "see Appendix 2" in html


def test_released_only_drops_areas_not_released_to_the_force(inspection_a):
    fill(inspection_a)
    inspection_a.areas.filter(framework__code="np").update(status=AssessmentStatus.RELEASED)
    selected_practice(inspection_a, "Hidden citizen focus practice", code="dcfp")
    html = html_of(inspection_a, released_only=True)

    assert 'id="area-1-np"' in html
    assert "Developing Citizen Focus Policing" not in html
    assert "Hidden citizen focus practice" not in html
    assert "Developing Citizen Focus Policing" in html_of(inspection_a)


def test_draft_carries_watermark_and_says_draft_on_the_cover(inspection_a):
    document = force_report_document(inspection_id=inspection_a.pk)

    assert document.draft is True
    assert 'class="draft-watermark"' in document.html
    assert '<html lang="en-GB" class="report draft">' in document.html
    assert 'class="cover-draft">Draft' in document.html


def test_published_report_has_no_watermark(inspection_a):
    publish(inspection_a)
    document = force_report_document(inspection_id=inspection_a.pk)

    assert document.draft is False
    assert "draft-watermark" not in document.html
    assert "cover-draft" not in document.html


def _cover(inspection) -> str:
    html = force_report_document(inspection_id=inspection.pk).html
    return html[html.index('id="cover"') : html.index("</section>")]


def test_cover_is_dated_the_inspections_publication_month(inspection_a):
    inspection_a.publication_date = datetime.date(2008, 9, 15)
    inspection_a.save()
    assert '<p class="cover-date">September 2008</p>' in _cover(inspection_a)
    publish(inspection_a)
    assert '<p class="cover-date">September 2008</p>' in _cover(inspection_a)


def test_cover_without_its_own_date_is_dated_the_programmes_publication_month(
    inspection_a, inspection_b
):
    undated = force_report_document(inspection_id=inspection_a.pk)
    printed = month_year(datetime.date.today())
    assert f'<p class="cover-date">{printed}</p>' in undated.html  # nothing dated yet
    inspection_b.publication_date = datetime.date(2008, 10, 1)
    inspection_b.save()
    dated = force_report_document(inspection_id=inspection_a.pk)
    assert '<p class="cover-date">October 2008</p>' in dated.html
    assert dated.data_hash != undated.data_hash


@pytest.mark.parametrize(
    "reference, printed",
    [
        ("978-1-84726-804-4", "ISBN: 978-1-84726-804-4"),
        ("ISBN 1 84726 804 X", "ISBN: 1 84726 804 X"),
        ("HMIC/2008/17", "Reference: HMIC/2008/17"),
    ],
)
def test_cover_prints_the_reference_named_as_an_isbn_only_when_it_is_one(
    inspection_a, reference, printed
):
    assert "cover-reference" not in _cover(inspection_a)
    inspection_a.reference = reference
    inspection_a.save()
    assert f'<p class="cover-reference">{printed}</p>' in _cover(inspection_a)


def test_data_hash_is_stable_and_changes_with_evidence(inspection_a):
    fill(inspection_a)
    first = force_report_document(inspection_id=inspection_a.pk)
    second = force_report_document(inspection_id=inspection_a.pk)
    assert first.data_hash == second.data_hash
    assert first.html == second.html

    evidence = leaf(inspection_a, "np", "1.1").evidence.filter(parent__isnull=True).first()
    evidence.text = "A changed sentence."
    evidence.save()

    assert force_report_document(inspection_id=inspection_a.pk).data_hash != first.data_hash


def _count_queries(inspection) -> int:
    with CaptureQueriesContext(connection) as queries:
        force_report_document(inspection_id=inspection.pk)
    return len(queries)


def test_query_count_is_fixed_whatever_the_size(
    inspection_a, inspection_b, django_assert_num_queries
):
    fill(inspection_a, items_per_list=1)
    fill(inspection_b, items_per_list=4)
    for number in range(3):
        selected_practice(inspection_b, f"Extra practice {number}")
    small = _count_queries(inspection_a)

    with django_assert_num_queries(small):
        force_report_document(inspection_id=inspection_b.pk)
    with django_assert_num_queries(small):
        force_report_document(inspection_id=inspection_a.pk)


HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel=attachment href="file:///etc/passwd">',
    "</style><style>body { display: none }</style>",
    "<script>alert(1)</script>",
]


def test_hostile_user_text_is_printed_as_escaped_text(inspection_a):
    hostile_evidence(inspection_a, HOSTILE[0], lead=HOSTILE[3])
    area = area_of(inspection_a, "np")
    area.contextual_factors = HOSTILE[2]
    area.save()
    inspection_a.geography = HOSTILE[1]
    inspection_a.save()
    selected_practice(inspection_a, HOSTILE[3], contact=HOSTILE[1])
    html = html_of(inspection_a)

    for text in HOSTILE:
        assert text not in html
        assert html_lib.escape(text, quote=False) in html or html_lib.escape(text) in html
    assert "<img" not in html and "<script" not in html and "<style" not in html
    assert not re.search(r"<link[^>]*attachment", html)
    rendered = html_to_pdf(html)
    assert rendered.refused == ()
    assert embedded_files(rendered.pdf) == []


def test_report_texts_prefer_programme_row_then_default_row_then_code(programme_2008):
    ReportText.objects.filter(key="introduction").delete()
    assert (
        report_texts(programme=programme_2008)["introduction"]["title"]
        == (DEFAULT_TEXTS["introduction"][0])
    )
    ReportText.objects.create(key="introduction", title="Default intro", body="Everyone.")
    assert report_texts(programme=programme_2008)["introduction"]["body"] == "Everyone."
    ReportText.objects.create(
        key="introduction", programme=programme_2008, title="2008 intro", body="This year."
    )
    texts = report_texts(programme=programme_2008)
    assert texts["introduction"] == {"title": "2008 intro", "body": "This year."}
    assert set(texts) == set(DEFAULT_TEXTS)


def test_edited_report_text_is_printed_with_paragraphs_and_bullets(inspection_a):
    ReportText.objects.update_or_create(
        key="introduction",
        programme=inspection_a.programme,
        defaults={"title": "Why we inspect", "body": "First part.\n\n- one point\n- another"},
    )
    html = html_of(inspection_a)

    assert "Why we inspect" in html
    assert "<p>First part.</p>" in html
    assert "<ul><li>one point</li><li>another</li></ul>" in html


def test_default_texts_are_created_by_the_data_migration():
    defaults = ReportText.objects.filter(programme__isnull=True)
    assert set(defaults.values_list("key", flat=True)) == set(DEFAULT_TEXTS)


def test_report_text_admin_lists_and_edits_texts(staff_client):
    text = ReportText.objects.get(key="significance", programme__isnull=True)

    assert staff_client.get("/admin/reports/reporttext/").status_code == 200
    assert staff_client.get(f"/admin/reports/reporttext/{text.pk}/change/").status_code == 200
    assert staff_client.get(f"/admin/reports/reporttext/{text.pk}/history/").status_code == 200


# PDF checks, through the engine the report runs use.


def _pages_text(pdf: bytes) -> list[str]:
    return [normalised(page.extract_text()) for page in pdf_reader(pdf).pages]


def test_draft_pdf_prints_headings_page_numbers_and_draft_on_every_page(inspection_a):
    fill(inspection_a)
    rendered = html_to_pdf(html_of(inspection_a))
    pages = _pages_text(rendered.pdf)
    text = " ".join(pages)

    assert rendered.pdf.startswith(b"%PDF")
    assert 10 <= rendered.pages <= 40
    assert "Page 1 of" not in pages[0], "the cover has no footer"
    assert f"Page 2 of {rendered.pages}" in pages[1]
    for heading in _leaf_headings(inspection_a):
        assert normalised(heading) in text
    assert all("DRAFT" in page for page in pages)


def test_published_pdf_has_no_draft_watermark(inspection_a):
    fill(inspection_a)
    publish(inspection_a)
    rendered = html_to_pdf(html_of(inspection_a))
    pages = _pages_text(rendered.pdf)

    assert not any("DRAFT" in page for page in pages)
    assert f"Page {rendered.pages} of {rendered.pages}" in pages[-1]
