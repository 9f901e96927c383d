"""The national report as an accessible web page: the same people as the national PDF and its
preview, the same data and grade cells, a DRAFT marker on drafts, headings in order, tables
with captions and header scopes, and a fixed number of queries whatever the number of forces."""

import re

import pytest
from django.urls import reverse

from forces.models import Force
from inspections.models import AssessmentStatus
from inspections.services import inspection_create
from reports.models import ReportRun
from reports.rendering.national import national_report_document
from tests.factories import ForceFactory, UserFactory
from tests.reports.national_support import (
    EXCEEDS,
    FAILS,
    MEETS,
    force_rows,
    grade_area,
    practice,
    print_grade,
    publish,
    recommend,
)

pytestmark = pytest.mark.django_db

DRAFT_MARKER = "DRAFT: not for publication."
# The national report's own 14 queries (tests/reports/test_national_report.py), and the
# session, the user and their roles, the programme and whether it is published: 21 today.
MAX_QUERIES = 21


def _url(programme) -> str:
    return reverse("reports:programme_html", args=[programme.year])


def _preview(programme) -> str:
    return reverse("reports:programme_preview", args=[programme.year])


def _text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr class="govuk-table__row" data-force="([^"]+)">', html)


def _cells(html: str, force_name: str) -> list[str]:
    found = re.search(rf'<tr [^>]*data-force="{re.escape(force_name)}">(.*?)</tr>', html, re.S)
    assert found, f"no row for {force_name}"
    return [_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)]


@pytest.fixture
def graded(programme_2008, inspection_a, inspection_b):
    """Force A: NP published (Meets), DCFP concluded nationally (Exceeds), not published.
    Force B: its NP graded Fails but still drafting. Staffordshire: a printed grade."""
    grade_area(inspection_a, "np", MEETS)
    grade_area(inspection_a, "dcfp", EXCEEDS, AssessmentStatus.NATIONALLY_MODERATED)
    grade_area(inspection_b, "np", FAILS, AssessmentStatus.DRAFTING)
    print_grade(programme_2008, Force.objects.get(name="Staffordshire"), "np", FAILS)
    return programme_2008


# Who sees it ---------------------------------------------------------------------------------


def test_it_checks_access(client, alice, graded):
    """An inspector gets what the national preview gives them while the programme is
    unpublished (404), and may not request the draft PDF either."""
    client.force_login(alice)
    assert client.get(_url(graded)).status_code == client.get(_preview(graded)).status_code == 404
    request = reverse("reports:programme_report_request", args=[graded.year])
    assert "not published yet" in client.post(request, follow=True).text
    assert not ReportRun.objects.exists()


def test_a_liaison_gets_no_draft_either(client, liaison, graded):
    client.force_login(liaison)
    assert client.get(_url(graded)).status_code == client.get(_preview(graded)).status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, programme_2008):
    response = client.get(_url(programme_2008))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_unknown_programme_is_not_found(client, hmi, reference):
    client.force_login(hmi)
    assert client.get(reverse("reports:programme_html", args=[1999])).status_code == 404


def test_only_get_is_allowed(client, hmi, programme_2008):
    client.force_login(hmi)
    assert client.post(_url(programme_2008)).status_code == 405


@pytest.mark.parametrize("persona", ["hmi", "panel", "admin_user"])
def test_national_draft_viewers_see_the_draft_marked_draft(client, request, persona, graded):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(_url(graded))
    assert page.status_code == client.get(_preview(graded)).status_code == 200
    assert DRAFT_MARKER in page.text and "<title>DRAFT: National report 2008" in page.text
    assert "0 of 2 inspections of the programme published" in page.text


@pytest.mark.parametrize("persona", ["alice", "bob", "liaison"])
def test_the_published_report_is_for_everyone_signed_in(
    client, request, persona, programme_2008, inspection_a, inspection_b
):
    publish(inspection_a)
    publish(inspection_b, dcfp=EXCEEDS)
    client.force_login(request.getfixturevalue(persona))
    html = client.get(_url(programme_2008)).text
    assert "<h1" in html and DRAFT_MARKER not in html and "Provisional" not in html
    assert _cells(html, "Force B") == [MEETS, EXCEEDS]


# What it shows --------------------------------------------------------------------------------


def test_cells_are_the_pdfs_and_no_unconcluded_grade_is_shown(client, hmi, graded):
    """The draft shows a concluded, unpublished grade only as provisional, and never a grade
    the national panel has not concluded, exactly as the PDF prints them."""
    client.force_login(hmi)
    html = client.get(_url(graded)).text
    pdf = national_report_document(programme_id=graded.pk).html
    assert _cells(html, "Force A") == [MEETS, f"{EXCEEDS} Provisional"]
    assert _cells(html, "Force B") == ["not graded", "not graded"]
    assert _cells(html, "Staffordshire") == [FAILS, "not graded"]
    assert _rows(html) == force_rows(pdf)
    assert html.count("Provisional</strong>") == pdf.count('title="provisional">P<') == 1


def test_the_page_is_set_out_accessibly(client, hmi, graded):
    recommend(graded, 2, "Second text.", "chief officers")
    recommend(graded, 1, "First text.")
    practice(graded.inspections.get(force__name="Force A"), "np", "Ward walks", outcomes="Less.")
    client.force_login(hmi)
    html = client.get(_url(graded)).text
    headings = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert headings.count(1) == 1
    assert re.search(r'<h1 class="govuk-heading-xl">National report 2008: [^<]+</h1>', html)
    assert all(b - a <= 1 for a, b in zip(headings, headings[1:], strict=False))
    contents = re.search(r'<nav[^>]*aria-labelledby="contents-heading">(.*?)</nav>', html, re.S)
    targets = re.findall(r'href="#([^"]+)"', contents.group(1))
    assert targets[:6] == [
        "summary",
        "areas",
        "recommendations",
        "grades",
        "distribution",
        "practice",
    ]
    assert all(f'id="{target}"' in html for target in targets)
    tables = re.findall(r"<table.*?</table>", html, re.S)
    assert len(tables) == 2  # the grades, and the chart's figures
    for table in tables:
        assert '<caption class="govuk-table__caption' in table
        assert all('scope="' in th for th in re.findall(r"<th[ >][^>]*>", table))
    assert "<svg" not in html
    assert re.findall(r'data-number="(\d+)"', html) == ["1", "2"]
    assert "<strong>Addressed to:</strong> chief officers" in html and "Ward walks" in html
    assert f'href="{reverse("reports:programme_report", args=[graded.year])}"' in html


def test_distribution_figures_are_a_table(client, hmi, graded):
    client.force_login(hmi)
    html = client.get(_url(graded)).text
    table = re.search(r'id="distribution".*?(<table.*?</table>)', html, re.S).group(1)
    rows = [
        [_text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    ]
    assert rows[0] == ["Area", EXCEEDS, MEETS, FAILS, "Not graded", "Forces"]
    # Force A's published Meets and Staffordshire's printed Fails, of 45 rows.
    assert rows[1][0].startswith("Neighbourhood") and rows[1][1:] == ["0", "1", "1", "43", "45"]
    assert rows[2][0].endswith("(includes 1 provisional)")
    assert rows[2][1:] == ["1", "0", "0", "44", "45"]


def test_user_text_is_escaped(client, hmi, graded):
    recommend(graded, 1, '<script>alert("x")</script>', addressed_to="<b>you</b>")
    client.force_login(hmi)
    html = client.get(_url(graded)).text
    assert "<script>alert" not in html and "&lt;script&gt;" in html and "<b>you</b>" not in html


# Where it is linked ----------------------------------------------------------------------------


def test_the_programme_report_page_links_the_web_page_for_those_who_may_read_it(
    client, alice, hmi, graded
):
    page = reverse("reports:programme_report", args=[graded.year])
    client.force_login(hmi)
    assert f'href="{_url(graded)}"' in client.get(page).text
    client.force_login(alice)
    assert f'href="{_url(graded)}"' not in client.get(page).text


# Queries --------------------------------------------------------------------------------------


def _add_inspected_forces(programme, count: int) -> None:
    lead = UserFactory(username=f"lead-{count}")
    for _ in range(count):
        inspection = inspection_create(
            force=ForceFactory(), programme=programme, lead=lead, inspectors=[]
        )
        grade_area(inspection, "dcfp", EXCEEDS, AssessmentStatus.NATIONALLY_MODERATED)
        practice(inspection, "np", "An entry")
        recommend(programme, programme.recommendations.count() + 1, "More.")


def test_the_page_costs_a_fixed_number_of_queries_whatever_the_number_of_forces(
    client, hmi, graded, django_assert_max_num_queries, django_assert_num_queries
):
    client.force_login(hmi)
    url = _url(graded)
    client.get(url)  # sessions and caches warm
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        before = client.get(url)
    _add_inspected_forces(graded, 6)
    with django_assert_num_queries(len(small.captured_queries)):
        after = client.get(url)
    assert len(_rows(after.text)) == len(_rows(before.text)) + 6
