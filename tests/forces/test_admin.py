import pytest
from django.urls import reverse

from tests.factories import ForceFactory

pytestmark = pytest.mark.django_db


def test_administrator_sees_the_43_forces(client, admin_user):
    ForceFactory(name="Demo force")
    client.force_login(admin_user)
    url = reverse("admin:forces_force_changelist")
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 43
    assert "Staffordshire" in response.content.decode()
    assert "Demo force" not in response.content.decode()
    assert client.get(url, {"kind": "fictional"}).context["cl"].result_count == 1
    assert client.get(url, {"kind": "all"}).context["cl"].result_count == 44


def test_a_similar_forces_group_cannot_contain_its_own_force(client, admin_user, reference):
    from forces.models import Force, MostSimilarGroup

    kent, essex = Force.objects.get(name="Kent"), Force.objects.get(name="Essex")
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:forces_mostsimilargroup_add"),
        {"force": kent.pk, "effective_from": "2008-04-01", "members": [kent.pk, essex.pk]},
    )
    assert response.status_code == 200
    assert not MostSimilarGroup.objects.exists()
    errors = response.context["adminform"].form.errors
    assert "cannot be one of its own most similar forces" in str(errors["members"])


def test_command_units_show_the_years_they_were_active(client, admin_user):
    from tests.factories import CommandUnitFactory

    unit = CommandUnitFactory(name="Old North Division", active_from_year=2004, active_to_year=2007)
    client.force_login(admin_user)
    response = client.get(reverse("admin:forces_force_change", args=[unit.force.pk]))
    inline = next(
        fs for fs in response.context["inline_admin_formsets"] if fs.opts.model is type(unit)
    )
    assert {"active_from_year", "active_to_year"} <= set(inline.formset.form.base_fields)
    response = client.get(reverse("admin:forces_commandunit_changelist"))
    page = response.content.decode()
    assert "Active to year" in page and ">2007<" in page
