"""The CSV import page: upload, preview, confirm; who may use it; nothing saved from bad files."""

import html
import re
import time
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forces.models import Force
from grading.indicator_csv import COLUMN_NAMES, parse_indicator_csv
from grading.models import Indicator, IndicatorResult
from inspections import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("grading:indicator_import")
CONFIRM_URL = reverse("grading:indicator_import_confirm")
TEMPLATE_URL = reverse("grading:indicator_import_template")
CODES = ["SPI 2a", "KDI", "SPI 10b", "SPI 1e", "SPI 3b"]


def csv_file(text: str, name: str = "results.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def two_forces(bump: str = "0") -> str:
    """Staffordshire and Kent, five indicators each, values raised by `bump` points."""
    lines = ["force,indicator,year,value,sample_size,msf_difference,source"]
    for force in ("Staffordshire", "Kent Police"):
        for n, code in enumerate(CODES):
            value = Decimal("50.5") + n + Decimal(bump)
            lines.append(f"{force},{code},2008,{value},1000,1.5,Test survey 2008")
    return "\n".join(lines) + "\n"


def preview(client, text: str):
    return client.post(IMPORT_URL, {"file": csv_file(text)})


def confirm(client, response):
    return client.post(CONFIRM_URL, {"payload": response.context["payload"]}, follow=True)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_it_checks_access(client, alice):
    for url in (IMPORT_URL, TEMPLATE_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert client.post(CONFIRM_URL, {"payload": "x"}).status_code == 302

    client.force_login(alice)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(TEMPLATE_URL).status_code == 403
    assert client.post(IMPORT_URL, {"file": csv_file(two_forces())}).status_code == 403
    assert client.post(CONFIRM_URL, {"payload": "x"}).status_code == 403
    assert not IndicatorResult.objects.exists()


def test_administrators_may_import(client, admin_user):
    client.force_login(admin_user)
    response = client.get(IMPORT_URL)
    assert response.status_code == 200
    assert "Import indicator results" in response.content.decode()


def test_a_lead_inspector_may_not_import_figures_for_any_force(client, hmi, inspection_a):
    # hmi leads the team of Force A, and still imports nothing, for that force or another.
    client.force_login(hmi)
    text = two_forces().replace("Staffordshire", "Force A")
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(TEMPLATE_URL).status_code == 403
    assert client.post(IMPORT_URL, {"file": csv_file(text)}).status_code == 403
    forged = signing.dumps(
        {"user": hmi.pk, "csv": text}, salt="grading.indicator_import", compress=True
    )
    assert client.post(CONFIRM_URL, {"payload": forged}).status_code == 403
    assert not IndicatorResult.objects.exists()


def test_only_the_administrator_role_holds_the_import_permission(reference):
    holders = Permission.objects.get(codename="import_indicator_results").group_set
    assert set(holders.values_list("name", flat=True)) == {roles.ADMINISTRATOR}
    lead = UserFactory(username="lead", groups=[roles.LEAD_INSPECTOR, roles.INSPECTOR])
    assert not lead.has_perm("grading.import_indicator_results")
    assert not lead.has_perm("grading.add_indicatorresult")
    assert not lead.has_perm("grading.change_indicatorresult")


def test_confirm_only_accepts_post(client, admin_user):
    client.force_login(admin_user)
    assert client.get(CONFIRM_URL).status_code == 405


def test_a_valid_file_is_previewed_then_saved_on_confirm(
    client, admin_user, django_assert_max_num_queries
):
    client.force_login(admin_user)
    with django_assert_max_num_queries(8):
        response = preview(client, two_forces())
    assert response.status_code == 200
    assert not IndicatorResult.objects.exists(), "nothing is saved before confirming"
    page = response.content.decode()
    assert page.count(">New</strong>") == 10
    assert "10 new, 0 replacing stored results" in page
    assert 'name="payload"' in page

    response = confirm(client, response)
    assert response.redirect_chain[-1][0] == IMPORT_URL
    assert messages_of(response) == ["Imported 10 results: 10 new, 0 replaced."]
    results = IndicatorResult.objects.select_related("force", "indicator")
    assert results.count() == 10
    assert {r.force.name for r in results} == {"Staffordshire", "Kent"}
    assert {r.indicator.code for r in results} == set(CODES)
    kdi = results.get(force__name="Kent", indicator__code="KDI", year=2008)
    assert (kdi.value, kdi.sample_size, kdi.msf_difference) == (
        Decimal("51.5"),
        1000,
        Decimal("1.5"),
    )
    assert kdi.source == "Test survey 2008"
    assert kdi.updated_by == admin_user
    assert kdi.history.get().history_user == admin_user


def test_importing_again_shows_replacements_then_updates_them(client, admin_user):
    client.force_login(admin_user)
    confirm(client, preview(client, two_forces()))

    response = preview(client, two_forces(bump="2"))
    page = response.content.decode()
    assert "0 new, 10 replacing stored results" in page
    assert page.count("Replaces ") == 10
    assert "Replaces 50.50" in page

    response = confirm(client, response)
    assert messages_of(response) == ["Imported 10 results: 0 new, 10 replaced."]
    assert IndicatorResult.objects.count() == 10
    spi2a = IndicatorResult.objects.get(force__name="Staffordshire", indicator__code="SPI 2a")
    assert spi2a.value == Decimal("52.5")
    assert spi2a.history.count() == 2
    assert spi2a.history.latest().history_user == admin_user


def test_one_bad_row_among_good_ones_saves_nothing_and_names_its_line(client, admin_user):
    client.force_login(admin_user)
    text = two_forces().replace("Kent Police,KDI,2008,51.5", "Kent Police,KDI,2008,151.5")
    response = preview(client, text)
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Line 8, value: value 151.5 is outside 0-100" in page
    assert 'name="payload"' not in page
    assert "Confirm" not in page
    assert not IndicatorResult.objects.exists()


def test_file_level_problems_are_shown_not_raised(client, admin_user):
    client.force_login(admin_user)
    for data, message in [
        (b"", "The file is empty"),
        (b"force,indicator,year\n", "Missing column 'value' in the header row"),
        ("force,indicator,year,value\nK\u00e9nt,KDI,2008,5\n".encode("latin-1"), "not UTF-8"),
    ]:
        upload = SimpleUploadedFile("bad.csv", data, content_type="text/csv")
        response = client.post(IMPORT_URL, {"file": upload})
        assert response.status_code == 400
        assert message in html.unescape(response.content.decode())
    assert not IndicatorResult.objects.exists()


def test_posting_without_a_file_shows_the_form_again(client, admin_user):
    client.force_login(admin_user)
    response = client.post(IMPORT_URL, {})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]


def test_a_tampered_payload_is_refused_and_nothing_saved(client, admin_user):
    client.force_login(admin_user)
    payload = preview(client, two_forces()).context["payload"]
    forged = signing.dumps(
        {"user": admin_user.pk, "csv": two_forces(bump="40")}, salt="another-salt", compress=True
    )
    for bad in (payload[:-3] + "abc", forged, ""):
        response = client.post(CONFIRM_URL, {"payload": bad}, follow=True)
        assert response.redirect_chain[-1][0] == IMPORT_URL
        assert "could not be confirmed" in messages_of(response)[0]
    assert not IndicatorResult.objects.exists()


def test_a_preview_signed_for_someone_else_or_over_an_hour_ago_is_refused(
    client, admin_user, monkeypatch
):
    client.force_login(UserFactory(username="admin2", groups=[roles.ADMINISTRATOR]))
    payload = preview(client, two_forces()).context["payload"]
    client.force_login(admin_user)
    response = client.post(CONFIRM_URL, {"payload": payload}, follow=True)
    assert "could not be confirmed" in messages_of(response)[0]

    two_hours_ago = signing.b62_encode(int(time.time()) - 2 * 60 * 60)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: two_hours_ago)
    stale = preview(client, two_forces()).context["payload"]
    monkeypatch.undo()
    response = client.post(CONFIRM_URL, {"payload": stale}, follow=True)
    assert "could not be confirmed" in messages_of(response)[0]
    assert not IndicatorResult.objects.exists()


def test_confirm_checks_the_file_again(client, admin_user):
    client.force_login(admin_user)
    response = preview(client, two_forces())
    Force.objects.filter(name="Kent").update(name="Kent County", formal_name="", short_name="KC")
    response = client.post(CONFIRM_URL, {"payload": response.context["payload"]})
    assert response.status_code == 400
    assert "Unknown force &#x27;Kent Police&#x27;" in response.content.decode()
    assert not IndicatorResult.objects.exists()


def test_a_clash_with_a_simultaneous_import_is_reported_not_raised(client, admin_user, monkeypatch):
    from django.db import IntegrityError

    from grading.views import imports

    def clash(**kwargs):
        raise IntegrityError("duplicate key")

    client.force_login(admin_user)
    response = preview(client, two_forces())
    monkeypatch.setattr(imports, "indicator_results_import", clash)
    response = confirm(client, response)
    assert "saved by someone else at the same moment" in messages_of(response)[0]


def test_a_user_who_may_only_add_cannot_replace_stored_results(client, admin_user):
    client.force_login(admin_user)
    confirm(client, preview(client, two_forces()))
    adder = UserFactory(username="adder")
    adder.user_permissions.add(Permission.objects.get(codename="import_indicator_results"))
    client.force_login(adder)
    response = preview(client, two_forces(bump="1"))
    assert response.status_code == 400
    assert "10 rows would replace stored results" in html.unescape(response.content.decode())
    assert "payload" not in response.context or not response.context["payload"]
    spi2a = IndicatorResult.objects.get(force__name="Kent", indicator__code="SPI 2a")
    assert spi2a.value == Decimal("50.5")


def test_the_template_csv_has_the_header_row(client, admin_user):
    client.force_login(admin_user)
    response = client.get(TEMPLATE_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode().splitlines() == [",".join(COLUMN_NAMES)]


def test_the_example_on_the_upload_page_is_a_valid_file(client, admin_user):
    client.force_login(admin_user)
    page = client.get(IMPORT_URL).content.decode()
    example = html.unescape(re.search(r"<pre[^>]*><code>(.*?)</code></pre>", page, re.S)[1])
    result = parse_indicator_csv(
        example, forces=Force.objects.all(), indicators=Indicator.objects.all()
    )
    assert result.errors == [] and len(result.rows) == 3


def test_the_admin_changelist_links_to_the_import(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:grading_indicatorresult_changelist"))
    assert response.status_code == 200
    assert IMPORT_URL in response.content.decode()
