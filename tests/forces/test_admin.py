import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_administrator_sees_the_43_forces(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:forces_force_changelist"), {"is_fictional__exact": "0"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 43
    assert "Staffordshire" in response.content.decode()


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
