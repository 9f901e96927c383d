"""The admin does not go around the workflow: status, grades, rationale, decisions, evidence
and statements are read-only there, and an administrator's correction goes through a service
that records who, why and what."""

import pytest
from django.urls import reverse

from inspections.exceptions import WorkflowRefused
from inspections.models import (
    AreaAssessment,
    AssessmentStatus,
    Correction,
    CorrectionField,
    EvidenceItem,
    Inspection,
    InspectionStatus,
)
from inspections.services import corrections
from tests.moderation.moderation_support import np_area, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(inspection_a, alice, hmi):
    area = np_area(inspection_a)
    submit(area, alice, hmi)
    area.refresh_from_db()
    return area


def _item(area) -> EvidenceItem:
    return EvidenceItem.objects.filter(criterion_assessment__area=area).order_by("pk").first()


def _change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def test_an_areas_status_grades_and_rationale_cannot_be_set_in_the_admin(
    client, admin_user, submitted
):
    client.force_login(admin_user)
    page = client.get(_change_url(submitted))
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    response = client.post(
        _change_url(submitted),
        {"status": AssessmentStatus.PUBLISHED, "grade_rationale": "Set by hand (1.1)."},
    )
    assert response.status_code == 403
    fresh = AreaAssessment.objects.get(pk=submitted.pk)
    assert fresh.status == AssessmentStatus.SUBMITTED
    assert fresh.grade_rationale == submitted.grade_rationale
    assert client.get(reverse("admin:inspections_areaassessment_add")).status_code == 403


def test_the_inspection_page_offers_no_status_or_grade_field_for_it_or_its_areas(
    client, admin_user, submitted
):
    client.force_login(admin_user)
    response = client.get(_change_url(submitted.inspection))
    assert "status" not in response.context["adminform"].form.fields
    for formset in response.context["inline_admin_formsets"]:
        for form in formset.formset.forms:
            assert not {"status", "proposed_grade", "final_grade"} & set(form.fields)


def test_evidence_and_statements_are_read_only_in_the_admin(client, admin_user, submitted):
    client.force_login(admin_user)
    item = _item(submitted)
    assessment = item.criterion_assessment
    for obj in (item, assessment):
        page = client.get(_change_url(obj)).content.decode()
        assert 'id="workflow-lock-note"' in page and 'id="correction-link"' in page
        response = client.post(_change_url(obj), {"text": "<b>x</b>", "statement": "<i>y</i>"})
        assert response.status_code == 403
    assert EvidenceItem.objects.get(pk=item.pk).text == item.text
    assert not EvidenceItem.objects.filter(text__contains="<").exists()


@pytest.mark.parametrize("model", ["areaassessment", "evidenceitem"])
def test_a_past_version_is_never_saved_back(client, admin_user, submitted, model):
    # django-simple-history's version page would save any valid posted form, whatever the
    # admin's read-only rules: every field of the record, the status included, is posted.
    client.force_login(admin_user)
    obj = submitted if model == "areaassessment" else _item(submitted)
    record = obj.history.order_by("history_id").first()
    data = {
        field.name: getattr(obj, field.attname) or ""
        for field in obj._meta.concrete_fields
        if not field.primary_key
    }
    data.update(status=AssessmentStatus.PUBLISHED, text="Reverted by hand.")
    url = reverse(f"admin:inspections_{model}_simple_history", args=[obj.pk, record.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 403
    assert AreaAssessment.objects.get(pk=submitted.pk).status == AssessmentStatus.SUBMITTED
    assert not EvidenceItem.objects.filter(text="Reverted by hand.").exists()


def test_a_correction_is_recorded_with_who_why_and_what(client, admin_user, submitted):
    client.force_login(admin_user)
    item = _item(submitted)
    url = reverse("admin:inspections_evidenceitem_correct", args=[item.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"text": "A <img src=x onerror=alert(1)", "reason": "Typo."})
    assert refused.status_code == 200 and "Write plain text" in refused.content.decode()
    assert not Correction.objects.exists()
    response = client.post(url, {"text": "A corrected strength.", "lead": "", "reason": "Typo."})
    assert response.status_code == 302
    fresh = EvidenceItem.objects.get(pk=item.pk)
    assert (fresh.text, fresh.version) == ("A corrected strength.", item.version + 1)
    record = Correction.objects.get()
    assert (record.field, record.before, record.after, record.reason, record.made_by) == (
        CorrectionField.EVIDENCE_TEXT,
        item.text,
        "A corrected strength.",
        "Typo.",
        admin_user,
    )
    assert record.area_status == AssessmentStatus.SUBMITTED
    latest = fresh.history.order_by("-history_id").first()
    assert latest.history_user == admin_user
    assert latest.history_change_reason == corrections.HISTORY_REASON


def test_corrections_are_refused_for_published_and_drafting_areas_and_non_administrators(
    client, admin_user, alice, hmi, submitted, inspection_b
):
    item = _item(submitted)
    with pytest.raises(WorkflowRefused, match="Only administrators"):
        corrections.evidence_item_correct(
            item=item, user=hmi, text="Changed.", lead="", reason="Why not."
        )
    AreaAssessment.objects.filter(pk=submitted.pk).update(status=AssessmentStatus.PUBLISHED)
    client.force_login(admin_user)
    url = reverse("admin:inspections_evidenceitem_correct", args=[item.pk])
    response = client.post(url, {"text": "Changed.", "lead": "", "reason": "Typo."})
    assert "a published report never changes" in response.content.decode()
    drafting = EvidenceItem.objects.filter(
        criterion_assessment__area__inspection=inspection_b
    ).first()
    if drafting is None:
        drafting = _item(submitted)
        AreaAssessment.objects.filter(pk=submitted.pk).update(status=AssessmentStatus.DRAFTING)
    with pytest.raises(WorkflowRefused, match="being drafted"):
        corrections.evidence_item_correct(
            item=drafting, user=admin_user, text="Changed.", lead="", reason="Typo."
        )
    assert EvidenceItem.objects.get(pk=item.pk).text == item.text
    assert not Correction.objects.exists()
    client.force_login(alice)
    assert client.get(url).status_code == 302  # not staff: to the admin's sign-in page


def test_a_statement_correction_is_recorded(admin_user, submitted):
    assessment = submitted.criteria.exclude(statement="").first()
    corrections.criterion_statement_correct(
        assessment=assessment, user=admin_user, statement="Corrected wording.", reason="Name."
    )
    assessment.refresh_from_db()
    assert assessment.statement == "Corrected wording." and assessment.statement_overridden
    assert Correction.objects.get().field == CorrectionField.STATEMENT


def test_a_published_inspection_and_a_moderated_one_are_not_deleted_or_changed(
    client, admin_user, submitted
):
    client.force_login(admin_user)
    inspection = submitted.inspection
    delete = reverse("admin:inspections_inspection_delete", args=[inspection.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    Inspection.objects.filter(pk=inspection.pk).update(status=InspectionStatus.PUBLISHED)
    assert client.post(_change_url(inspection), {"reference": "X"}).status_code == 403
    assert Inspection.objects.filter(pk=inspection.pk).exists()
