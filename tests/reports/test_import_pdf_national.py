"""PDF import of the national report: the national report the product prints imports back to
what it printed (month, recommendations with their addressees and paragraphs, every force's
grades, the glossary), whether its programme came from an imported report or was built in the
product; a draft is refused.

Each report is set up and printed inside a transaction that is rolled back (WeasyPrint is
slow, so once for the module), and each test imports the PDF into the reference data alone.
"""

import datetime
import re

import pytest
from django.db import transaction

from forces.models import Force
from inspections.models import Inspection, Programme, PublishedGrade, Recommendation
from inspections.services import inspection_create
from reports.importer.errors import ImportRefused
from reports.importer.service import report_import
from reports.importer.thematic import DRAFT_REFUSED
from reports.models import ReportImport
from reports.rendering.engine import html_to_pdf
from reports.rendering.national import national_report_document
from reports.rendering.national_data import national_report_data
from tests.conftest import require_service
from tests.factories import UserFactory
from tests.reports.national_support import EXCEEDS, FAILS, MEETS, THEMATIC, publish, recommend

pytestmark = pytest.mark.django_db

# Written for these tests: two paragraphs, an abbreviation of the glossary, a named addressee.
BUILT_RECOMMENDATIONS = [
    (
        1,
        "Forces should publish, every quarter, how quickly they return calls from victims.\n\n"
        "The ACPO lead should gather those figures into one national picture each year.",
        "chief officers, Association of Chief Police Officers",
    ),
    (2, "Police authorities should review how their forces record neighbourhood meetings.", ""),
]


class _RolledBack(Exception):
    pass


def _printed(programme_id: int) -> dict:
    """What the national report prints of its records, in a form two reports can compare
    (whitespace collapsed: a PDF may set a paragraph break as a space)."""
    data = national_report_data(programme_id=programme_id)
    return {
        "year": data["programme"]["year"],
        "month": data["programme"]["month"],
        "recommendations": [
            (item["number"], " ".join(item["text"].split()), item["addressed_to"])
            for item in data["recommendations"]
        ],
        "grades": {
            row["force"]: [cell["label"] for cell in row["cells"]]
            for region in data["regions"]
            for row in region["rows"]
        },
        "glossary": data["glossary"],
    }


def _imported_programme() -> int:
    return report_import(data=THEMATIC.read_bytes(), source_name=THEMATIC.name).programme_id


def _built_programme(*, draft: bool = False) -> int:
    """The 2008 programme as the product builds it: two forces inspected and published (one
    only, for a draft), recommendations written, and one of 2007 whose progress is printed
    after them."""
    programme = Programme.objects.get(year=2008)
    lead = UserFactory(username="lead-national")
    inspections = [
        inspection_create(force=Force.objects.get(name=name), programme=programme, lead=lead)
        for name in ("Staffordshire", "Cumbria")
    ]
    publish(inspections[0], np=EXCEEDS, dcfp=MEETS)
    if not draft:
        publish(inspections[1], np=MEETS, dcfp=FAILS)
    Inspection.objects.filter(pk__in=[i.pk for i in inspections]).update(
        publication_date=datetime.date(2009, 2, 17)
    )
    for number, text, addressed_to in BUILT_RECOMMENDATIONS:
        recommend(programme, number, text, addressed_to)
    recommend(Programme.objects.get(year=2007), 1, "Forces should train every call handler.")
    return programme.pk


def _print(build) -> tuple[bytes, dict]:
    programme_id = build()
    document = national_report_document(programme_id=programme_id)
    return html_to_pdf(document.html).pdf, _printed(programme_id)


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker):
    require_service(THEMATIC.exists(), f"the shared seed report is not at {THEMATIC}")
    found = {}
    builds = {
        "imported": _imported_programme,
        "built": _built_programme,
        "draft": lambda: _built_programme(draft=True),
    }
    with django_db_blocker.unblock():
        for key, build in builds.items():
            try:
                with transaction.atomic():
                    found[key] = _print(build)
                    raise _RolledBack
            except _RolledBack:
                pass
    return found


@pytest.mark.parametrize("key", ["imported", "built"])
def test_a_printed_national_report_imports_back_to_what_it_printed(reference, printed, key):
    pdf, expected = printed[key]

    result = report_import(data=pdf, source_name=f"national-{key}.pdf")

    assert result.kind == "thematic"
    assert _printed(result.programme_id) == expected
    assert result.summary["coverage"]["lines_not_understood"] == 0


def test_the_seed_round_trip_keeps_every_force_and_the_exceptional_grades(reference, printed):
    pdf, expected = printed["imported"]

    result = report_import(data=pdf, source_name="national.pdf")

    grades = PublishedGrade.objects.filter(programme_id=result.programme_id)
    assert grades.values("force").distinct().count() == 43
    assert sorted(
        grades.filter(grade__label=EXCEEDS).values_list("force__name", "framework__code")
    ) == [
        ("Dorset", "dcfp"),
        ("Hertfordshire", "dcfp"),
        ("Lancashire", "dcfp"),
        ("Lancashire", "np"),
    ]
    assert len(expected["recommendations"]) == 10
    assert {"abbreviation": "HMIC", "meaning": "Her Majesty's Inspectorate of Constabulary"} in (
        expected["glossary"]
    )


def test_a_built_report_keeps_paragraphs_addressees_and_forces_not_graded(reference, printed):
    pdf, expected = printed["built"]

    result = report_import(data=pdf, source_name="national.pdf")

    first, second = Recommendation.objects.filter(programme_id=result.programme_id)
    assert first.text == BUILT_RECOMMENDATIONS[0][1]
    assert first.addressed_to == BUILT_RECOMMENDATIONS[0][2]
    # Printed without an addressee, it is read with those its text names: none here.
    assert second.addressed_to == ""
    assert "ACPO" in [entry["abbreviation"] for entry in expected["glossary"]]
    graded = PublishedGrade.objects.filter(programme_id=result.programme_id)
    assert sorted(graded.values_list("force__name", "framework__code", "grade__label")) == [
        ("Cumbria", "dcfp", FAILS),
        ("Cumbria", "np", MEETS),
        ("Staffordshire", "dcfp", MEETS),
        ("Staffordshire", "np", EXCEEDS),
    ]
    published_on = Programme.objects.get(pk=result.programme_id).national_published_on
    assert published_on == datetime.date(2009, 2, 1)


def test_a_printed_draft_national_report_is_refused_and_saves_nothing(reference, printed):
    pdf, _ = printed["draft"]

    with pytest.raises(ImportRefused) as refused:
        report_import(data=pdf, source_name="draft.pdf")

    assert refused.value.message == DRAFT_REFUSED
    assert not Recommendation.objects.filter(programme__year=2008).exists()
    assert not PublishedGrade.objects.exists() and not ReportImport.objects.exists()


def test_the_printed_cover_says_when_the_report_was_published(reference, printed):
    html = national_report_document(programme_id=_imported_programme()).html

    assert re.search(r"Published in <span class=\"cover-date\">November 2008</span>", html)
