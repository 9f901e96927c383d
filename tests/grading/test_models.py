import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import CriterionFactory, FrameworkFactory, GradeLevelFactory

pytestmark = pytest.mark.django_db


def test_grade_levels_have_unique_ranks_within_a_scheme():
    level = GradeLevelFactory(rank=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        GradeLevelFactory(scheme=level.scheme, rank=1)


def test_grade_labels_are_unique_within_a_scheme():
    level = GradeLevelFactory(label="Good")
    with pytest.raises(IntegrityError), transaction.atomic():
        GradeLevelFactory(scheme=level.scheme, label="Good")


def test_top_level_criteria_have_unique_order_within_a_framework():
    criterion = CriterionFactory(order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CriterionFactory(framework=criterion.framework, order=1)


def test_child_criteria_have_unique_order_under_their_parent():
    parent = CriterionFactory(order=1)
    CriterionFactory(framework=parent.framework, parent=parent, order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CriterionFactory(framework=parent.framework, parent=parent, order=1)


def test_same_order_is_allowed_under_different_parents():
    framework = FrameworkFactory()
    first = CriterionFactory(framework=framework, order=1)
    second = CriterionFactory(framework=framework, order=2)
    CriterionFactory(framework=framework, parent=first, order=1)
    CriterionFactory(framework=framework, parent=second, order=1)
    assert framework.criteria.count() == 4


def test_criterion_number_reflects_its_place_in_the_tree():
    parent = CriterionFactory(order=2)
    child = CriterionFactory(framework=parent.framework, parent=parent, order=3)
    assert parent.number == "2"
    assert child.number == "2.3"


def test_criterion_clean_rejects_a_malformed_template():
    criterion = CriterionFactory.build(
        framework=FrameworkFactory(), statement_template="In {coverage: all} places."
    )
    with pytest.raises(ValidationError) as excinfo:
        criterion.full_clean()
    assert "statement_template" in excinfo.value.message_dict


def test_criterion_clean_rejects_a_parent_from_another_framework():
    other = CriterionFactory()
    criterion = CriterionFactory.build(framework=FrameworkFactory(), parent=other, order=1)
    with pytest.raises(ValidationError) as excinfo:
        criterion.full_clean()
    assert "parent" in excinfo.value.message_dict


def test_criterion_clean_rejects_a_cycle():
    top = CriterionFactory(order=1)
    child = CriterionFactory(framework=top.framework, parent=top, order=1)
    top.parent = child
    with pytest.raises(ValidationError, match="cannot sit under itself"):
        top.full_clean()
