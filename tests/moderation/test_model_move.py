"""Moving the moderation models out of `inspections` keeps every row and every permission.

The database is taken back to before the move (inspections 0007, no moderation app), filled
with one row of each moved table, then migrated forward again.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from moderation import models as moderation_models
from moderation.models import (
    AgendaItem,
    AssessmentEvent,
    DecisionOutcome,
    Dissent,
    FactualAccuracyComment,
    GradeProposal,
    ModerationPanel,
    PanelDecision,
    PanelMembership,
    PanelSession,
)

BEFORE = [("inspections", "0007_corrections"), ("moderation", None)]
MOVED = [
    AgendaItem,
    AssessmentEvent,
    Dissent,
    FactualAccuracyComment,
    FactualAccuracyComment.history.model,
    GradeProposal,
    ModerationPanel,
    PanelDecision,
    PanelMembership,
    PanelSession,
]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _rows() -> dict[str, list[int]]:
    return {
        model._meta.db_table: sorted(model.objects.values_list("pk", flat=True)) for model in MOVED
    }


def _one_of_each_before_the_move() -> None:
    """A panel, member, session, agenda item, decision, dissent, proposal, event and comment,
    written through the models as they were before the move (today's models have columns
    later migrations add), on an inspection of the reference data's first force."""
    old = MigrationExecutor(connection).loader.project_state([BEFORE[0]]).apps
    get = lambda name: old.get_model("inspections", name)  # noqa: E731
    user_model = old.get_model("auth", "User")
    chair = user_model.objects.create(username="chair")
    member = user_model.objects.create(username="member")
    # The reference data the test database was made with outlives the migration back.
    programme = get("Programme").objects.get(year=2008)
    framework = (
        get("ProgrammeFramework").objects.filter(programme=programme).order_by("order").first()
    ).framework
    grade = old.get_model("grading", "GradeLevel").objects.filter(scheme=framework.scheme).first()
    force = old.get_model("forces", "Force").objects.order_by("pk").first()
    inspection = get("Inspection").objects.create(force_id=force.pk, programme_id=programme.pk)
    area = get("AreaAssessment").objects.create(inspection=inspection, framework_id=framework.pk)
    panel = get("ModerationPanel").objects.create(
        kind="national", chair=chair, programme_id=programme.pk, framework_id=framework.pk
    )
    get("PanelMembership").objects.create(panel=panel, user=member)
    session = get("PanelSession").objects.create(panel=panel, title="Sitting")
    item = get("AgendaItem").objects.create(session=session, area=area, added_by=chair)
    decision = get("PanelDecision").objects.create(
        item=item,
        area=area,
        stage="national",
        outcome=DecisionOutcome.CONFIRM,
        grade_id=grade.pk,
        recorded_by=chair,
    )
    get("Dissent").objects.create(decision=decision, member=member, reason="Too generous.")
    get("GradeProposal").objects.create(
        area=area, grade_id=grade.pk, rationale="As the evidence says.", proposed_by=chair
    )
    get("AssessmentEvent").objects.create(
        area=area, action="submit", from_status="drafting", to_status="submitted", actor=chair
    )
    comment = get("FactualAccuracyComment").objects.create(
        area=area, comment="A date is wrong.", proposed_correction="June.", author=member
    )
    get("HistoricalFactualAccuracyComment").objects.create(
        id=comment.pk,
        area_id=area.pk,
        comment=comment.comment,
        proposed_correction=comment.proposed_correction,
        author_id=member.pk,
        created_at=comment.created_at,
        history_date=comment.created_at,
        history_type="+",
    )


@pytest.mark.django_db(transaction=True)
def test_moving_the_models_keeps_every_row_and_permission():
    _migrate(BEFORE)
    moved = [model._meta.model_name for model in MOVED]
    assert ContentType.objects.filter(app_label="moderation", model__in=moved).count() == 0
    assert ContentType.objects.get(model="paneldecision").app_label == "inspections"

    _one_of_each_before_the_move()
    before = _rows()
    assert all(before.values()), {table: len(pks) for table, pks in before.items()}
    chairs = Group.objects.create(name="Chairs")
    chairs.permissions.add(Permission.objects.get(codename="change_paneldecision"))

    _migrate(_latest())

    assert _rows() == before
    labels = ContentType.objects.filter(model__in=[m._meta.model_name for m in MOVED])
    assert set(labels.values_list("app_label", flat=True)) == {"moderation"}
    assert chairs.permissions.get().content_type.app_label == "moderation"
    assert moderation_models.PanelDecision.objects.get().dissents.count() == 1
