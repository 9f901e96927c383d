"""The importer reads the same report alike in markdown, HTML fragments and plain text.

The fixtures are one invented report of Cumbria Constabulary (see import_support). Each test
imports a variant and checks what was read against what the fixture prints.
"""

import datetime

import pytest

from grading.models import IndicatorResult
from grading.significance import MsfCall, TrendCall
from inspections.models import (
    AssessmentStatus,
    DevelopingPractice,
    EvidenceItem,
    Inspection,
    InspectionStatus,
)
from reports.exporting import inspection_export
from reports.models import ImportKind, ReportImport
from tests.reports.import_support import (
    DCFP,
    EMPHASISED,
    FORCE,
    HTML,
    INFERRED_HEADING,
    INFERRED_LINE,
    MARKDOWN,
    NP,
    PLAIN,
    VARIANTS,
    area,
    comparable,
    criterion,
    fixture_bytes,
    import_fixture,
    leads_folded,
    texts,
)

LIST_COUNTS = {
    # (strengths, work in progress, areas for improvement) per leaf criterion, in order.
    NP: [(4, 1, 0), (3, 1, 2), (1, 0, 0), (1, 0, 0), (1, 0, 1), (1, 1, 0)],
    DCFP: [(2, 1, 0), (1, 1, 0), (1, 0, 1)],
}
NP_INDICATORS = [
    {
        "code": "SPI 2a",
        "value": 41.0,
        "previous_value": 40.1,
        "msf_difference": 6.0,
        "change": 0.9,
        "published_calls": {"vs_msf": MsfCall.BETTER.value, "vs_previous": TrendCall.UNCHANGED},
    },
    {
        "code": "KDI",
        "value": 47.5,
        "previous_value": 41.2,
        "msf_difference": 1.0,
        "change": 6.3,
        "published_calls": {"vs_msf": MsfCall.SAME.value, "vs_previous": TrendCall.IMPROVED},
    },
    {
        "code": "SPI 10b",
        "value": 12.4,
        "previous_value": 13.0,
        "msf_difference": -0.8,
        "change": -0.6,
        "published_calls": {"vs_msf": MsfCall.SAME.value, "vs_previous": TrendCall.UNCHANGED},
    },
]
FOOTER_SPLIT_ITEM = (
    "Officers and PCSOs attend a two-day course on joining, and PCSOs are offered refresher "
    "training every year through a rolling programme run by the learning centre."
)
NP_JUDGEMENT = (
    "After moderation the force was judged to meet the standard; its teams are settled and "
    "well known locally."
)


def _import(name, user):
    result = import_fixture(name, user=user)
    inspection = Inspection.objects.get(pk=result.inspection_id)
    return result, inspection, inspection_export(inspection=inspection)


def _indicators(document, area_name):
    keys = ("code", "value", "previous_value", "msf_difference", "change", "published_calls")
    return [{key: row[key] for key in keys} for row in area(document, area_name)["indicators"]]


@pytest.mark.parametrize("name", VARIANTS)
def test_each_mark_up_imports_as_one_published_inspection(alice, name):
    result, inspection, document = _import(name, alice)

    assert result.kind == ImportKind.FORCE
    assert inspection.force.name == FORCE
    assert inspection.programme.year == 2008
    assert inspection.status == InspectionStatus.PUBLISHED
    assert inspection.publication_date == datetime.date(2008, 10, 1)
    assert [(a["name"], a["grade"]) for a in document["areas"]] == [
        (NP, "Meeting the standard"),
        (DCFP, "Exceeding the standard"),
    ]
    assert {a.status for a in inspection.areas.all()} == {AssessmentStatus.PUBLISHED}
    record = ReportImport.objects.get(pk=result.report_import_id)
    assert (record.source_name, record.imported_by, record.inspection) == (name, alice, inspection)
    assert record.size == len(fixture_bytes(name))
    assert record.warnings == result.warnings


def test_markdown_and_html_give_the_same_export_and_warnings(alice):
    markdown_result, _, markdown = _import(MARKDOWN, alice)
    Inspection.objects.all().delete()
    html_result, _, html = _import(HTML, alice)

    assert comparable(html) == comparable(markdown)
    assert html_result.warnings == markdown_result.warnings
    assert html_result.summary == markdown_result.summary


def test_plain_text_gives_the_same_export_once_leads_are_run_into_their_text(alice):
    _, _, markdown = _import(MARKDOWN, alice)
    Inspection.objects.all().delete()
    _, _, plain = _import(PLAIN, alice)

    assert comparable(leads_folded(plain)) == comparable(leads_folded(markdown))


@pytest.mark.parametrize("name", VARIANTS)
def test_list_counts_per_criterion(alice, name):
    _, _, document = _import(name, alice)

    for area_name, expected in LIST_COUNTS.items():
        counts = [
            (len(c["strengths"]), len(c["work_in_progress"]), len(c["areas_for_improvement"]))
            for c in area(document, area_name)["criteria"]
        ]
        assert counts == expected, area_name


@pytest.mark.parametrize("name", EMPHASISED)
def test_emphasised_lead_phrases_are_kept_apart_from_the_item_text(alice, name):
    _, _, document = _import(name, alice)

    staffing = criterion(document, NP, 1)["strengths"][1]
    assert (staffing["lead"], staffing["text"]) == (
        "Staffing model.",
        "Team sizes follow a demand study that the force repeats each spring.",
    )
    engagement = criterion(document, NP, 2)
    assert [i["lead"] for i in engagement["strengths"]] == ["PACT meetings.", None, None]
    assert [i["lead"] for i in engagement["areas_for_improvement"]] == [None, "Feedback."]
    assert criterion(document, DCFP, 1)["strengths"][1]["lead"] == "Listening days."
    paperwork = criterion(document, DCFP, 1)["work_in_progress"][0]
    assert paperwork["lead"] == "Less paperwork."
    assert paperwork["text"].startswith("The force has four projects under way")
    assert paperwork["children"][-1]["lead"] == "Radio logging."
    assert paperwork["children"][-1]["text"] == (
        "Stop details are passed by radio instead of on paper."
    )


def test_plain_text_keeps_the_lead_phrase_inside_the_item_text(alice):
    _, _, document = _import(PLAIN, alice)

    staffing = criterion(document, NP, 1)["strengths"][1]
    assert staffing["lead"] is None
    assert staffing["text"] == (
        "Staffing model. Team sizes follow a demand study that the force repeats each spring."
    )


@pytest.mark.parametrize("name", EMPHASISED)
def test_lead_only_sub_point_keeps_the_paragraph_printed_below_it(alice, name):
    _, _, document = _import(name, alice)

    paperwork = criterion(document, DCFP, 1)["work_in_progress"][0]
    assert paperwork["text"] == "The force has four projects under way to free officers' time:"
    assert [(c["lead"], c["text"]) for c in paperwork["children"]] == [
        ("Crime recording.", "A one-page form now covers most low-level crimes."),
        ("Radio logging.", "Stop details are passed by radio instead of on paper."),
    ]


@pytest.mark.parametrize("name", VARIANTS)
def test_sub_points_become_children_of_the_item_above(alice, name):
    _, inspection, document = _import(name, alice)

    staffing = criterion(document, NP, 1)["strengths"][1]
    assert texts(staffing["children"]) == [
        "Rural wards share a mobile team that covers the fells at weekends.",
        "Town centre teams add two PCSOs on market days.",
    ]
    surgeries = criterion(document, NP, 2)["strengths"][2]
    assert surgeries["text"] == (
        "Teams run joint surgeries with the fire & rescue service in village halls."
    )
    assert texts(surgeries["children"]) == [
        "Attendance is counted at each surgery.",
        "Priorities agreed there are posted on the force website within a week.",
    ]
    children = EvidenceItem.objects.filter(
        criterion_assessment__area__inspection=inspection, parent__text=surgeries["text"]
    )
    assert [(c.order, c.kind) for c in children.order_by("order")] == [
        (1, "strength"),
        (2, "strength"),
    ]


@pytest.mark.parametrize("name", VARIANTS)
def test_item_split_by_a_page_footer_is_joined_into_one(alice, name):
    _, inspection, document = _import(name, alice)

    strengths = criterion(document, NP, 1)["strengths"]
    assert strengths[2]["text"] == FOOTER_SPLIT_ITEM
    assert strengths[3]["text"].startswith("Abstractions are logged daily")
    assert not EvidenceItem.objects.filter(text__icontains="October 2008").exists()
    assert not EvidenceItem.objects.filter(text__startswith="training every year").exists()


@pytest.mark.parametrize("name", VARIANTS)
def test_none_identified_lists_are_empty_whether_bulleted_or_not(alice, name):
    _, inspection, document = _import(name, alice)

    # NP 1.1 prints 'None identified.' alone; NP 1.3 prints it as a bullet in one list and
    # alone in the next.
    assert criterion(document, NP, 1)["areas_for_improvement"] == []
    joint = criterion(document, NP, 3)
    assert joint["work_in_progress"] == []
    assert joint["areas_for_improvement"] == []
    assert texts(joint["strengths"]) == [
        "Every problem-solving plan is held on one shared database that partners can read."
    ]
    assert not EvidenceItem.objects.filter(text__icontains="none identified").exists()


@pytest.mark.parametrize("name", VARIANTS)
def test_statements_are_read_with_or_without_a_summary_statement_heading(alice, name):
    _, _, document = _import(name, alice)

    assert criterion(document, NP, 1)["summary_statements"] == [
        "Every BCU puts neighbourhood officers and PCSOs where local demand needs them."
    ]
    # NP 1.2 prints its statement straight after its heading, with no 'Summary statement'.
    assert criterion(document, NP, 2)["summary_statements"] == [
        "Residents in most neighbourhoods help to choose local priorities with their police "
        "and partners."
    ]
    assert criterion(document, NP, 4)["summary_statements"] == [
        "Across the three survey measures the force does significantly better than its most "
        "similar forces (MSF).",
        "Two years on, the survey results have significantly improved overall.",
    ]


@pytest.mark.parametrize("name", VARIANTS)
def test_inferred_criterion_heading_is_warned_of_with_its_line_number(alice, name):
    result, _, document = _import(name, alice)

    assert {
        "line": INFERRED_LINE,
        "message": f"criterion heading missing; read as '{INFERRED_HEADING}' from its position",
    } in result.warnings
    first = result.summary["areas"][0]["criteria"][0]
    assert (first["heading"], first["heading_inferred"], first["line"]) == (
        INFERRED_HEADING,
        True,
        INFERRED_LINE,
    )
    others = [c for a in result.summary["areas"] for c in a["criteria"]][1:]
    assert not any(c["heading_inferred"] for c in others)
    assert criterion(document, NP, 1)["heading"] == INFERRED_HEADING


@pytest.mark.parametrize("name", EMPHASISED)
def test_indicator_table_and_sentences_give_figures_and_published_calls(alice, name):
    _, inspection, document = _import(name, alice)

    assert _indicators(document, NP) == NP_INDICATORS
    assert _indicators(document, DCFP) == []
    saved = IndicatorResult.objects.filter(force=inspection.force, indicator__code="SPI 2a")
    assert sorted((r.year, float(r.value)) for r in saved) == [(2006, 40.1), (2008, 41.0)]
    calls = area(document, NP)["indicators"]
    # The product's own significance engine agrees with every call the report printed.
    assert [c["calls"] for c in calls] == [c["published_calls"] for c in NP_INDICATORS]


def test_plain_text_indicator_headings_give_figures_and_published_calls(alice):
    _, _, document = _import(PLAIN, alice)

    assert _indicators(document, NP) == NP_INDICATORS


@pytest.mark.parametrize("name", VARIANTS)
def test_grade_box_gives_the_grade_and_judgement(alice, name):
    _, inspection, _ = _import(name, alice)

    np_area = inspection.areas.get(framework__code="np")
    assert np_area.final_grade.label == np_area.proposed_grade.label == "Meeting the standard"
    if name != PLAIN:
        assert np_area.grade_rationale == NP_JUDGEMENT


def test_plain_text_judgement_heading_keeps_the_judgement(alice):
    result, inspection, _ = _import(PLAIN, alice)

    assert inspection.areas.get(framework__code="np").grade_rationale == NP_JUDGEMENT
    assert not [w for w in result.warnings if "not understood" in w["message"]]


@pytest.mark.parametrize("name", VARIANTS)
def test_developing_practice_entries_are_read_into_their_areas(alice, name):
    _, inspection, document = _import(name, alice)

    assert area(document, NP)["developing_practice"] == [
        {
            "title": "Ward walks with parish councillors",
            "problem": "Parish councillors felt they heard about local crime only after it had "
            "happened.",
            "solution": "Each neighbourhood sergeant now walks the ward once a month with its "
            "councillors.\n\nNotes of each walk go to the next PACT meeting.",
            "outcomes": "Councillors now bring problems to the team before they reach the "
            "newspapers.",
        }
    ]
    assert [p["title"] for p in area(document, DCFP)["developing_practice"]] == [
        "A call-back promise for victims of vehicle crime"
    ]
    contacts = DevelopingPractice.objects.filter(inspection=inspection).order_by("pk")
    assert [(p.framework.code, p.contact) for p in contacts] == [
        ("np", "Inspector A. Example, Neighbourhood Policing, North BCU"),
        ("dcfp", "Sergeant B. Example, Contact Centre"),
    ]
    assert all(p.selected_for_publication for p in contacts)


@pytest.mark.parametrize("name", VARIANTS)
def test_glossary_is_read_whatever_its_letter_headings_look_like(alice, name):
    _, _, document = _import(name, alice)

    glossary = [(g["abbreviation"], g["meaning"]) for g in document["glossary"]]
    assert len(glossary) == 9
    assert glossary[0] == ("ACPO", "Association of Chief Police Officers")
    assert ("KDI", "key diagnostic indicator") in glossary
    assert glossary[-1] == ("SPI", "statutory performance indicator")


@pytest.mark.parametrize("name", VARIANTS)
def test_mark_up_entities_and_footnote_markers_do_not_reach_the_text(alice, name):
    _, _, document = _import(name, alice)

    engagement = criterion(document, NP, 2)["strengths"]
    assert engagement[1]["text"] == (
        "The force newsletter Safer Cumbria reaches every household twice a year."
    )
    panel = criterion(document, NP, 5)["strengths"][0]["text"]
    assert panel == "A panel of 900 residents answers a short survey by post every six months."
    sustainable = criterion(document, NP, 6)["strengths"][0]["text"]
    assert sustainable == "Funding for all PCSO posts is now in the force's base budget."
    every_text = [item.text for item in EvidenceItem.objects.all()] + [
        a["criteria"][0]["summary_statements"][0] for a in document["areas"]
    ]
    assert not [t for t in every_text if any(mark in t for mark in ("<", "**", "&amp;", "*"))]


@pytest.mark.parametrize("name", VARIANTS)
def test_force_overview_sections_and_table_are_read(alice, name):
    _, inspection, _ = _import(name, alice)

    assert inspection.geography.startswith("Fells, lakes and a long coastline")
    assert inspection.strategic_priorities.splitlines() == [
        "For 2008/09 the force has chosen to:",
        "- make every neighbourhood feel safer;",
        "- lift the satisfaction of victims of crime; and",
        "- cut serious violence on the roads and in the towns.",
    ]
    assert inspection.developments.startswith("A new call-handling centre")
    table = inspection.overview_tables.get()
    assert table.header == ["District", "Population", "Households"]
    assert table.rows[0] == ["North", "151,000", "66,000"]
    assert len(table.rows) == 3
