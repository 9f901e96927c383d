"""The national (thematic) report: what it prints, when it is a draft, its data hash, its
constant number of queries, and the imported 2008 thematic report rendered to PDF."""

import re
import shutil
import subprocess

import pytest

from forces.models import Force
from grading.models import Framework
from inspections.models import AssessmentStatus, GradeDistribution, Programme
from inspections.services import inspection_create
from reports.importer.service import report_import
from reports.models import ReportText, ReportTextKey
from reports.rendering.national import national_report_document
from reports.rendering.national_data import national_report_data
from reports.texts import NATIONAL_SUMMARY
from tests.conftest import require_service
from tests.factories import ForceFactory, UserFactory
from tests.reports.national_support import (
    EXCEEDS,
    FAILS,
    MEETS,
    THEMATIC,
    distribution_cells,
    force_cells,
    force_rows,
    grade_area,
    level,
    practice,
    print_grade,
    publish,
    recommend,
    section,
)

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
# Thirteen (the glossary among them), and one for the recommendations of earlier programmes
# (none here).
QUERIES = 14


def _html(programme) -> str:
    return national_report_document(programme_id=programme.pk).html


@pytest.fixture
def graded(programme_2008, inspection_a, inspection_b):
    """Force A: NP published (Meets), DCFP concluded nationally (Exceeds), not published.
    Force B: still drafting. Staffordshire: known only from a printed grade."""
    grade_area(inspection_a, "np", MEETS)
    grade_area(inspection_a, "dcfp", EXCEEDS, AssessmentStatus.NATIONALLY_MODERATED)
    print_grade(programme_2008, Force.objects.get(name="Staffordshire"), "np", FAILS)
    return programme_2008


# What the report prints ------------------------------------------------------------------


def test_summary_is_the_programmes_own_text_else_the_default(programme_2008):
    ReportText.objects.filter(key=ReportTextKey.NATIONAL_SUMMARY).delete()
    assert NATIONAL_SUMMARY[1][:60] in _html(programme_2008)
    ReportText.objects.create(
        key=ReportTextKey.NATIONAL_SUMMARY, title="Overview", body="Default words."
    )
    assert "Default words." in _html(programme_2008)
    ReportText.objects.create(
        key=ReportTextKey.NATIONAL_SUMMARY,
        programme=programme_2008,
        title="What we found",
        body="First paragraph.\n\n- a bullet",
    )
    html = section(_html(programme_2008), "summary")
    assert "What we found" in html and "Default words." not in html
    assert "<p>First paragraph.</p>" in html and "<li>a bullet</li>" in html


def test_recommendations_are_printed_in_number_order_with_their_addressees(programme_2008):
    recommend(programme_2008, 3, "Third text.", "the Home Office")
    recommend(programme_2008, 1, "First text.", "chief officers")
    recommend(programme_2008, 2, "Second text.")
    html = section(_html(programme_2008), "recommendations")
    assert re.findall(r'data-number="(\d+)"', html) == ["1", "2", "3"]
    assert html.index("First text.") < html.index("Second text.") < html.index("Third text.")
    assert "Addressed to: chief officers" in html and "Addressed to: the Home Office" in html


def _key_figures(html: str) -> str:
    found = re.search(r'<p class="key-figures">(.*?)</p>', section(html, "summary"), re.S)
    assert found, "no key figures in the summary"
    return " ".join(found.group(1).split())


def test_cover_and_summary_count_the_territorial_forces_and_the_demo_ones_apart(graded):
    html = _html(graded)
    regions = Force.objects.territorial().values("region").distinct().count()
    cover = section(html, "cover")
    assert '<p class="cover-forces">43 forces · 2 graded areas</p>' in cover
    assert _key_figures(html).startswith(
        f"The programme covers 43 forces in {regions} regions (its tables also show 2 demo "
        "or training forces)"
    )
    assert len(force_rows(html)) == 45  # the demo forces keep their rows


def test_summary_counts_the_recommendations_and_says_no_number_when_there_are_none(
    programme_2008,
):
    assert "recommendation" not in _key_figures(_html(programme_2008))
    assert "This report makes no recommendations." in section(
        _html(programme_2008), "recommendations"
    )
    recommend(programme_2008, 1, "First text.")
    assert _key_figures(_html(programme_2008)).endswith("This report makes 1 recommendation.")
    recommend(programme_2008, 2, "Second text.")
    assert _key_figures(_html(programme_2008)).endswith("This report makes 2 recommendations.")


def test_a_draft_without_recommendations_says_none_are_written_yet(graded):
    html = section(_html(graded), "recommendations")
    assert "No recommendations have been written for this programme yet." in html


def test_every_territorial_force_has_a_row_with_its_grades(graded):
    html = _html(graded)
    rows = force_rows(html)
    territorial = set(Force.objects.territorial().values_list("name", flat=True))
    assert len(territorial) == 43
    assert set(rows) == territorial | {"Force A", "Force B"}
    assert force_cells(html, "Force A") == ["Meets", "Exceeds P"]
    assert force_cells(html, "Force B") == ["not graded", "not graded"]
    assert force_cells(html, "Staffordshire") == ["Fails", "not graded"]


def test_a_demo_force_with_nothing_in_the_programme_is_left_out(graded):
    ForceFactory(name="Force Z")
    assert "Force Z" not in force_rows(_html(graded))


def test_rows_are_grouped_by_region(graded):
    data = national_report_data(programme_id=graded.pk)
    for region in data["regions"]:
        names = [row["force"] for row in region["rows"]]
        regions = set(Force.objects.filter(name__in=names).values_list("region__name", flat=True))
        assert regions == {region["name"]} and names == sorted(names)
    assert len({region["name"] for region in data["regions"]}) == len(data["regions"])


def test_distribution_table_counts_every_row_and_the_chart_shows_it(graded):
    html = _html(graded)
    # Exceeds, Meets, Fails, not graded, total.
    assert distribution_cells(html, "np") == ["0", "1", "1", "43", "45"]
    assert distribution_cells(html, "dcfp") == ["1", "0", "0", "44", "45"]
    assert "includes 1 provisional" in section(html, "distribution")
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="distribution-chart"' in html


def test_distribution_prints_the_published_figures_beside_the_counts(graded):
    np = Framework.objects.get(code="np", version="2008")
    for label, forces in ((EXCEEDS, 1), (MEETS, 42)):
        GradeDistribution.objects.create(
            programme=graded, framework=np, grade=level(label), forces=forces
        )
    html = _html(graded)
    assert distribution_cells(html, "np", published=True) == ["1", "42", "–", "", ""]
    assert "1 as published" in html and 'data-area-published="dcfp"' not in html


def test_programme_of_four_point_areas_prints_only_graded_areas_as_columns(reference):
    programme = Programme.objects.get(year=2007)
    data = national_report_data(programme_id=programme.pk)
    graded = [area["name"] for area in data["areas"] if area["graded"]]
    assert [area["name"] for area in data["graded_areas"]] == graded
    assert len(graded) < len(data["areas"])  # the overview is introduced, not graded
    assert [level["label"] for level in data["levels"]] == ["Excellent", "Good", "Fair", "Poor"]
    html = national_report_document(programme_id=programme.pk).html
    assert "(not graded)" in html and len(force_rows(html)) == 43


def test_practice_is_grouped_by_area_and_only_selected_entries_are_printed(graded):
    inspection_a = graded.inspections.get(force__name="Force A")
    inspection_b = graded.inspections.get(force__name="Force B")
    practice(inspection_b, "dcfp", "Victim callbacks")
    practice(inspection_a, "np", "Ward walks", outcomes="Fewer calls.")
    practice(inspection_a, "np", "Not chosen", selected=False)
    html = section(_html(graded), "practice")
    np_at, dcfp_at = html.index('id="practice-np"'), html.index('id="practice-dcfp"')
    assert np_at < html.index("Ward walks") < dcfp_at < html.index("Victim callbacks")
    assert "Fewer calls." in html and "Not chosen" not in html


# Draft or final ---------------------------------------------------------------------------


def test_report_is_a_draft_with_a_watermark_while_an_inspection_is_unpublished(graded):
    document = national_report_document(programme_id=graded.pk)
    assert document.draft is True
    assert 'class="draft-watermark"' in document.html and "report draft" in document.html


def test_report_is_final_without_watermark_once_every_inspection_is_published(
    programme_2008, inspection_a, inspection_b
):
    publish(inspection_a)
    publish(inspection_b, dcfp=EXCEEDS)
    document = national_report_document(programme_id=programme_2008.pk)
    assert document.draft is False
    assert "draft-watermark" not in document.html and " P</" not in document.html
    assert force_cells(document.html, "Force B") == ["Meets", "Exceeds"]


def test_programme_without_inspections_is_final(programme_2008):
    document = national_report_document(programme_id=programme_2008.pk)
    assert document.draft is False and "draft-watermark" not in document.html


# Safety, determinism, queries -------------------------------------------------------------


def test_user_text_is_escaped_everywhere(graded):
    recommend(graded, 1, HOSTILE, addressed_to=HOSTILE)
    ReportText.objects.create(
        key=ReportTextKey.NATIONAL_SUMMARY, programme=graded, title=HOSTILE, body=HOSTILE
    )
    practice(graded.inspections.get(force__name="Force A"), "np", HOSTILE, problem=HOSTILE)
    html = _html(graded)
    assert "<script>" not in html and "<img" not in html
    assert html.count("&lt;script&gt;") >= 5


def test_data_hash_is_stable_and_follows_the_data(graded):
    recommend(graded, 1, "Text.")
    first = national_report_document(programme_id=graded.pk)
    again = national_report_document(programme_id=graded.pk)
    assert first.data_hash == again.data_hash and first.html == again.html
    recommend(graded, 2, "Another.")
    assert national_report_document(programme_id=graded.pk).data_hash != first.data_hash


def _add_inspected_forces(programme, count: int) -> None:
    lead = UserFactory(username=f"lead-{count}")
    for _ in range(count):
        inspection = inspection_create(
            force=ForceFactory(), programme=programme, lead=lead, inspectors=[]
        )
        publish(inspection)
        practice(inspection, "np", "An entry")
        recommend(programme, programme.recommendations.count() + 1, "More.")


def test_queries_do_not_grow_with_forces_inspections_or_recommendations(
    graded, django_assert_num_queries
):
    with django_assert_num_queries(QUERIES):
        small = national_report_document(programme_id=graded.pk)
    _add_inspected_forces(graded, 6)
    with django_assert_num_queries(QUERIES):
        large = national_report_document(programme_id=graded.pk)
    assert len(force_rows(large.html)) == len(force_rows(small.html)) + 6


def test_unknown_programme_is_not_found(reference):
    from django.http import Http404

    with pytest.raises(Http404):
        national_report_document(programme_id=9999)


# The imported 2008 thematic report ---------------------------------------------------------


@pytest.fixture
def thematic(reference):
    require_service(THEMATIC.exists(), f"the shared thematic seed is not at {THEMATIC}")
    result = report_import(data=THEMATIC.read_bytes(), source_name=THEMATIC.name)
    return Programme.objects.get(pk=result.programme_id)


def test_imported_thematic_report_lists_43_forces_with_grades_and_10_recommendations(thematic):
    document = national_report_document(programme_id=thematic.pk)
    rows = force_rows(document.html)
    assert len(rows) == 43
    assert all("not graded" not in " ".join(force_cells(document.html, f)) for f in rows)
    assert force_cells(document.html, "Lancashire") == ["Exceeds", "Exceeds"]
    assert force_cells(document.html, "Dorset") == ["Meets", "Exceeds"]
    recommendations = re.findall(r'data-number="(\d+)"', document.html)
    assert recommendations == [str(n) for n in range(1, 11)]
    assert document.draft is False
    assert distribution_cells(document.html, "np") == ["1", "42", "0", "0", "43"]


def test_imported_thematic_report_renders_to_a_pdf_naming_forces(thematic, tmp_path):
    from reports.rendering.engine import html_to_pdf
    from tests.reports.render_support import pdf_text

    document = national_report_document(programme_id=thematic.pk)
    rendered = html_to_pdf(document.html)
    assert rendered.pdf.startswith(b"%PDF") and rendered.pages > 5
    assert rendered.refused == ()
    text = pdf_text(rendered.pdf)
    for name in ("Avon and Somerset", "Lancashire", "Wiltshire", "Recommendation 10"):
        assert name in text
    if shutil.which("pdftoppm"):
        (tmp_path / "report.pdf").write_bytes(rendered.pdf)
        subprocess.run(
            ["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "2", "report.pdf", "page"],
            cwd=tmp_path,
            check=True,
        )
        assert len(list(tmp_path.glob("page-*.png"))) == 2
