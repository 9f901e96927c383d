import pytest
from django.urls import reverse

from grading.models import Framework

pytestmark = pytest.mark.django_db


def test_framework_page_shows_the_criteria_tree_top_down(client, admin_user):
    framework = Framework.objects.get(code="np", version="2008")
    client.force_login(admin_user)
    response = client.get(reverse("admin:grading_framework_change", args=[framework.pk]))
    assert response.status_code == 200
    formset = next(
        fs
        for fs in response.context["inline_admin_formsets"]
        if fs.opts.model.__name__ == "Criterion"
    )
    numbers = [form.form.instance.number for form in formset if form.form.instance.pk]
    assert numbers == ["1", "1.1", "1.2", "1.3", "2", "3", "4"]
    page = response.content.decode()
    assert "Joint problem solving is established and included within performance regimes." in page


def test_a_malformed_statement_template_is_refused_in_the_admin(client, admin_user):
    from grading.models import Criterion

    criterion = Criterion.objects.get(framework__code="np", parent=None, order=4)
    client.force_login(admin_user)
    url = reverse("admin:grading_criterion_change", args=[criterion.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["statement_template"] = "Plans are {assurance: convincing} here."
    data["indicators"] = []
    response = client.post(url, data)
    assert response.status_code == 200
    assert "at least two" in response.content.decode()
    criterion.refresh_from_db()
    assert "{assurance: convincingly" in criterion.statement_template
