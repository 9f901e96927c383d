"""The admin's inputs and links have names of their own (config.admin_base): Django names the
columns of a tabular inline, and of a list's editable columns, in the header only; it prints a
filter's blank value as an empty link and a date-time as two unlabelled boxes."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from config.admin_base import LabelledInlineFormSet, LabelledListEditable
from forces.models import Region
from grading.models import Framework


def _inline_classes():
    for model_admin in admin.site._registry.values():
        yield from model_admin.inlines
        if type(model_admin).get_inlines is not admin.ModelAdmin.get_inlines:
            yield from model_admin.get_inlines(None, object())


def test_every_inline_labels_its_inputs():
    unlabelled = {
        i.__name__ for i in _inline_classes() if not issubclass(i.formset, LabelledInlineFormSet)
    }
    assert unlabelled == set()


def test_every_editable_list_labels_its_inputs():
    unlabelled = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if model_admin.list_editable and not isinstance(model_admin, LabelledListEditable)
    ]
    assert unlabelled == []


@pytest.mark.django_db
def test_an_editable_list_names_each_input_by_column_and_row(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:forces_region_changelist")).content.decode()
    region = Region.objects.order_by("order", "name").first()
    assert re.search(rf'name="form-0-order"[^>]*aria-label="Order, {region.name}"', page)


@pytest.mark.django_db
def test_an_inline_names_each_input_by_column_and_row(client, admin_user, inspection_a):
    client.force_login(admin_user)
    url = reverse("admin:inspections_inspection_change", args=[inspection_a.pk])
    page = client.get(url).content.decode()
    membership = inspection_a.memberships.order_by("pk").first()
    for column in ("Role", "Delete"):
        assert f'aria-label="{column}, {membership}"' in page
    assert 'aria-label="Role, new row"' in page


@pytest.mark.django_db
def test_each_row_of_a_relation_column_has_its_own_label(client, admin_user, programme_2008):
    # A relation's select is wrapped for its add and change links; each row names its own row.
    client.force_login(admin_user)
    url = reverse("admin:inspections_programme_change", args=[programme_2008.pk])
    page = client.get(url).content.decode()
    rows = programme_2008.areas.order_by("order")[:2]
    assert len(rows) == 2
    for index, row in enumerate(rows):
        pattern = (
            rf'aria-label="Framework, {re.escape(str(row))}"[^>]*id="id_areas-{index}-framework"'
        )
        assert re.search(pattern, page), row


@pytest.mark.django_db
def test_a_filter_names_the_blank_value(client, admin_user):
    framework = Framework.objects.order_by("pk").first()
    framework.group = ""
    framework.save()
    client.force_login(admin_user)
    page = client.get(reverse("admin:grading_framework_changelist")).content.decode()
    assert re.search(r'href="\?group="[^>]*>\s*\(blank\)\s*</a>', page)


@pytest.mark.django_db
def test_a_users_sign_in_dates_are_shown_not_typed(client, admin_user):
    # Django's date-and-time pair of boxes has no label per box; the dates are records anyway.
    client.force_login(admin_user)
    page = client.get(reverse("admin:auth_user_change", args=[admin_user.pk])).content.decode()
    assert "Last login" in page and "Date joined" in page
    assert 'name="last_login_0"' not in page and 'name="date_joined_0"' not in page
