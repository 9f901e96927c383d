"""The force report as an accessible web page: the same people as the PDF and its preview,
the same data, each area's heading and grade, tables with captions and header scopes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.views import runs as run_views
from tests.factories import CommandUnitFactory
from tests.reports.force_report_support import area_of, fill, grade
from tests.reports.runs_support import publish, release_to_force

pytestmark = pytest.mark.django_db


def _url(inspection) -> str:
    return reverse("reports:inspection_html", args=[inspection.pk])


def _areas(html: str) -> dict[str, str]:
    """Each area's section of the page, by its heading."""
    sections = re.findall(r'<section [^>]*data-area="([^"]*)">(.*?)</section>', html, re.S)
    return dict(sections)


def test_it_checks_access(client, bob, inspection_a):
    client.force_login(bob)
    assert client.get(_url(inspection_a)).status_code == 404
    preview = reverse("reports:inspection_preview", args=[inspection_a.pk])
    assert client.get(preview).status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, inspection_a):
    response = client.get(_url(inspection_a))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("persona", ["alice", "hmi", "panel", "admin_user"])
def test_staff_who_see_the_preview_see_the_page(client, request, persona, inspection_a):
    client.force_login(request.getfixturevalue(persona))
    preview = client.get(reverse("reports:inspection_preview", args=[inspection_a.pk]))
    page = client.get(_url(inspection_a))
    assert page.status_code == preview.status_code == 200
    assert f'class="govuk-heading-xl">{inspection_a.force.display_name}</h1>' in page.text


def test_liaison_gets_only_the_released_areas_as_in_the_preview(
    client, liaison, alice, inspection_a, monkeypatch
):
    release_to_force(inspection_a)
    calls = []
    real = run_views.force_report_page_data

    def builder(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(run_views, "force_report_page_data", builder)
    names = {}
    for user in (liaison, alice):
        client.force_login(user)
        response = client.get(_url(inspection_a))
        assert response.status_code == 200
        names[user.username] = list(_areas(response.text))
    assert [call["released_only"] for call in calls] == [True, False]
    assert len(names["liaison"]) == 1 and len(names["alice"]) == 2
    assert names["liaison"][0] == names["alice"][0]


def test_published_page_shows_each_area_heading_and_final_grade(client, alice, inspection_a):
    np = area_of(inspection_a, "np")
    np.final_grade = grade("Meeting the standard")
    np.save()
    publish(inspection_a)
    client.force_login(alice)
    html = client.get(_url(inspection_a)).text
    areas = _areas(html)
    assert len(areas) == inspection_a.areas.count()
    for name, section in areas.items():
        assert f">{name}</h3>" in section
    np_section = next(section for name, section in areas.items() if "Neighbourhood" in name)
    assert "<strong>Meeting the standard</strong>" in np_section
    assert "Provisional" not in np_section
    assert "Draft (" not in html


def test_draft_page_says_draft_and_marks_proposed_grade_provisional(client, alice, inspection_a):
    np = area_of(inspection_a, "np")
    np.proposed_grade = grade("Exceeding the standard")
    np.save()
    client.force_login(alice)
    html = client.get(_url(inspection_a)).text
    assert "not for publication" in html
    np_section = next(section for name, section in _areas(html).items() if "Neighbourhood" in name)
    assert "<strong>Exceeding the standard</strong>" in np_section
    assert 'govuk-tag--yellow">Provisional</strong>' in np_section


def test_evidence_and_tables_are_set_accessibly(client, alice, inspection_a):
    fill(inspection_a)
    CommandUnitFactory(force=inspection_a.force, name="Harbour division", population=1200)
    client.force_login(alice)
    html = client.get(_url(inspection_a)).text
    assert "Harbour division" in html and "Force total" in html
    tables = re.findall(r"<table.*?</table>", html, re.S)
    assert tables
    for table in tables:
        assert '<caption class="govuk-table__caption' in table
        assert "<th " in table and all('scope="' in th for th in re.findall(r"<th [^>]*>", table))
    assert "<svg" not in html
    headings = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(headings, headings[1:], strict=False))


def test_report_page_links_the_web_page(client, alice, inspection_a):
    client.force_login(alice)
    page = client.get(reverse("reports:inspection_report", args=[inspection_a.pk])).text
    assert f'href="{_url(inspection_a)}"' in page


def test_user_text_is_escaped(client, alice, inspection_a):
    area = area_of(inspection_a, "np")
    area.contextual_factors = '<script>alert("x")</script>'
    area.save()
    client.force_login(alice)
    html = client.get(_url(inspection_a)).text
    assert '<script>alert("x")</script>' not in html and "&lt;script&gt;" in html


def test_the_page_costs_the_same_queries_whatever_the_report_holds(client, alice, inspection_a):
    client.force_login(alice)
    url = _url(inspection_a)
    client.get(url)  # sessions and caches warm

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    empty = queries()
    fill(inspection_a, items_per_list=3)
    assert queries() == empty
