import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from grading.models import Criterion
from inspections.models import CriterionAssessment, EvidenceItem, Inspection

DEMO_USERS = ["alice", "bob", "hmi", "panel", "liaison", "admin"]


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_load_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("load_demo")
    assert not get_user_model().objects.filter(username__in=DEMO_USERS).exists()


def test_load_demo_twice_leaves_the_same_rows(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    first = _row_counts()
    call_command("load_demo")
    assert _row_counts() == first
    assert Inspection.objects.filter(force__is_fictional=True).count() == 2


def test_demo_fills_every_leaf_criterion_with_a_statement_and_evidence(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    assessments = CriterionAssessment.objects.select_related("criterion")
    leaves = Criterion.objects.filter(framework__programmes__year=2008, children__isnull=True)
    assert assessments.count() == 2 * leaves.count()
    for assessment in assessments:
        assert "[" not in assessment.statement
        assert assessment.evidence.filter(kind="strength", parent=None).exists()
        assessment.full_clean()
    for item in EvidenceItem.objects.all():
        item.full_clean()
    assert EvidenceItem.objects.exclude(parent=None).exists()


def test_demo_users_sign_in_with_the_demo_password(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    users = get_user_model().objects.filter(username__in=DEMO_USERS)
    assert sorted(user.username for user in users) == sorted(DEMO_USERS)
    assert all(user.check_password("demo") for user in users)
    assert users.get(username="liaison").force_liaison.force.name == "Wealdshire"
