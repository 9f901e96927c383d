"""An imported inspection's history pages answer and name the import as the source of its
rows: the system, the file and the import's number."""

import html
import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from inspections.models import (
    AreaAssessment,
    CriterionAssessment,
    DevelopingPractice,
    EvidenceItem,
    Inspection,
)
from inspections.services.history import HISTORY_SOURCE_LIMIT
from reports.importer.service import history_source
from reports.models import ReportImport
from tests.reports.import_support import MARKDOWN, import_fixture

pytestmark = pytest.mark.django_db


def _page(client, name: str, pk: int) -> str:
    app = "moderation" if name == "area_history" else "inspections"
    response = client.get(reverse(f"{app}:{name}", args=[pk]))
    assert response.status_code == 200, (name, pk)
    return html.unescape(response.content.decode())


def test_history_pages_of_an_imported_inspection_name_the_import(client, hmi, reference):
    result = import_fixture(MARKDOWN, user=None)
    source = f"System — import of {MARKDOWN} (import #{result.report_import_id})"
    inspection = Inspection.objects.get(pk=result.inspection_id)
    records = {
        "evidence_history": EvidenceItem.objects.filter(
            criterion_assessment__area__inspection=inspection
        ),
        "statement_history": CriterionAssessment.objects.filter(area__inspection=inspection),
        "area_history": AreaAssessment.objects.filter(inspection=inspection),
        "overview_history": Inspection.objects.filter(pk=inspection.pk),
        "practice_history": DevelopingPractice.objects.filter(inspection=inspection),
    }
    client.force_login(hmi)
    for name, queryset in records.items():
        pks = list(queryset.values_list("pk", flat=True))
        assert pks, name
        for pk in pks:
            assert source in _page(client, name, pk), (name, pk)


def test_imported_rows_name_no_user_and_the_import_names_who_ran_it(admin_user, reference):
    result = import_fixture(MARKDOWN, user=admin_user)
    saved = ReportImport.objects.get(pk=result.report_import_id)
    item = EvidenceItem.objects.filter(criterion_assessment__area__inspection=saved.inspection)
    rows = EvidenceItem.history.filter(id__in=item.values("pk"))
    assert set(rows.values_list("history_user", "history_change_reason")) == {
        (None, history_source(saved))
    }
    assert saved.imported_by == admin_user


def test_a_long_file_name_is_shortened_and_keeps_the_import_number():
    saved = ReportImport(pk=123456, source_name="a-very-long-report-name-" * 10 + ".md")
    source = history_source(saved)
    assert len(source) <= HISTORY_SOURCE_LIMIT
    assert source.startswith("import of a-very-long-report-name-")
    assert source.endswith("… (import #123456)")


def test_the_migration_names_earlier_imports_on_their_rows_and_leaves_later_edits(hmi, reference):
    # As an import before this change left them: no source, evidence naming the importer.
    result = import_fixture(MARKDOWN, user=None)
    saved = ReportImport.objects.get(pk=result.report_import_id)
    inspection = saved.inspection
    rows = inspection.history.all()
    rows.update(history_change_reason=None)
    items = EvidenceItem.objects.filter(criterion_assessment__area__inspection=inspection)
    EvidenceItem.history.filter(id__in=items.values("pk")).update(
        history_change_reason="", history_user=saved.imported_by
    )
    later = inspection
    later.reference = "Corrected later"
    later._history_user = hmi
    later.save()

    migration = importlib.import_module("reports.migrations.0005_history_sources")
    # The models as they stood when the migration ran (moderation's still in inspections).
    state = MigrationLoader(connection).project_state(("reports", "0005_history_sources"))
    migration.label_imported_rows(state.apps, None)

    source = history_source(saved)
    assert set(
        EvidenceItem.history.filter(id__in=items.values("pk")).values_list(
            "history_change_reason", flat=True
        )
    ) == {source}
    latest, *earlier = inspection.history.order_by("-history_date")
    assert (latest.history_user, latest.history_change_reason) == (hmi, None)
    assert {row.history_change_reason for row in earlier} == {source}
