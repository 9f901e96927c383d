import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from grading.models import GradeLevel
from inspections.models import (
    AreaAssessment,
    CriterionAssessment,
    EvidenceKind,
    Inspection,
    TeamMembership,
    TeamRole,
)
from inspections.services import inspection_create
from tests.factories import EvidenceItemFactory, ForceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_inspection_create_builds_areas_and_leaf_criteria(inspection_a):
    areas = list(inspection_a.areas.select_related("framework"))
    assert [area.framework.code for area in areas] == ["np", "dcfp"]
    np_area, dcfp_area = areas
    # NP 2008: criterion 1 groups 1.1-1.3, so six leaves carry statements and evidence.
    assert sorted(ca.criterion.number for ca in np_area.criteria.all()) == [
        "1.1",
        "1.2",
        "1.3",
        "2",
        "3",
        "4",
    ]
    assert dcfp_area.criteria.count() == 3


def test_2007_inspection_hangs_evidence_off_the_implicit_criterion(reference, alice):
    from inspections.models import Programme

    inspection = inspection_create(force=ForceFactory(), programme=Programme.objects.get(year=2007))
    assert inspection.areas.count() == 7
    for area in inspection.areas.all():
        (assessment,) = area.criteria.all()
        assert assessment.criterion.is_implicit
        EvidenceItemFactory(criterion_assessment=assessment, author=alice)


def test_one_inspection_per_force_and_programme(inspection_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Inspection.objects.create(force=inspection_a.force, programme=inspection_a.programme)


def test_failed_inspection_create_leaves_nothing_behind(inspection_a):
    before = AreaAssessment.objects.count(), CriterionAssessment.objects.count()
    with pytest.raises(IntegrityError):
        inspection_create(force=inspection_a.force, programme=inspection_a.programme)
    assert (AreaAssessment.objects.count(), CriterionAssessment.objects.count()) == before


def test_fieldwork_cannot_end_before_it_starts(programme_2008):
    import datetime

    with pytest.raises(IntegrityError), transaction.atomic():
        Inspection.objects.create(
            force=ForceFactory(),
            programme=programme_2008,
            fieldwork_start=datetime.date(2008, 5, 10),
            fieldwork_end=datetime.date(2008, 5, 1),
        )


def test_an_inspection_has_one_lead_inspector(inspection_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamMembership.objects.create(
            inspection=inspection_a, user=UserFactory(), role=TeamRole.LEAD
        )


def test_a_person_joins_a_team_once(inspection_a, alice):
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamMembership.objects.create(inspection=inspection_a, user=alice)


def test_evidence_order_is_unique_within_a_list(inspection_a, alice):
    assessment = CriterionAssessment.objects.filter(area__inspection=inspection_a).first()
    EvidenceItemFactory(criterion_assessment=assessment, author=alice, order=1)
    # The same position in another list is fine.
    EvidenceItemFactory(
        criterion_assessment=assessment,
        author=alice,
        order=1,
        kind=EvidenceKind.AREA_FOR_IMPROVEMENT,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceItemFactory(criterion_assessment=assessment, author=alice, order=1)


def test_sub_points_are_ordered_under_their_parent(inspection_a, alice):
    assessment = CriterionAssessment.objects.filter(area__inspection=inspection_a).first()
    item = EvidenceItemFactory(criterion_assessment=assessment, author=alice, order=1)
    EvidenceItemFactory(criterion_assessment=assessment, author=alice, parent=item, order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceItemFactory(criterion_assessment=assessment, author=alice, parent=item, order=1)


def test_empty_evidence_text_is_refused_by_the_database(inspection_a, alice):
    assessment = CriterionAssessment.objects.filter(area__inspection=inspection_a).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceItemFactory(criterion_assessment=assessment, author=alice, text="")


def test_sub_point_must_stay_in_its_parents_list(inspection_a, alice):
    assessment = CriterionAssessment.objects.filter(area__inspection=inspection_a).first()
    item = EvidenceItemFactory(criterion_assessment=assessment, author=alice, order=1)
    sub = EvidenceItemFactory.build(
        criterion_assessment=assessment,
        author=alice,
        parent=item,
        order=1,
        kind=EvidenceKind.WORK_IN_PROGRESS,
    )
    with pytest.raises(ValidationError, match="parent's list"):
        sub.full_clean()


def test_statement_choices_must_be_options_of_the_template(inspection_a):
    assessment = CriterionAssessment.objects.get(
        area__inspection=inspection_a, criterion__parent__order=1, criterion__order=3
    )
    assessment.chosen_levels = {"coverage": "most", "evaluation": "partly", "resolution": "vast"}
    with pytest.raises(ValidationError, match="'vast' is not an option"):
        assessment.full_clean()
    assessment.chosen_levels["resolution"] = "moderate"
    assessment.full_clean()
    assert "most neighbourhoods" in assessment.composed_statement()


def test_area_grade_must_come_from_its_scheme(inspection_a):
    area = inspection_a.areas.first()
    area.proposed_grade = GradeLevel.objects.get(label="Excellent")
    with pytest.raises(ValidationError, match="grading scheme"):
        area.full_clean()
    area.proposed_grade = GradeLevel.objects.get(label="Meeting the standard")
    area.full_clean()


def test_evidence_changes_are_recorded_with_who_and_what(inspection_a, alice):
    assessment = CriterionAssessment.objects.filter(area__inspection=inspection_a).first()
    item = EvidenceItemFactory(criterion_assessment=assessment, author=alice, text="First text.")
    item._history_user = alice
    item.text = "Second text."
    item.save()
    records = list(item.history.order_by("history_date"))
    assert [r.text for r in records] == ["First text.", "Second text."]
    assert records[-1].history_user == alice
    assert "text" in records[-1].diff_against(records[0]).changed_fields
