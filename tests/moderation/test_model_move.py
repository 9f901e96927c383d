"""Moving the moderation models out of `inspections` keeps every row and every permission.

The database is taken back to before the move (inspections 0007, no moderation app), filled
with the demo data and a decision, a dissent and a comment, then migrated forward again.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from inspections.reference import reference_data_load
from moderation import models as moderation_models
from moderation.demo import demo_load
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


def _decision_dissent_and_comment() -> None:
    item = AgendaItem.objects.select_related("area__proposed_grade").first()
    area = item.area
    decision = PanelDecision.objects.create(
        item=item,
        area=area,
        stage=item.session.panel.kind,
        outcome=DecisionOutcome.CONFIRM,
        grade=area.proposed_grade,
        recorded_by=item.session.panel.chair,
    )
    member = PanelMembership.objects.filter(panel=item.session.panel).first().user
    Dissent.objects.create(decision=decision, member=member, reason="Too generous.")
    # As the table was before the move: later migrations add columns today's model writes.
    old = MigrationExecutor(connection).loader.project_state([BEFORE[0]]).apps
    comment = old.get_model("inspections", "FactualAccuracyComment").objects.create(
        area_id=area.pk,
        comment="A date is wrong.",
        proposed_correction="June.",
        author_id=member.pk,
    )
    old.get_model("inspections", "HistoricalFactualAccuracyComment").objects.create(
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

    reference_data_load()
    demo_load()
    _decision_dissent_and_comment()
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
