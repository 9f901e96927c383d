"""The rule for what a criterion still needs, shared by the inspection page and the
submission checks."""

import pytest

from inspections.completeness import still_missing
from inspections.models import CriterionAssessment, EvidenceKind
from inspections.selectors.inspections import criteria_with_lists
from inspections.services.none_identified import none_identified_set
from moderation.sufficiency import criterion_gaps
from tests.factories import EvidenceItemFactory

pytestmark = pytest.mark.django_db


def _row(assessment):
    return criteria_with_lists(areas=[assessment.area]).get(pk=assessment.pk)


def _leaf(inspection):
    return CriterionAssessment.objects.filter(
        area__inspection=inspection,
        criterion__children__isnull=True,
        criterion__is_implicit=False,
    ).exclude(criterion__statement_template="")[0]


def test_an_empty_criterion_needs_its_statement_and_all_three_lists(inspection_a):
    missing = still_missing(_row(_leaf(inspection_a)))
    assert missing and missing.statement
    assert missing.lists == tuple(EvidenceKind)
    assert missing.labels == ["statement", "strengths", "work in progress", "areas for improvement"]


def test_an_item_or_a_none_identified_mark_fills_a_list_and_a_statement_the_rest(
    inspection_a, alice
):
    assessment = _leaf(inspection_a)
    EvidenceItemFactory(criterion_assessment=assessment, kind=EvidenceKind.STRENGTH, author=alice)
    for kind in (EvidenceKind.WORK_IN_PROGRESS, EvidenceKind.AREA_FOR_IMPROVEMENT):
        none_identified_set(assessment=assessment, user=alice, kind=kind, marked=True)
    assert still_missing(_row(assessment)).lists == ()
    assessment.statement = "The team found a settled approach."
    assessment.save()
    row = _row(assessment)
    assert not still_missing(row) and criterion_gaps(row) == []


def test_the_submission_check_names_what_the_page_shows_as_still_empty(inspection_a):
    row = _row(_leaf(inspection_a))
    gaps = [gap.what for gap in criterion_gaps(row)]
    assert gaps[0] == "Write the summary statement."
    assert [what.split(":")[0] for what in gaps[1:]] == [k.list_title for k in EvidenceKind]
