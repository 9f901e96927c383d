"""The three published reports in ../shared/seeds import with the figures they print."""

from pathlib import Path

import pytest

from grading.models import IndicatorResult
from inspections.models import (
    AreaAssessment,
    DevelopingPractice,
    EvidenceItem,
    GradeDistribution,
    Inspection,
    InspectionGlossaryEntry,
    OverviewTable,
    PublishedGrade,
    PublishedIndicatorCall,
    Recommendation,
)
from reports.importer.service import report_import
from reports.models import ReportImport
from tests.conftest import require_service

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
FORCE_2008 = SEEDS / "staffordshire-2008-np-dcfp.txt"
FORCE_2007 = SEEDS / "staffordshire-2007-np-pm-pvp.txt"
THEMATIC = SEEDS / "thematic-2008-np-dcfp.txt"


@pytest.fixture
def seeds():
    require_service(FORCE_2008.exists(), f"the shared seed reports are not at {SEEDS}")


def _import(path: Path, **kwargs):
    return report_import(data=path.read_bytes(), source_name=path.name, **kwargs)


def _counts(assessment) -> dict[str, int]:
    top = assessment.evidence.filter(parent__isnull=True)
    return {
        kind: top.filter(kind=kind).count()
        for kind in ("strength", "work_in_progress", "area_for_improvement")
    }


@pytest.mark.django_db
def test_2008_force_report_reads_areas_criteria_lists_indicators_and_practice(reference, seeds):
    result = _import(FORCE_2008)
    inspection = Inspection.objects.get(pk=result.inspection_id)
    assert inspection.force.name == "Staffordshire"
    assert inspection.publication_date.isoformat() == "2008-09-01"
    assert inspection.reference == "978-1-84726-804-4"
    np, dcfp = inspection.areas.order_by("order")
    assert [np.final_grade.label, dcfp.final_grade.label] == ["Meeting the standard"] * 2
    assert np.criteria.count() == 6 and dcfp.criteria.count() == 3
    first = np.criteria.get(criterion__heading="Neighbourhoods are appropriately staffed.")
    assert _counts(first) == {"strength": 19, "work_in_progress": 5, "area_for_improvement": 0}
    assert first.statement.startswith("The force is deploying across all its BCUs")
    awards = first.evidence.get(text__startswith="Annual force and BCU awards")
    assert awards.sub_points.count() == 15
    # An item split by a page footer and a blank line is one item.
    split = first.evidence.get(text__startswith="A review of training needs")
    assert "development days; these will be delivered at force level" in split.text
    codes = set(
        IndicatorResult.objects.filter(force=inspection.force, year=2008).values_list(
            "indicator__code", flat=True
        )
    )
    assert codes == {"SPI 2a", "KDI", "SPI 10b", "SPI 1e", "SPI 3b"}
    spi2a = IndicatorResult.objects.get(force=inspection.force, year=2008, indicator__code="SPI 2a")
    assert (float(spi2a.value), float(spi2a.msf_difference), float(spi2a.change)) == (
        47.1,
        -5.2,
        -0.4,
    )
    call = PublishedIndicatorCall.objects.get(area=np, indicator__code="SPI 2a")
    assert (call.vs_msf, call.vs_previous) == ("significantly worse", "unchanged")
    assert DevelopingPractice.objects.filter(inspection=inspection).count() == 5
    assert OverviewTable.objects.filter(inspection=inspection).count() == 3
    assert InspectionGlossaryEntry.objects.filter(inspection=inspection).count() == 28


@pytest.mark.django_db
def test_2008_import_reports_the_missing_heading_and_skipped_text_by_line(reference, seeds):
    warnings = _import(FORCE_2008).warnings
    inferred = [w for w in warnings if "criterion heading missing" in w["message"]]
    assert inferred == [
        {
            "line": 271,
            "message": "criterion heading missing; read as 'Neighbourhoods are "
            "appropriately staffed.' from its position",
        }
    ]
    skipped = {w["line"] for w in warnings if "not imported" in w["message"]}
    assert 51 in skipped  # the inspectorate's introduction
    assert all(isinstance(w["line"], int) and w["line"] > 0 for w in warnings)


@pytest.mark.django_db
def test_2007_force_report_reads_seven_areas_with_grades_and_distribution(reference, seeds):
    result = _import(FORCE_2007)
    inspection = Inspection.objects.get(pk=result.inspection_id)
    assert inspection.programme.year == 2007
    areas = list(inspection.areas.order_by("order").select_related("framework", "final_grade"))
    assert [(a.framework.name, a.final_grade and a.final_grade.label) for a in areas] == [
        ("Neighbourhood Policing", "Excellent"),
        ("Performance Management", "Excellent"),
        ("Overview", None),
        ("Child Abuse", "Good"),
        ("Domestic Violence", "Good"),
        ("Public Protection", "Fair"),
        ("Missing Persons", "Fair"),
    ]
    (np_criterion,) = areas[0].criteria.all()
    assert _counts(np_criterion) == {
        "strength": 38,
        "work_in_progress": 5,
        "area_for_improvement": 3,
    }
    assert areas[0].contextual_factors.startswith("Staffordshire Police aims to deliver")
    distribution = GradeDistribution.objects.filter(framework=areas[3].framework)
    assert {d.grade.label: d.forces for d in distribution} == {
        "Excellent": 3,
        "Good": 17,
        "Fair": 21,
        "Poor": 2,
    }
    assert DevelopingPractice.objects.filter(inspection=inspection).count() == 5


@pytest.mark.django_db
def test_thematic_report_imports_recommendations_and_grades_of_43_forces(reference, seeds):
    result = _import(THEMATIC)
    assert result.kind == "thematic" and result.inspection_id is None
    assert not Inspection.objects.exists()
    assert Recommendation.objects.filter(programme_id=result.programme_id).count() == 10
    first = Recommendation.objects.get(number=1)
    assert "Home Office" in first.addressed_to
    assert Recommendation.objects.get(number=2).addressed_to == "chief officers"
    grades = PublishedGrade.objects.filter(programme_id=result.programme_id)
    assert grades.values("force").distinct().count() == 43
    exceeding = grades.filter(grade__label="Exceeding the standard")
    assert sorted(exceeding.values_list("force__name", "framework__code")) == [
        ("Dorset", "dcfp"),
        ("Hertfordshire", "dcfp"),
        ("Lancashire", "dcfp"),
        ("Lancashire", "np"),
    ]


@pytest.mark.django_db
def test_reimport_is_refused_without_replace_and_replaces_with_it(reference, seeds):
    from reports.importer.errors import ImportRefused

    first = _import(FORCE_2008)
    with pytest.raises(ImportRefused, match="already imported"):
        _import(FORCE_2008)
    assert Inspection.objects.count() == 1
    evidence = EvidenceItem.objects.count()
    second = _import(FORCE_2008, replace=True)
    assert second.inspection_id != first.inspection_id
    assert Inspection.objects.count() == 1 and EvidenceItem.objects.count() == evidence
    assert ReportImport.objects.count() == 2
    assert ReportImport.objects.get(pk=first.report_import_id).inspection is None


@pytest.mark.django_db
def test_dry_run_reports_the_summary_and_saves_nothing(reference, seeds):
    result = _import(FORCE_2008, dry_run=True)
    assert result.inspection_id is None
    assert [a["grade"] for a in result.summary["areas"]] == ["Meeting the standard"] * 2
    first = result.summary["areas"][0]["criteria"][0]
    assert (first["strengths"], first["work_in_progress"], first["areas_for_improvement"]) == (
        19,
        5,
        0,
    )
    assert not Inspection.objects.exists() and not AreaAssessment.objects.exists()
    assert not ReportImport.objects.exists() and not IndicatorResult.objects.exists()
