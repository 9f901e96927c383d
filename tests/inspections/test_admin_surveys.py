"""Admin pages for survey settings, force overrides and the wording of indicator calls."""

import html

import pytest
from django.urls import reverse

from grading.outcome_wording import DEFAULT_WORDING, sentence
from inspections.admin.surveys import OutcomeWordingForm
from inspections.models import ForceSurveyOverride, OutcomeWording, SurveySettings

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:inspections_outcomewording_add")


def wording_data(programme, **templates) -> dict[str, object]:
    return {"programme": programme.pk, **dict.fromkeys(DEFAULT_WORDING, ""), **templates}


def test_it_checks_access(client, alice):
    client.force_login(alice)
    assert client.get(ADD_URL).status_code == 302


def test_each_field_shows_its_default_wording_and_placeholders(client, admin_user):
    client.force_login(admin_user)
    page = html.unescape(client.get(ADD_URL).content.decode())
    assert DEFAULT_WORDING["indicator_msf"] in page
    assert "Placeholders: {code}, {force}, {msf_call}, {msf_difference}" in page


def test_a_template_naming_an_unknown_placeholder_is_refused(client, admin_user, programme_2008):
    client.force_login(admin_user)
    data = wording_data(programme_2008, gap="{force} trails by {gap} points, {code}.")
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["gap"] == ["This sentence cannot fill {code}. Use only: {force}, {gap}."]
    assert not OutcomeWording.objects.exists()


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("Performance is {msf_call.", "The braces do not pair up."),
        ("Performance is msf_call}.", "The braces do not pair up."),
        ("Performance is {}.", "Empty braces {} name no placeholder."),
        ("Performance is {msf_call:>20}.", "Write the placeholder {msf_call} on its own"),
        ("Performance is {msf_call!r}.", "Write the placeholder {msf_call} on its own"),
    ],
)
def test_malformed_templates_are_refused_with_a_clear_message(programme_2008, template, message):
    form = OutcomeWordingForm(data=wording_data(programme_2008, headline_msf=template))
    assert not form.is_valid()
    assert form.errors["headline_msf"][0].startswith(message)
    assert list(form.errors) == ["headline_msf"]


def test_good_templates_are_saved_and_used(client, admin_user, programme_2008):
    client.force_login(admin_user)
    template = "Against similar forces, {force} is {msf_call}. Literal braces: {{ok}}."
    response = client.post(ADD_URL, wording_data(programme_2008, headline_msf=template))
    assert response.status_code == 302, response.context["adminform"].form.errors
    wording = OutcomeWording.objects.get(programme=programme_2008)
    assert wording.headline_msf == template
    assert wording.gap == ""
    filled = sentence("headline_msf", {"headline_msf": wording.headline_msf}, force="Kent")
    assert filled == "Against similar forces, Kent is {msf_call}. Literal braces: {ok}."


def test_survey_settings_and_overrides_open_in_the_admin(client, admin_user, programme_2008):
    from forces.models import Force

    kent = Force.objects.get(name="Kent")
    SurveySettings.objects.create(programme=programme_2008, bcs_sample_per_force=900)
    ForceSurveyOverride.objects.create(
        programme=programme_2008, force=kent, user_sample_per_unit=400, reason="Smaller survey"
    )
    client.force_login(admin_user)
    response = client.get(reverse("admin:inspections_surveysettings_add"))
    assert "Empty uses 1000." in response.content.decode()
    response = client.get(reverse("admin:inspections_surveysettings_changelist"))
    assert response.status_code == 200 and "900" in response.content.decode()
    response = client.get(
        reverse("admin:inspections_forcesurveyoverride_changelist"),
        {"programme__id__exact": programme_2008.pk},
    )
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
