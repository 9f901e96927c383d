"""Every report of the family reads alike, whatever mark-up its conversion gave it.

`markup_mutator` rewrites each of the three published reports in ../shared/seeds in
variants that combine the mark-ups conversions are seen to produce (tags, emphasis,
headings, table cells and rules, bullets and indentation, page breaks, list labels,
criterion headings, line ends, spaces, quotes, escapes); Hypothesis picks the combinations
with a fixed, database-less profile, so a run is repeatable. Each variant must parse to the
same structure as the original (`canonical_force` / `canonical_thematic`). Parsing needs the
catalogue alone, never the database, so a variant costs one parse.
"""

from pathlib import Path

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspections.models import Programme
from reports.importer.build import catalogue_for
from reports.importer.force_report import parse_force_report
from reports.importer.service import decode, report_import
from reports.importer.text import read_lines
from reports.importer.thematic import ThematicReader, is_thematic
from reports.models import ReportImport
from tests.conftest import require_service
from tests.reports.family_canonical import canonical_force, canonical_thematic
from tests.reports.markup_mutator import mutate
from tests.reports.markup_variants import OPTIONS, Variant, describe

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
REPORTS = {
    "staffordshire-2008-np-dcfp.txt": 2008,
    "staffordshire-2007-np-pm-pvp.txt": 2007,
    "thematic-2008-np-dcfp.txt": 2008,
}
settings.register_profile(
    "report-family",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=25,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
LISTS = ("strengths", "work_in_progress", "areas_for_improvement")
VARIANTS = st.builds(
    Variant,
    seed=st.integers(0, 2**16),
    **{name: st.sampled_from(values) for name, values in OPTIONS.items()},
)


def parse(text: str, catalogue):
    lines = read_lines(text)
    if is_thematic(lines):
        return ThematicReader(catalogue).read(lines)
    return parse_force_report(lines, catalogue)


def canonical(report) -> dict:
    if hasattr(report, "areas"):
        return canonical_force(report)
    return canonical_thematic(report)


def criterion_lines(report) -> set[int]:
    """The lines of the original that print a criterion heading."""
    return {
        criterion.line
        for area in getattr(report, "areas", [])
        for criterion in area.criteria
        if not criterion.heading_inferred and criterion.heading
    }


@pytest.fixture
def original(request, reference):
    name = request.param
    path = SEEDS / name
    require_service(path.exists(), f"the shared seed reports are not at {SEEDS}")
    catalogue = catalogue_for(Programme.objects.get(year=REPORTS[name]))
    text = decode(path.read_bytes())
    report = parse(text, catalogue)
    return text, catalogue, report


@pytest.mark.django_db
@pytest.mark.parametrize("original", list(REPORTS), indirect=True)
def test_every_markup_variant_reads_as_the_original(original):
    """Same structure, and no line the original understood is not understood in a variant;
    the lists and items the coverage counts per area are the same too."""
    text, catalogue, report = original
    expected, headings = canonical(report), criterion_lines(report)
    coverage = report.coverage

    @settings(settings.get_profile("report-family"))
    @given(variant=VARIANTS)
    def check(variant):
        read = parse(mutate(text, variant, headings), catalogue)
        assert canonical(read) == expected, describe(variant)
        assert read.coverage["lines_not_understood"] == coverage["lines_not_understood"]
        assert read.coverage.get("areas") == coverage.get("areas"), describe(variant)

    check()


@pytest.mark.django_db
@pytest.mark.parametrize("original", ["staffordshire-2008-np-dcfp.txt"], indirect=True)
def test_import_keeps_its_coverage_and_the_admin_shows_it(original, staff_client):
    text, _, report = original
    result = report_import(data=text.encode(), source_name="family.txt")
    coverage = result.summary["coverage"]
    assert ReportImport.objects.get(pk=result.report_import_id).coverage == coverage
    parts = ("lines_used", "lines_standard_text", "lines_not_understood", "lines_page_furniture")
    assert coverage["lines"] == sum(coverage[key] for key in parts)
    assert coverage["lines_used"] > coverage["lines_standard_text"] > 0
    np_area = coverage["areas"][0]
    assert np_area["items"] == sum(
        c[kind] for c in result.summary["areas"][0]["criteria"] for kind in c if kind in LISTS
    )
    page = staff_client.get(
        reverse("admin:reports_reportimport_change", args=[result.report_import_id])
    )
    assert "How much of the file was used" in page.content.decode()
    assert f'<td class="app-num">{coverage["lines_used"]}</td>' in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("original", ["staffordshire-2008-np-dcfp.txt"], indirect=True)
def test_a_heading_with_extra_words_keeps_the_printed_wording(original):
    text, _, report = original
    variant = Variant(criteria="extra", seed=3)
    mutated = mutate(text, variant, criterion_lines(report))
    result = report_import(data=mutated.encode(), source_name="family.txt", dry_run=True)
    criteria = [c for area in result.summary["areas"] for c in area["criteria"]]
    printed = [c for c in criteria if "printed_heading" in c]
    assert printed and all("(" in c["printed_heading"] for c in printed)
    assert all("(" not in (c["heading"] or "") for c in criteria)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<h3>Strengths</h3>", {"heading": 3, "text": "Strengths"}),
        ('<p><span class="c2">Work in progress</span></p>', {"text": "Work in progress"}),
        ("<tr><td><b>GRADE</b></td><td>GOOD</td></tr>", {"cells": ["GRADE", "GOOD"]}),
        ("| Excellent | Good |", {"cells": ["Excellent", "Good"]}),
        ("|---|:---:|", {"rule": True}),
        ("\t- a sub-point", {"bullet": 1, "indent": 4, "text": "a sub-point"}),
        ("<li>an item</li>", {"bullet": 0, "text": "an item"}),
        ("Page 12 of 40", {"footer": True}),
        ("SEPT 2009", {"footer": True}),
        ("co\\-ordinated\u00a0work ", {"text": "co-ordinated work"}),
        ("2. a numbered item", {"bullet": None, "tentative": ("a numbered item", None)}),
    ],
)
def test_each_line_is_normalised_before_it_is_read(raw, expected):
    (line,) = read_lines(raw + "\r\n")
    assert {key: getattr(line, key) for key in expected} == expected


def test_sub_points_are_decided_by_the_list_not_by_a_fixed_indentation():
    from reports.importer.lists import ListBuilder
    from reports.importer.notes import Notes

    source = "  • first\n    • its sub-point\n  • second\n  o its sub-point\n  • third"
    items = []
    builder = ListBuilder(items, Notes())
    for line in read_lines(source):
        builder.add(line)
    assert [(i.text, [c.text for c in i.children]) for i in items] == [
        ("first", ["its sub-point"]),
        ("second", ["its sub-point"]),
        ("third", []),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("original", ["staffordshire-2008-np-dcfp.txt"], indirect=True)
def test_headings_left_out_are_inferred_from_their_place(original):
    text, catalogue, report = original
    mutated = mutate(text, Variant(criteria="missing"), criterion_lines(report))
    read = parse(mutated, catalogue)

    def inferred(parsed):
        return [c.criterion_order for a in parsed.areas for c in a.criteria if c.heading_inferred]

    assert len(inferred(read)) > len(inferred(report))
    assert canonical(read) == canonical(report)
