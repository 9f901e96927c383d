import pytest
from django.core.management import call_command
from django.urls import reverse

from inspections.models import AreaAssessment, CriterionAssessment, EvidenceItem, Inspection

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_admin(settings, reference):
    """The demo's own administrator: load_demo sets the password of the user named admin."""
    from django.contrib.auth import get_user_model

    settings.DEBUG = True
    call_command("load_demo")
    return get_user_model().objects.get(username="admin")


def test_demo_inspection_opens_in_the_admin_with_its_areas(client, demo_admin):
    inspection = Inspection.objects.get(force__name="Wealdshire")
    client.force_login(demo_admin)
    response = client.get(reverse("admin:inspections_inspection_change", args=[inspection.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Neighbourhood Policing" in page and "Developing Citizen Focus Policing" in page


def test_criterion_assessment_page_lists_its_evidence(client, demo_admin):
    assessment = CriterionAssessment.objects.filter(area__inspection__force__name="Wealdshire")[0]
    item = assessment.evidence.first()
    client.force_login(demo_admin)
    response = client.get(
        reverse("admin:inspections_criterionassessment_change", args=[assessment.pk])
    )
    assert response.status_code == 200
    assert item.text[:40] in response.content.decode()


def test_evidence_changelist_filters_by_kind(client, demo_admin):
    client.force_login(demo_admin)
    url = reverse("admin:inspections_evidenceitem_changelist")
    response = client.get(url, {"kind__exact": "area_for_improvement"})
    assert response.status_code == 200
    expected = EvidenceItem.objects.filter(kind="area_for_improvement").count()
    assert response.context["cl"].result_count == expected > 0


def test_adding_an_inspection_in_the_admin_creates_its_areas(client, admin_user, force_a):
    from inspections.models import Programme

    programme = Programme.objects.get(year=2008)
    client.force_login(admin_user)
    url = reverse("admin:inspections_inspection_add")
    form = client.get(url).context["adminform"].form
    data = {name: "" for name in form.fields}
    data.update(force=force_a.pk, programme=programme.pk, status="planned")
    for prefix in ("memberships",):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    inspection = Inspection.objects.get(force=force_a, programme=programme)
    assert AreaAssessment.objects.filter(inspection=inspection).count() == 2
    assert CriterionAssessment.objects.filter(area__inspection=inspection).count() == 9
