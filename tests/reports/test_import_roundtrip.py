"""Import, then export: the export holds what the importer read; imports again and replaces."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from forces.models import Force
from grading.models import Criterion
from inspections.models import (
    CriterionAssessment,
    EvidenceItem,
    Inspection,
    InspectionGlossaryEntry,
    Programme,
)
from inspections.services import inspection_create
from reports.exporting import inspection_export
from reports.importer import persist
from reports.importer.build import catalogue_for
from reports.importer.errors import ImportRefused
from reports.importer.force_report import parse_force_report
from reports.importer.service import decode
from reports.importer.text import read_lines
from reports.models import ReportImport
from tests.reports.import_support import (
    DCFP,
    FIXTURES,
    FORCE,
    HTML,
    INFERRED_HEADING,
    MARKDOWN,
    NP,
    VARIANTS,
    area,
    comparable,
    fixture_bytes,
    import_fixture,
    row_counts,
)


def _read(name: str):
    """What the parser reads from a fixture, before anything is saved."""
    catalogue = catalogue_for(Programme.objects.get(year=2008))
    return parse_force_report(read_lines(decode(fixture_bytes(name))), catalogue)


def _item(item) -> dict:
    return {
        "text": item.text,
        "lead": item.lead,
        "source": None,
        "children": [_item(child) for child in item.children],
    }


def _leaf_headings(code: str) -> list[str]:
    criteria = Criterion.objects.filter(framework__code=code, framework__version="2008")
    return [c.heading for c in criteria.in_tree_order() if not c.children.exists()]


def _export(inspection_id: int) -> dict:
    return inspection_export(inspection=Inspection.objects.get(pk=inspection_id))


def _assert_area_matches(exported: dict, record) -> None:
    assert exported["name"] == record.name
    assert exported["grade"] == record.grade
    for read in record.criteria:
        criterion = exported["criteria"][read.criterion_order - 1]
        assert criterion["heading"] == read.heading
        assert criterion["summary_statements"] == read.summary_statements
        for kind, items in read.lists.items():
            assert criterion[kind] == [_item(item) for item in items], (read.heading, kind)
    indicators = [
        {
            "code": i.code,
            "value": i.value,
            "previous_value": i.previous_value,
            "msf_difference": i.msf_difference,
            "change": i.change,
            "published_calls": {
                "vs_msf": i.published_vs_msf,
                "vs_previous": i.published_vs_previous,
            },
        }
        for i in record.indicators
        if i.value is not None
    ]
    keys = ("code", "value", "previous_value", "msf_difference", "change", "published_calls")
    assert [{key: row[key] for key in keys} for row in exported["indicators"]] == indicators
    assert exported["developing_practice"] == [
        {"title": p.title, "problem": p.problem, "solution": p.solution, "outcomes": p.outcomes}
        for p in record.practice
    ]


@pytest.mark.parametrize("name", VARIANTS)
def test_export_holds_everything_the_importer_read(alice, name):
    report = _read(name)

    document = _export(import_fixture(name, user=alice).inspection_id)

    assert (document["force"], document["programme"], document["published"]) == (
        FORCE,
        "2008",
        "2008-10",
    )
    assert [a["name"] for a in document["areas"]] == [a.name for a in report.areas]
    for exported, record in zip(document["areas"], report.areas, strict=True):
        _assert_area_matches(exported, record)
    glossary = [(g["abbreviation"], g["meaning"]) for g in document["glossary"]]
    assert glossary == [tuple(entry) for entry in report.glossary]


def test_every_criterion_is_exported_under_its_framework_heading(alice):
    document = _export(import_fixture(MARKDOWN, user=alice).inspection_id)

    for code, name in (("np", NP), ("dcfp", DCFP)):
        exported = [c["heading"] for c in area(document, name)["criteria"]]
        assert exported == _leaf_headings(code)
    # The first criterion's heading was not printed; it was inferred and still exported.
    assert area(document, NP)["criteria"][0]["heading"] == INFERRED_HEADING
    assert all(c["summary_statements"] for a in document["areas"] for c in a["criteria"])


def test_import_and_export_commands_round_trip(alice):
    out = StringIO()
    call_command("import_report", str(FIXTURES / HTML), "--user", "alice", stdout=out)
    printed = json.loads(out.getvalue())

    exported = StringIO()
    call_command("export_inspection", str(printed["inspection"]), stdout=exported)

    assert set(printed) == {"inspection", "warnings"}
    assert printed["warnings"] == ReportImport.objects.get().warnings
    assert json.loads(exported.getvalue()) == _export(printed["inspection"])


def test_second_import_without_replace_is_refused_naming_the_earlier_import(alice):
    first = import_fixture(MARKDOWN, user=alice)
    before = row_counts()

    with pytest.raises(ImportRefused) as refused:
        import_fixture(HTML, user=alice)

    assert refused.value.message.startswith(
        f"A report of {FORCE} for the 2008 programme was already imported "
        f"(inspection {first.inspection_id}, from synthetic-markdown.md.txt on "
    )
    assert refused.value.message.endswith("Use --replace to replace it.")
    assert row_counts() == before


def test_replace_swaps_the_imported_inspection_in_one_go(alice):
    first = import_fixture(MARKDOWN, user=alice)
    old_document = _export(first.inspection_id)
    old_evidence = list(EvidenceItem.objects.values_list("pk", flat=True))

    second = import_fixture(HTML, user=alice, replace=True)

    inspections = Inspection.objects.filter(force__name=FORCE, programme__year=2008)
    assert list(inspections.values_list("pk", flat=True)) == [second.inspection_id]
    assert second.inspection_id != first.inspection_id
    assert not EvidenceItem.objects.filter(pk__in=old_evidence).exists()
    assert EvidenceItem.objects.count() == len(old_evidence)
    assert InspectionGlossaryEntry.objects.count() == 9
    earlier, latest = ReportImport.objects.order_by("pk")
    assert (earlier.pk, earlier.inspection, earlier.replaced) == (
        first.report_import_id,
        None,
        False,
    )
    assert (latest.pk, latest.inspection_id, latest.replaced) == (
        second.report_import_id,
        second.inspection_id,
        True,
    )
    assert comparable(_export(second.inspection_id)) == comparable(old_document)


def test_replace_that_fails_part_way_keeps_the_earlier_import(alice, monkeypatch):
    first = import_fixture(MARKDOWN, user=alice)
    before = row_counts()

    def fail(*args, **kwargs):
        raise RuntimeError("the disk filled up")

    monkeypatch.setattr(persist, "_practice_save", fail)
    with pytest.raises(RuntimeError):
        import_fixture(HTML, user=alice, replace=True)

    assert row_counts() == before
    assert Inspection.objects.get().pk == first.inspection_id


@pytest.mark.parametrize("replace", [False, True])
def test_inspection_built_in_the_product_is_never_replaced(alice, hmi, replace):
    force = Force.objects.get(name=FORCE)
    built = inspection_create(
        force=force, programme=Programme.objects.get(year=2008), lead=hmi, inspectors=[alice]
    )
    criteria = CriterionAssessment.objects.filter(area__inspection=built).count()

    with pytest.raises(ImportRefused) as refused:
        import_fixture(MARKDOWN, user=alice, replace=replace)

    assert refused.value.message == (
        f"{FORCE} already has an inspection in the 2008 programme that was built in the "
        "product, not imported; an import never replaces it."
    )
    assert list(Inspection.objects.values_list("pk", flat=True)) == [built.pk]
    assert CriterionAssessment.objects.filter(area__inspection=built).count() == criteria
    assert not ReportImport.objects.exists()


def test_first_import_with_replace_is_not_recorded_as_replacing(alice):
    result = import_fixture(MARKDOWN, user=alice, replace=True)

    assert ReportImport.objects.get(pk=result.report_import_id).replaced is False
