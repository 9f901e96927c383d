"""The one rule for who sees a concluded grade (`permissions.concluded_grades_visible`)."""

import pytest

from inspections.models import AssessmentStatus, InspectionStatus
from inspections.permissions import GradeReader, concluded_grades_visible
from tests.inspections.national_support import EXCEEDS, MEETS, grade_area

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(inspection_a):
    """Force A in its factual-accuracy check: NP released, DCFP concluded but not released."""
    np = grade_area(inspection_a, "np", MEETS, AssessmentStatus.RELEASED)
    dcfp = grade_area(inspection_a, "dcfp", EXCEEDS, AssessmentStatus.NATIONALLY_MODERATED)
    inspection_a.status = InspectionStatus.FACTUAL_ACCURACY
    inspection_a.save()
    return np, dcfp


def _ids(reader) -> set[int]:
    return set(concluded_grades_visible(reader).values_list("pk", flat=True))


def test_each_reader_sees_what_the_rule_allows(areas, alice, bob, hmi, panel, liaison):
    np, dcfp = areas
    assert _ids(alice) == _ids(hmi) == _ids(panel) == {np.pk, dcfp.pk}
    assert _ids(GradeReader.INSPECTORATE) == {np.pk, dcfp.pk}
    assert _ids(liaison) == {np.pk}  # per area: only the one released to the force
    assert _ids(bob) == _ids(GradeReader.PUBLIC) == set()


def test_published_grades_are_for_everyone_and_unconcluded_ones_for_nobody(inspection_a, bob, hmi):
    np = grade_area(inspection_a, "np", MEETS, AssessmentStatus.PUBLISHED)
    grade_area(inspection_a, "dcfp", EXCEEDS, AssessmentStatus.REGIONALLY_MODERATED)
    assert _ids(bob) == _ids(GradeReader.PUBLIC) == _ids(hmi) == {np.pk}


def test_inactive_and_anonymous_users_see_only_published_grades(areas, alice):
    from django.contrib.auth.models import AnonymousUser

    alice.is_active = False
    alice.save()
    assert _ids(alice) == _ids(AnonymousUser()) == set()
