import datetime

import pytest

from forces.models import Force
from grading.models import Criterion, GradeLevel, Indicator
from grading.significance import MsfCall, TrendCall
from inspections.models import (
    AreaAssessment,
    EvidenceKind,
    InspectionGlossaryEntry,
    Programme,
    PublishedIndicatorCall,
)
from inspections.services import inspection_create
from reports.exporting import inspection_export
from tests.factories import ForceFactory
from tests.inspections.outcome_support import EXPECTED, like_staffordshire
from tests.reports.export_support import fill, item, leaf, practice, schema_validate

PVP = "Protecting vulnerable people"


@pytest.fixture
def staffordshire(programme_2008, hmi):
    force = Force.objects.get(name="Staffordshire")
    like_staffordshire(force)
    return inspection_create(force=force, programme=programme_2008, lead=hmi)


@pytest.fixture
def inspection_2007(reference, force_a, hmi):
    return inspection_create(force=force_a, programme=Programme.objects.get(year=2007), lead=hmi)


def _area(document, name):
    return next(area for area in document["areas"] if area["name"] == name)


def test_filled_inspection_validates_against_the_schema(inspection_a):
    fill(inspection_a)
    inspection_a.publication_date = datetime.date(2008, 9, 15)
    inspection_a.save()
    area = inspection_a.areas.get(framework__code="np")
    area.final_grade = GradeLevel.objects.get(label="Meeting the standard")
    area.save()

    document = inspection_export(inspection=inspection_a)

    schema_validate(document)
    assert document["force"] == "Force A"
    assert document["programme"] == "2008"
    assert document["published"] == "2008-09"
    assert document["grading_scheme"] == "standards"
    assert [a["name"] for a in document["areas"]] == [
        "Neighbourhood Policing",
        "Developing Citizen Focus Policing",
    ]
    assert [a["grade"] for a in document["areas"]] == ["Meeting the standard", None]


def test_staffordshire_with_indicators_validates_against_the_schema(staffordshire):
    schema_validate(inspection_export(inspection=staffordshire))


def test_unpublished_empty_inspection_validates_with_nulls(inspection_a):
    document = inspection_export(inspection=inspection_a)

    schema_validate(document)
    assert document["published"] is None
    criterion = document["areas"][0]["criteria"][0]
    assert criterion["summary_statements"] == []
    assert criterion["strengths"] == criterion["areas_for_improvement"] == []


def test_criteria_follow_the_framework_tree_not_creation_order(inspection_a):
    np = inspection_a.areas.get(framework__code="np").framework
    leaves = Criterion.objects.filter(framework=np, children__isnull=True)
    expected = [criterion.heading for criterion in leaves.in_tree_order()]

    document = inspection_export(inspection=inspection_a)

    headings = [c["heading"] for c in _area(document, "Neighbourhood Policing")["criteria"]]
    assert headings == expected
    assert headings[0] == "Neighbourhoods are appropriately staffed."
    # Parent criteria are headings grouping their children, never criteria of their own.
    assert len(headings) == 6


def test_items_keep_report_order_nesting_leads_and_sources(inspection_a):
    row = leaf(inspection_a, "np", "1.2")
    second = item(row, "Ward panels meet monthly.", order=2, source="", lead="")
    first = item(row, "Every ward has a named officer.", order=1, lead="Visible teams")
    item(row, "Posters name the officer.", order=2, parent=first, source="document_review")
    item(row, "Officers answer e-mails within a day.", order=1, parent=first, source="data")
    item(row, "Surgeries are poorly attended.", order=1, kind=EvidenceKind.AREA_FOR_IMPROVEMENT)

    document = inspection_export(inspection=inspection_a)

    criterion = _area(document, "Neighbourhood Policing")["criteria"][1]
    assert criterion["strengths"] == [
        {
            "text": "Every ward has a named officer.",
            "lead": "Visible teams",
            "source": "interview",
            "children": [
                {
                    "text": "Officers answer e-mails within a day.",
                    "lead": None,
                    "source": "data",
                    "children": [],
                },
                {
                    "text": "Posters name the officer.",
                    "lead": None,
                    "source": "document_review",
                    "children": [],
                },
            ],
        },
        {"text": second.text, "lead": None, "source": None, "children": []},
    ]
    assert criterion["work_in_progress"] == []
    assert [i["text"] for i in criterion["areas_for_improvement"]] == [
        "Surgeries are poorly attended."
    ]


def test_summary_statement_is_split_on_blank_lines(inspection_a):
    row = leaf(inspection_a, "np", "1.1")
    row.statement = "  Teams are fully staffed.  \n\n\n\nAbstractions are rare.\n\n  "
    row.save()

    document = inspection_export(inspection=inspection_a)

    criterion = _area(document, "Neighbourhood Policing")["criteria"][0]
    assert criterion["summary_statements"] == ["Teams are fully staffed.", "Abstractions are rare."]


def test_2007_areas_carry_their_group_and_one_criterion_without_heading(inspection_2007):
    area = AreaAssessment.objects.get(inspection=inspection_2007, framework__code="pvp-child-abuse")
    area.final_grade = GradeLevel.objects.get(label="Good")
    area.save()
    item(leaf(inspection_2007, "pvp-child-abuse", "1"), "Referrals are triaged daily.", order=1)

    document = inspection_export(inspection=inspection_2007)

    schema_validate(document)
    assert document["grading_scheme"] == "four-point"
    assert document["programme"] == "2007"
    names = [a["name"] for a in document["areas"]]
    # Areas keep the programme's order; those of a group are named after it.
    assert len(names) == 7
    assert names[0] == "Neighbourhood Policing"
    assert names[2:4] == [f"{PVP} – Overview", f"{PVP} – Child Abuse"]
    child_abuse = _area(document, f"{PVP} – Child Abuse")
    assert child_abuse["grade"] == "Good"
    assert len(child_abuse["criteria"]) == 1
    assert child_abuse["criteria"][0]["heading"] is None
    assert child_abuse["criteria"][0]["strengths"][0]["text"] == "Referrals are triaged daily."


def test_indicators_give_figures_published_and_engine_calls(staffordshire):
    area = staffordshire.areas.get(framework__code="np")
    PublishedIndicatorCall.objects.create(
        area=area,
        indicator=Indicator.objects.get(code="SPI 2a"),
        vs_msf=MsfCall.WORSE,
        vs_previous="",
    )

    document = inspection_export(inspection=staffordshire)

    np = {i["code"]: i for i in _area(document, "Neighbourhood Policing")["indicators"]}
    assert list(np) == ["SPI 2a", "KDI", "SPI 10b"]
    assert np["SPI 2a"]["value"] == 47.1
    assert np["SPI 2a"]["previous_value"] == 47.4
    assert np["SPI 2a"]["msf_difference"] == -5.2
    assert np["SPI 2a"]["change"] == -0.4
    assert np["SPI 2a"]["published_calls"] == {"vs_msf": "significantly worse", "vs_previous": None}
    assert np["KDI"]["published_calls"] == {"vs_msf": None, "vs_previous": None}
    for code, indicator in np.items():
        vs_msf, vs_previous = EXPECTED[code]
        assert indicator["calls"] == {"vs_msf": str(vs_msf), "vs_previous": str(vs_previous)}
    dcfp_area = _area(document, "Developing Citizen Focus Policing")
    dcfp = {i["code"]: i for i in dcfp_area["indicators"]}
    assert dcfp["SPI 3b"]["calls"] == {"vs_msf": None, "vs_previous": str(TrendCall.UNCHANGED)}
    assert dcfp["SPI 3b"]["msf_difference"] is None


def test_indicators_without_a_result_this_year_are_left_out(inspection_a):
    document = inspection_export(inspection=inspection_a)

    assert all(area["indicators"] == [] for area in document["areas"])


def test_developing_practice_per_area_in_report_order(inspection_a):
    practice(inspection_a, "Zebra crossings watch", outcomes="Fewer collisions.")
    practice(inspection_a, "After-school patrols", selected_for_publication=True)
    practice(inspection_a, "Victim call-backs", code="dcfp")

    document = inspection_export(inspection=inspection_a)

    np = _area(document, "Neighbourhood Policing")["developing_practice"]
    assert [p["title"] for p in np] == ["Zebra crossings watch", "After-school patrols"]
    assert np[0]["outcomes"] == "Fewer collisions."
    assert np[1]["outcomes"] == ""
    dcfp = _area(document, "Developing Citizen Focus Policing")["developing_practice"]
    assert [p["title"] for p in dcfp] == ["Victim call-backs"]


def test_glossary_falls_back_to_reference_terms_used_as_whole_words(inspection_a):
    row = leaf(inspection_a, "np", "1.1")
    row.statement = "Every PCSO is in post."
    row.save()
    item(row, "The NPIA course ran and it helped; NPs and SNPT are not terms.", order=1)
    item(row, "Meetings with the CDRP.", order=2, lead="Partners (PACT)")

    glossary = inspection_export(inspection=inspection_a)["glossary"]

    # NP only appears inside NPIA and NPs, IT only as "it": neither is used.
    abbreviations = [entry["abbreviation"] for entry in glossary]
    assert abbreviations == ["CDRP", "NPIA", "PACT", "PCSO"]
    assert glossary[-1] == {
        "abbreviation": "PCSO",
        "meaning": "police community support officer",
    }


def test_printed_glossary_wins_in_its_order(inspection_a):
    row = leaf(inspection_a, "np", "1.1")
    row.statement = "Every PCSO is in post."
    row.save()
    InspectionGlossaryEntry.objects.create(
        inspection=inspection_a, order=2, abbreviation="ACPO", meaning="Chief officers' body"
    )
    InspectionGlossaryEntry.objects.create(
        inspection=inspection_a, order=1, abbreviation="ZZ", meaning="Last letter twice"
    )

    glossary = inspection_export(inspection=inspection_a)["glossary"]

    assert glossary == [
        {"abbreviation": "ZZ", "meaning": "Last letter twice"},
        {"abbreviation": "ACPO", "meaning": "Chief officers' body"},
    ]


def test_export_is_constant_query(inspection_a, programme_2008, hmi, django_assert_max_num_queries):
    fill(inspection_a)
    big = inspection_create(force=ForceFactory(), programme=programme_2008, lead=hmi)
    fill(big, items_per_list=4)
    like_staffordshire(big.force)

    with django_assert_max_num_queries(20) as small_queries:
        small = inspection_export(inspection=inspection_a)
    with django_assert_max_num_queries(len(small_queries)) as big_queries:
        large = inspection_export(inspection=big)

    assert len(big_queries) == len(small_queries)
    count = sum(len(c["strengths"]) for a in large["areas"] for c in a["criteria"])
    assert count == 4 * sum(len(c["strengths"]) for a in small["areas"] for c in a["criteria"])
