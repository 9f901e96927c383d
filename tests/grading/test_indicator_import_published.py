"""The survey figures a published report prints never change: not through the CSV import, not
through the admin. A refused row says why, and the whole file is refused with it."""

import html
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from forces.models import Force
from grading.indicator_csv import parse_indicator_csv
from grading.models import Indicator, IndicatorResult
from grading.result_locks import ResultsLocked
from grading.services import indicator_results_import
from inspections.models import AreaAssessment, AssessmentStatus, Inspection, InspectionStatus
from tests.factories import UserFactory
from tests.grading.test_indicator_import import CONFIRM_URL, IMPORT_URL, csv_file

pytestmark = pytest.mark.django_db

HEADER = "force,indicator,year,value,sample_size,source"
NP_AREA = "Neighbourhood Policing"


def rows(*lines: str) -> str:
    return "\n".join([HEADER, *lines]) + "\n"


def publish(inspection: Inspection) -> None:
    inspection.areas.update(status=AssessmentStatus.PUBLISHED)
    Inspection.objects.filter(pk=inspection.pk).update(status=InspectionStatus.PUBLISHED)


def publish_area(inspection: Inspection, name: str) -> None:
    AreaAssessment.objects.filter(inspection=inspection, framework__name=name).update(
        status=AssessmentStatus.PUBLISHED
    )


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def stored(force, code: str, year: int = 2008) -> IndicatorResult:
    return IndicatorResult.objects.get(force=force, indicator__code=code, year=year)


def store(force, code: str, value: str, year: int = 2008) -> IndicatorResult:
    indicator = Indicator.objects.get(code=code)
    return IndicatorResult.objects.create(
        force=force, indicator=indicator, year=year, value=Decimal(value)
    )


def test_a_row_for_a_published_inspections_force_refuses_the_whole_file(
    client, admin_user, inspection_a
):
    publish(inspection_a)
    client.force_login(admin_user)
    text = rows(
        "Staffordshire,SPI 2a,2008,50.5,1000,Survey",
        "Force A,SPI 2a,2008,61.0,1000,Survey",
        "Force A,SPI 1e,2008,80.0,600,Survey",
    )
    response = client.post(IMPORT_URL, {"file": csv_file(text)})
    assert response.status_code == 400
    page = page_of(response)
    reason = "the 2008 inspection of Force A is published"
    assert (
        f"Line 3: Force A SPI 2a 2008 cannot be imported: {reason}, and the figures of a "
        "published report never change" in page
    )
    assert f"Line 4: Force A SPI 1e 2008 cannot be imported: {reason}" in page
    assert "Line 2:" not in page
    assert not response.context["payload"]
    assert not IndicatorResult.objects.exists(), "no row of a refused file is saved"


def test_stored_figures_of_a_published_inspection_are_not_replaced(
    client, admin_user, inspection_a, force_a
):
    store(force_a, "KDI", "44.00")
    publish(inspection_a)
    client.force_login(admin_user)
    response = client.post(IMPORT_URL, {"file": csv_file(rows("FA,KDI,2008,49.0,1000,New"))})
    assert response.status_code == 400
    assert "Force A KDI 2008 cannot be imported" in page_of(response)
    assert stored(force_a, "KDI").value == Decimal("44.00")


def test_the_year_a_published_inspection_compares_with_is_refused_too(
    client, admin_user, inspection_a
):
    # The 2008 programme's calls over time compare with 2006.
    publish(inspection_a)
    client.force_login(admin_user)
    response = client.post(
        IMPORT_URL, {"file": csv_file(rows("Force A,SPI 2a,2006,58.0,1000,Survey"))}
    )
    assert response.status_code == 400
    assert "Force A SPI 2a 2006 cannot be imported: the 2008 inspection" in page_of(response)
    assert not IndicatorResult.objects.exists()


def test_a_published_area_refuses_its_own_indicators_only(client, admin_user, inspection_a):
    publish_area(inspection_a, NP_AREA)
    client.force_login(admin_user)
    text = rows("Force A,SPI 2a,2008,61.0,1000,Survey", "Force A,SPI 1e,2008,80.0,600,Survey")
    response = client.post(IMPORT_URL, {"file": csv_file(text)})
    assert response.status_code == 400
    errors = [error.message for error in response.context["result"].errors]
    assert errors == [
        "Force A SPI 2a 2008 cannot be imported: the Neighbourhood Policing area of the 2008 "
        "inspection of Force A is published, and the figures of a published report never change"
    ]
    assert not IndicatorResult.objects.exists()

    # Citizen Focus is still being drafted, so its figures may still be loaded.
    response = client.post(
        IMPORT_URL, {"file": csv_file(rows("Force A,SPI 1e,2008,80.0,600,Survey"))}
    )
    assert response.status_code == 200
    response = client.post(CONFIRM_URL, {"payload": response.context["payload"]}, follow=True)
    assert IndicatorResult.objects.get().indicator.code == "SPI 1e"


def test_an_inspection_published_between_preview_and_confirm_is_refused_on_confirm(
    client, admin_user, inspection_a
):
    client.force_login(admin_user)
    response = client.post(
        IMPORT_URL, {"file": csv_file(rows("Force A,SPI 2a,2008,61.0,1000,Survey"))}
    )
    assert response.status_code == 200 and response.context["payload"]
    publish(inspection_a)
    response = client.post(CONFIRM_URL, {"payload": response.context["payload"]})
    assert response.status_code == 400
    assert "Force A SPI 2a 2008 cannot be imported" in page_of(response)
    assert not IndicatorResult.objects.exists()


def test_a_refusal_only_the_import_service_finds_is_shown_row_by_row(
    client, admin_user, inspection_a, monkeypatch
):
    from grading.views import imports

    client.force_login(admin_user)
    response = client.post(
        IMPORT_URL, {"file": csv_file(rows("Force A,SPI 2a,2008,61.0,1000,Survey"))}
    )
    publish(inspection_a)
    # As if publication committed after the confirm page's own check had passed.
    monkeypatch.setattr(imports, "result_refusals", lambda **kwargs: {})
    response = client.post(CONFIRM_URL, {"payload": response.context["payload"]})
    assert response.status_code == 400
    assert "Line 2: Force A SPI 2a 2008 cannot be imported: the 2008 inspection" in page_of(
        response
    )
    assert not IndicatorResult.objects.exists()


def test_the_import_service_refuses_published_figures_itself(admin_user, force_a, inspection_a):
    # What the view checked may be out of date by the time the service runs; the service
    # checks again under lock and saves nothing.
    result = parse_indicator_csv(
        rows("Staffordshire,KDI,2008,50.0,1000,S", "Force A,KDI,2008,61.0,1000,S"),
        forces=Force.objects.all(),
        indicators=Indicator.objects.all(),
    )
    assert result.is_valid
    publish(inspection_a)
    with pytest.raises(ResultsLocked) as refused:
        indicator_results_import(rows=result.rows, user=admin_user)
    kdi = Indicator.objects.get(code="KDI")
    assert refused.value.refusals == {
        (force_a.pk, kdi.pk, 2008): "the 2008 inspection of Force A is published"
    }
    assert not IndicatorResult.objects.exists()


def test_an_unpublished_inspections_figures_import_as_before(client, admin_user, inspection_a):
    # Guards against a check that refuses everything: the same file saves while unpublished.
    client.force_login(admin_user)
    response = client.post(
        IMPORT_URL, {"file": csv_file(rows("Force A,SPI 2a,2008,61.0,1000,Survey"))}
    )
    response = client.post(CONFIRM_URL, {"payload": response.context["payload"]}, follow=True)
    assert stored(inspection_a.force, "SPI 2a").value == Decimal("61.0")


# The admin


def _change_data(client, url: str, **changes) -> dict:
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    return {**data, **changes}


def test_the_admin_cannot_change_a_published_inspections_figures(
    client, admin_user, inspection_a, force_a
):
    result = store(force_a, "SPI 2a", "55.00")
    publish(inspection_a)
    client.force_login(admin_user)
    url = reverse("admin:grading_indicatorresult_change", args=[result.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert "Read-only: the 2008 inspection of Force A is published" in page_of(page)
    assert 'name="_save"' not in page.content.decode()

    data = {"force": force_a.pk, "indicator": result.indicator_id, "year": 2008, "value": "70"}
    assert client.post(url, data).status_code == 403
    delete_url = reverse("admin:grading_indicatorresult_delete", args=[result.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    version = result.history.get().history_id
    revert_url = reverse("admin:grading_indicatorresult_simple_history", args=[result.pk, version])
    assert client.post(revert_url, data).status_code == 403
    changelist = reverse("admin:grading_indicatorresult_changelist")
    response = client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [result.pk], "post": "yes"},
        follow=True,
    )
    assert "Nothing was deleted: 1 of the selected results" in page_of(response)

    result.refresh_from_db()
    assert result.value == Decimal("55.00")
    assert result.history.count() == 1


def test_the_admin_cannot_add_or_move_a_result_onto_a_published_inspection(
    client, admin_user, inspection_a, force_a, force_b
):
    movable = store(force_b, "SPI 2a", "40.00")
    publish(inspection_a)
    client.force_login(admin_user)
    spi2a = Indicator.objects.get(code="SPI 2a")
    new = {"force": force_a.pk, "indicator": spi2a.pk, "year": 2008, "value": "70"}
    response = client.post(reverse("admin:grading_indicatorresult_add"), new)
    assert response.status_code == 200
    assert "Force A SPI 2a 2008 cannot be saved: the 2008 inspection" in page_of(response)
    assert not IndicatorResult.objects.filter(force=force_a).exists()

    url = reverse("admin:grading_indicatorresult_change", args=[movable.pk])
    response = client.post(url, _change_data(client, url, force=force_a.pk))
    assert response.status_code == 200
    assert "cannot be saved" in page_of(response)
    movable.refresh_from_db()
    assert movable.force == force_b


def test_the_admin_still_changes_figures_no_published_report_prints(
    client, admin_user, inspection_a, force_a
):
    result = store(force_a, "SPI 2a", "55.00")
    client.force_login(admin_user)
    url = reverse("admin:grading_indicatorresult_change", args=[result.pk])
    response = client.post(url, _change_data(client, url, value="57.5"))
    assert response.status_code == 302
    result.refresh_from_db()
    assert result.value == Decimal("57.5")


def test_the_changelist_offers_the_import_only_with_the_import_permission(client, admin_user):
    url = reverse("admin:grading_indicatorresult_changelist")
    clerk = UserFactory(username="clerk")
    clerk.is_staff = True
    clerk.save()
    clerk.user_permissions.add(*Permission.objects.filter(codename__endswith="indicatorresult"))
    client.force_login(clerk)
    assert IMPORT_URL not in client.get(url).content.decode()
    client.force_login(admin_user)
    assert IMPORT_URL in client.get(url).content.decode()
