"""The national family of pages is on the GOV.UK base: one h1, no Bootstrap class left, tables
with a caption and scoped headers, and nothing told only on hover."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.inspections.practice_support import _practice

BOOTSTRAP = re.compile(
    r'class="(?:[^"]*\s)?(btn|badge|card|alert|row|col-[a-z0-9-]+|d-flex|text-bg-[a-z]+|'
    r'table-responsive|breadcrumb-item|nav-link|visually-hidden)(?=[\s"])'
)


def _classes_ok(html: str) -> None:
    assert 'class="govuk-template"' in html, "the page extends the GOV.UK base"
    assert len(re.findall(r"<h1[ >]", html)) == 1
    found = [m.group(0) for m in BOOTSTRAP.finditer(html)]
    assert not found, found
    main = html[html.index('id="main-content"') :]
    assert " title=" not in main, "information only on hover"
    for table in re.findall(r"<table.*?</table>", main, re.S):
        assert "<caption" in table
        assert all("scope=" in th for th in re.findall(r"<th[ >][^>]*>", table))


@pytest.fixture
def practice(inspection_a, liaison):
    return _practice(inspection_a, submitted_by=liaison)


@pytest.mark.parametrize(
    "persona, name, args",
    [
        ("alice", "inspections:evidence_search", []),
        ("alice", "inspections:national_grades", [2008]),
        ("panel", "inspections:programme_indicators", [2008]),
        ("liaison", "inspections:practice_library", []),
        ("liaison", "inspections:practice_mine", []),
        ("liaison", "inspections:practice_submit", []),
        ("admin_user", "grading:indicator_import", []),
    ],
)
def test_page_is_on_the_govuk_base(client, request, inspection_a, persona, name, args):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    _classes_ok(response.content.decode())


@pytest.mark.parametrize(
    "persona, name",
    [
        ("liaison", "inspections:practice_detail"),
        ("liaison", "inspections:practice_edit"),
        ("alice", "inspections:practice_detail"),
    ],
)
def test_practice_page_is_on_the_govuk_base(client, request, practice, persona, name):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse(name, args=[practice.pk]))
    assert response.status_code == 200
    _classes_ok(response.content.decode())


def test_review_page_is_on_the_govuk_base_with_a_summary_per_entry(client, alice, practice):
    client.force_login(alice)
    url = reverse("inspections:practice_review", args=[practice.inspection_id])
    html = client.get(url).content.decode()
    _classes_ok(html)
    entry = re.search(rf'<article[^>]*id="practice-{practice.pk}".*?</article>', html, re.S)[0]
    # The summary is in view; the full text waits in a details element.
    details = entry.index('<details class="govuk-details">')
    assert entry.index(practice.problem) < details
    assert entry.index(practice.solution) > details


def test_practice_form_with_errors_has_the_error_summary_first(client, liaison, inspection_a):
    client.force_login(liaison)
    response = client.post(reverse("inspections:practice_submit"), {"title": ""})
    html = response.content.decode()
    _classes_ok(html)
    assert "<title>Error: " in html
    assert html.index("govuk-error-summary") < html.index("<h1")
    assert "govuk-form-group--error" in html


def test_import_preview_is_on_the_govuk_base(client, admin_user, force_a):
    client.force_login(admin_user)
    for body, problem in (
        (b"force,indicator,year,value\nForce A,KDI,2008,50\n", False),
        (b"force,indicator,year,value\nForce A,KDI,2008,150\n", True),
    ):
        upload = SimpleUploadedFile("r.csv", body, content_type="text/csv")
        response = client.post(reverse("grading:indicator_import"), {"file": upload})
        html = response.content.decode()
        _classes_ok(html)
        assert ("govuk-error-summary" in html) is problem


def test_filtered_lists_show_each_selected_filter_as_a_removable_tag(
    client, alice, inspection_a, force_a
):
    client.force_login(alice)
    region = force_a.region
    for name, args, query, value in (
        ("inspections:national_grades", [2008], f"region={region.pk}", region.name),
        ("inspections:programme_indicators", [2008], f"region={region.pk}", region.name),
        ("inspections:practice_library", [], "words=harbour", "harbour"),
    ):
        url = reverse(name, args=args)
        html = client.get(f"{url}?{query}").content.decode()
        assert f"Remove this filter:</span> {value}</a>" in html, name
        assert f'href="{url}"' in html  # removing the only filter leads back to the whole list
