"""`load_demo --national`: every territorial force's 2008 inspection through the workflow.

The load takes tens of seconds, so the module loads it once, in a transaction rolled back at
the end; each test runs in a savepoint inside it.
"""

import io
import re
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from forces.models import Force
from grading.models import Criterion, IndicatorResult
from inspections.demo import content_national
from inspections.demo.national import national_inspections_delete
from inspections.models import (
    AreaAssessment,
    AssessmentStatus,
    Correction,
    CorrectionField,
    CriterionAssessment,
    EvidenceItem,
    EvidenceKind,
    Inspection,
    TeamRole,
)
from moderation.models import (
    AgendaItem,
    AssessmentEvent,
    DecisionOutcome,
    DecisionState,
    GradeProposal,
    ModerationPanel,
    PanelDecision,
    PanelKind,
)

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
RUN = 12


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DEBUG=True):
        call_command("load_demo", "--national", stdout=io.StringIO())
        yield _row_counts()
        transaction.set_rollback(True)


@pytest.fixture
def national(loaded, db):
    return Inspection.objects.filter(programme__year=2008, force__is_fictional=False)


def test_every_territorial_force_has_a_2008_inspection_with_a_team(national):
    assert Force.objects.territorial().count() == 43
    assert national.count() == 43
    for inspection in national.prefetch_related("memberships__user"):
        roles = [membership.role for membership in inspection.memberships.all()]
        assert roles.count(TeamRole.LEAD) == 1
        assert roles.count(TeamRole.INSPECTOR) >= 2
        assert inspection.overview and inspection.geography and inspection.developments
    users = get_user_model().objects.filter(memberships__inspection__in=national).distinct()
    assert all(user.check_password("demo") for user in users[:3])
    assert national.filter(team__username="alice").exists()


def test_every_force_has_over_100_items_over_every_criterion_and_list(national):
    leaves = Criterion.objects.filter(framework__programmes__year=2008, children__isnull=True)
    for inspection in national:
        items = EvidenceItem.objects.filter(criterion_assessment__area__inspection=inspection)
        assert items.filter(parent=None).count() >= 100
        assert items.exclude(parent=None).exists()
        assessments = CriterionAssessment.objects.filter(area__inspection=inspection)
        assert assessments.count() == leaves.count()
        for assessment in assessments.prefetch_related("evidence"):
            kinds = {item.kind for item in assessment.evidence.all()}
            assert kinds == set(EvidenceKind.values), assessment
            assert assessment.statement and "[" not in assessment.statement
    sample = EvidenceItem.objects.filter(criterion_assessment__area__inspection__in=national)
    for item in sample.select_related("parent", "criterion_assessment")[:200]:
        item.full_clean()
    texts = set(sample.values_list("text", flat=True))
    assert len(texts) > 1000, "the phrase banks should give varied wording"


def test_every_force_has_survey_results_for_both_years(national):
    results = IndicatorResult.objects.filter(force__in=national.values("force"))
    assert set(results.values_list("year", flat=True)) == {2006, 2008}
    per_force = Counter(results.values_list("force_id", flat=True))
    assert len(per_force) == 43 and min(per_force.values()) >= 8


def test_every_workflow_stage_has_areas_with_the_rows_its_steps_write(national):
    areas = AreaAssessment.objects.filter(inspection__in=national)
    stages = Counter(areas.values_list("status", flat=True))
    assert set(stages) == set(AssessmentStatus.values)
    assert min(stages.values()) >= 10
    assert GradeProposal.objects.filter(area__in=areas).count() == areas.count()
    after = {
        AssessmentStatus.SUBMITTED: "submit",
        AssessmentStatus.REGIONALLY_MODERATED: "regional_moderate",
        AssessmentStatus.NATIONALLY_MODERATED: "national_conclude",
        AssessmentStatus.RELEASED: "release",
        AssessmentStatus.PUBLISHED: "publish",
    }
    order = list(AssessmentStatus.values)
    for area in areas.prefetch_related("events", "decisions"):
        actions = [event.action for event in area.events.all()]
        reached = order.index(area.status)
        assert actions == [after[status] for status in order[1 : reached + 1]], area
        assert (area.final_grade_id is not None) == (reached >= 3), area
        assert len(area.decisions.all()) == max(0, min(reached, 3) - 1), area
        assert all(d.state == DecisionState.CONFIRMED for d in area.decisions.all())
    statuses = {inspection.status for inspection in national}
    assert statuses == {"fieldwork", "moderation", "factual_accuracy", "published"}
    assert all(
        (inspection.publication_date is not None) == (inspection.status == "published")
        for inspection in national
    )


def test_proposed_grades_follow_the_published_distribution(national):
    areas = AreaAssessment.objects.filter(inspection__in=national).select_related(
        "framework", "proposed_grade", "final_grade", "inspection__force"
    )
    for code, exceeding in content_national.PUBLISHED_EXCEEDING.items():
        coded = [area for area in areas if area.framework.code == code]
        proposed = Counter(area.proposed_grade.rank for area in coded)
        assert proposed[1] == len(exceeding)
        assert 1 <= proposed[3] <= content_national.FAILING_PROPOSALS_PER_AREA
        assert proposed[2] >= 43 - len(exceeding) - content_national.FAILING_PROPOSALS_PER_AREA
        for area in coded:
            if area.final_grade is not None:
                published = 1 if area.inspection.force.name in exceeding else 2
                assert area.final_grade.rank == published, area


def test_panels_and_sessions_are_populated(national):
    regions = {inspection.force.region_id for inspection in national.select_related("force")}
    panels = ModerationPanel.objects.filter(programme__year=2008)
    regional = panels.filter(kind=PanelKind.REGIONAL)
    assert set(regional.values_list("region_id", flat=True)) == regions
    assert panels.filter(kind=PanelKind.NATIONAL).count() == 2
    for panel in panels:
        assert panel.sessions.filter(is_open=True).exists()
        assert panel.memberships.count() >= 3
    areas = AreaAssessment.objects.filter(inspection__in=national)
    for area in areas.filter(status=AssessmentStatus.SUBMITTED):
        assert AgendaItem.objects.filter(area=area, session__panel__kind="regional").exists()
    for area in areas.filter(status=AssessmentStatus.REGIONALLY_MODERATED):
        assert AgendaItem.objects.filter(area=area, session__panel__kind="national").exists()
    assert all(panel.sessions.first().items.exists() for panel in panels)
    decisions = PanelDecision.objects.filter(area__in=areas)
    assert set(decisions.values_list("stage", "outcome")) == {
        (PanelKind.REGIONAL, DecisionOutcome.CONFIRM),
        (PanelKind.REGIONAL, DecisionOutcome.CHANGE),
        (PanelKind.NATIONAL, DecisionOutcome.CONFIRM),
    }
    for decision in decisions.select_related("item__session"):
        panel = decision.item.session.panel
        assert decision.recorded_by_id != panel.chair_id
        team = decision.area.inspection.memberships.values_list("user_id", flat=True)
        assert decision.recorded_by_id not in team


def test_history_names_the_demo_as_source(national):
    inspection = national.first()
    rows = Inspection.history.filter(id=inspection.pk)
    assert set(rows.values_list("history_change_reason", flat=True)) == {
        content_national.NATIONAL_SOURCE
    }
    item_rows = EvidenceItem.history.filter(criterion_assessment__area__inspection=inspection)
    assert item_rows.exists()
    assert set(item_rows.values_list("history_change_reason", flat=True)) == {
        content_national.NATIONAL_SOURCE
    }


def test_a_second_run_leaves_the_same_rows(loaded, db, settings):
    settings.DEBUG = True
    call_command("load_demo", "--national", stdout=io.StringIO())
    assert _row_counts() == loaded
    assert AssessmentEvent.objects.exists()


def test_the_demo_deletes_only_the_inspections_it_wrote(loaded, db):
    inspection = Inspection.objects.filter(programme__year=2008, force__name="Kent").get()
    # Make Kent's inspection look like someone else's: its history no longer names the demo.
    Inspection.history.filter(id=inspection.pk).update(history_change_reason="import")
    assert national_inspections_delete() == 42
    assert list(Inspection.objects.filter(force__is_fictional=False)) == [inspection]
    assert EvidenceItem.objects.filter(criterion_assessment__area__inspection=inspection).count()
    assert EvidenceItem.history.filter(criterion_assessment__area__inspection=inspection).exists()


def test_a_rerun_that_would_delete_a_correction_is_refused_unchanged(loaded, db, settings):
    settings.DEBUG = True
    item = EvidenceItem.objects.filter(
        criterion_assessment__area__inspection__force__name="Kent", parent=None
    ).first()
    Correction.objects.create(
        area=item.criterion_assessment.area,
        criterion_assessment=item.criterion_assessment,
        evidence_item=item,
        field=CorrectionField.values[0],
        area_status=item.criterion_assessment.area.status,
        before=item.text,
        after="Corrected.",
        reason="A demo correction.",
        made_by=item.author,
    )
    before = _row_counts()
    with pytest.raises(CommandError, match="nothing changed"):
        call_command("load_demo", "--national", stdout=io.StringIO())
    assert _row_counts() == before
    assert Correction.objects.get().evidence_item == item


def test_refused_without_debug(loaded, db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DJANGO_DEBUG on"):
        call_command("load_demo", "--national")
    assert _row_counts() == loaded


def _runs(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed reports are not on this machine")
def test_no_generated_text_repeats_a_seed_sentence(national):
    seed_runs = set()
    for seed in SEEDS.glob("*.txt"):
        seed_runs |= _runs(seed.read_text(errors="replace"))
    areas = AreaAssessment.objects.filter(inspection__in=national)
    texts = list(
        EvidenceItem.objects.filter(criterion_assessment__area__in=areas).values_list(
            "text", flat=True
        )
    )
    texts += list(areas.values_list("grade_rationale", flat=True))
    texts += list(PanelDecision.objects.filter(area__in=areas).values_list("reason", flat=True))
    for inspection in national:
        texts += [inspection.overview, inspection.geography, inspection.demographics]
        texts += [inspection.strategic_priorities, inspection.performance_overview]
    copied = {run for text in set(texts) for run in _runs(text)} & seed_runs
    assert not copied
