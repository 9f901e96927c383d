"""Developing practice: liaisons submit, the inspection team selects, everyone reads the library."""

import pytest
from django.urls import reverse

from inspections.models import DevelopingPractice, Programme
from inspections.services import inspection_create
from tests.inspections.practice_support import _area, _form_data, _messages, _practice

pytestmark = pytest.mark.django_db


# Access


@pytest.mark.parametrize(
    "name, needs_pk",
    [
        ("practice_library", False),
        ("practice_detail", True),
        ("practice_submit", False),
        ("practice_edit", True),
        ("practice_mine", False),
        ("practice_review", True),
        ("practice_select", True),
    ],
)
def test_it_sends_anonymous_visitors_to_log_in(client, inspection_a, name, needs_pk):
    practice = _practice(inspection_a, selected=True)
    pk = inspection_a.pk if name == "practice_review" else practice.pk
    url = reverse(f"inspections:{name}", args=[pk] if needs_pk else [])
    response = client.post(url) if name == "practice_select" else client.get(url)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("name", ["practice_submit", "practice_mine"])
def test_only_a_liaison_may_use_the_liaison_pages(client, alice, inspection_a, name):
    client.force_login(alice)
    assert client.get(reverse(f"inspections:{name}")).status_code == 403


def test_liaison_cannot_see_or_edit_another_forces_entries(client, liaison, inspection_b):
    practice = _practice(inspection_b)
    client.force_login(liaison)
    assert client.get(reverse("inspections:practice_detail", args=[practice.pk])).status_code == 404
    edit = reverse("inspections:practice_edit", args=[practice.pk])
    assert client.get(edit).status_code == 404
    response = client.post(edit, _form_data(inspection_b, title="Taken over"))
    assert response.status_code == 404
    practice.refresh_from_db()
    assert practice.title == "Street surgeries in the market square"


def test_liaison_cannot_submit_to_another_forces_inspection(client, liaison, inspection_b):
    client.force_login(liaison)
    response = client.post(reverse("inspections:practice_submit"), _form_data(inspection_b))
    assert response.status_code == 400
    assert not DevelopingPractice.objects.exists()


def test_liaison_gets_404_on_review_before_release(client, liaison, inspection_a):
    client.force_login(liaison)
    url = reverse("inspections:practice_review", args=[inspection_a.pk])
    assert client.get(url).status_code == 404


def test_review_page_is_404_for_another_forces_inspector(client, bob, inspection_a):
    client.force_login(bob)
    url = reverse("inspections:practice_review", args=[inspection_a.pk])
    assert client.get(url).status_code == 404


def test_select_is_404_for_another_forces_inspector(client, bob, inspection_a):
    practice = _practice(inspection_a, selected=True)
    client.force_login(bob)
    url = reverse("inspections:practice_select", args=[practice.pk])
    assert client.post(url, {"selected": "0"}).status_code == 404
    practice.refresh_from_db()
    assert practice.selected_for_publication


def test_moderator_reads_review_page_but_cannot_select(client, panel, inspection_a):
    practice = _practice(inspection_a)
    client.force_login(panel)
    response = client.get(reverse("inspections:practice_review", args=[inspection_a.pk]))
    url = reverse("inspections:practice_select", args=[practice.pk])
    assert response.status_code == 200
    assert practice.title in response.content.decode()
    assert url not in response.content.decode()
    assert client.post(url, {"selected": "1"}).status_code == 403
    practice.refresh_from_db()
    assert not practice.selected_for_publication


def test_select_refuses_get(client, alice, inspection_a):
    practice = _practice(inspection_a)
    client.force_login(alice)
    url = reverse("inspections:practice_select", args=[practice.pk])
    assert client.get(url).status_code == 405


def test_unpublished_entry_is_hidden_from_other_inspectors(client, bob, inspection_a):
    practice = _practice(inspection_a)
    client.force_login(bob)
    url = reverse("inspections:practice_detail", args=[practice.pk])
    assert client.get(url).status_code == 404
    practice.selected_for_publication = True
    practice.save()
    assert client.get(url).status_code == 200


def test_liaison_reads_own_unpublished_entry_without_seeing_the_inspection(
    client, liaison, inspection_a
):
    practice = _practice(inspection_a)
    client.force_login(liaison)
    response = client.get(reverse("inspections:practice_detail", args=[practice.pk]))
    assert response.status_code == 200
    assert response.context["can_edit"]
    assert not response.context["can_review"]
    page = response.content.decode()
    assert reverse("inspections:inspection_detail", args=[inspection_a.pk]) not in page


# Submission


def test_liaison_submission_creates_an_entry_for_their_force(client, liaison, inspection_a):
    client.force_login(liaison)
    response = client.post(reverse("inspections:practice_submit"), _form_data(inspection_a))
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:practice_mine")
    practice = DevelopingPractice.objects.get()
    assert practice.inspection == inspection_a
    assert practice.framework == _area(inspection_a)
    assert practice.submitted_by == liaison
    assert not practice.selected_for_publication
    assert practice.history.get().history_user == liaison
    assert "submitted" in _messages(response)[0]


def test_submit_page_offers_only_the_programmes_areas(client, liaison, inspection_a):
    client.force_login(liaison)
    response = client.get(reverse("inspections:practice_submit"))
    assert response.status_code == 200
    offered = set(response.context["form"].fields["framework"].queryset)
    assert offered == set(inspection_a.programme.frameworks.all())


def test_area_from_another_programme_is_refused(client, liaison, inspection_a):
    other_area = Programme.objects.get(year=2007).frameworks.get(code="np")
    client.force_login(liaison)
    data = _form_data(inspection_a, framework=other_area.pk)
    response = client.post(reverse("inspections:practice_submit"), data)
    assert response.status_code == 400
    assert "Choose one of the listed inspection areas." in response.content.decode()
    assert not DevelopingPractice.objects.exists()


def test_force_with_several_inspections_defaults_to_the_latest(
    client, liaison, inspection_a, force_a
):
    older = inspection_create(force=force_a, programme=Programme.objects.get(year=2007))
    client.force_login(liaison)
    form = client.get(reverse("inspections:practice_submit")).context["form"]
    assert form.fields["inspection"].initial == inspection_a.pk
    assert set(form.fields["inspection"].queryset) == {inspection_a, older}
    # The 2007 areas are offered too, but only with the 2007 inspection.
    data = _form_data(inspection_a, framework=_area(older).pk)
    response = client.post(reverse("inspections:practice_submit"), data)
    assert response.status_code == 400
    assert "is not an area of the 2008 inspection programme" in response.content.decode()
    data = _form_data(older, framework=_area(older).pk)
    assert client.post(reverse("inspections:practice_submit"), data).status_code == 302
    assert DevelopingPractice.objects.get().inspection == older


def test_submit_page_explains_when_the_force_has_no_inspection(client, liaison):
    client.force_login(liaison)
    response = client.get(reverse("inspections:practice_submit"))
    assert response.status_code == 200
    assert "has no inspection to offer examples to yet" in response.content.decode()


def test_missing_title_shows_a_message_and_saves_nothing(client, liaison, inspection_a):
    client.force_login(liaison)
    data = _form_data(inspection_a, title="   ")
    response = client.post(reverse("inspections:practice_submit"), data)
    assert response.status_code == 400
    assert "Give the example a title." in response.content.decode()
    assert not DevelopingPractice.objects.exists()


@pytest.mark.parametrize(
    "field, message",
    [
        ("problem", "Describe the problem the work set out to tackle."),
        ("solution", "Describe what the force did about the problem."),
        ("contact", "Give a contact: a name with a telephone number or e-mail address."),
        ("framework", "Choose the inspection area the example belongs to."),
    ],
)
def test_required_fields_say_what_is_missing(client, liaison, inspection_a, field, message):
    client.force_login(liaison)
    response = client.post(
        reverse("inspections:practice_submit"), _form_data(inspection_a, **{field: ""})
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DevelopingPractice.objects.exists()


def test_html_in_the_problem_is_refused(client, liaison, inspection_a):
    client.force_login(liaison)
    data = _form_data(inspection_a, problem="Before <script>alert(1)</script> after")
    response = client.post(reverse("inspections:practice_submit"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Write plain text: HTML tags such as &lt;b&gt; or &lt;script&gt; are not allowed." in page
    )
    assert "<script>alert(1)</script>" not in page
    assert not DevelopingPractice.objects.exists()


@pytest.mark.parametrize("field, length", [("title", 251), ("solution", 5001), ("outcomes", 5001)])
def test_overlong_text_is_refused(client, liaison, inspection_a, field, length):
    client.force_login(liaison)
    data = _form_data(inspection_a, **{field: "x" * length})
    response = client.post(reverse("inspections:practice_submit"), data)
    assert response.status_code == 400
    assert "characters or fewer" in response.content.decode()
    assert not DevelopingPractice.objects.exists()


def test_nul_characters_are_refused_not_a_server_error(client, liaison, inspection_a):
    client.force_login(liaison)
    data = _form_data(inspection_a, title="Bad\x00title")
    response = client.post(reverse("inspections:practice_submit"), data)
    assert response.status_code == 400
    assert not DevelopingPractice.objects.exists()


# Editing and the liaison's list


def test_liaison_edits_an_entry_not_yet_selected(client, liaison, inspection_a):
    practice = _practice(inspection_a, submitted_by=liaison)
    client.force_login(liaison)
    url = reverse("inspections:practice_edit", args=[practice.pk])
    form = client.get(url).context["form"]
    assert form.initial["title"] == practice.title
    data = _form_data(inspection_a, title="Market square surgeries, weekly")
    response = client.post(url, {**data, "version": form.initial["version"]})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.title == "Market square surgeries, weekly"
    assert practice.history.latest().history_user == liaison


def test_invalid_edit_changes_nothing(client, liaison, inspection_a):
    practice = _practice(inspection_a, submitted_by=liaison)
    client.force_login(liaison)
    url = reverse("inspections:practice_edit", args=[practice.pk])
    response = client.post(url, _form_data(inspection_a, title="New title", contact=""))
    assert response.status_code == 400
    practice.refresh_from_db()
    assert practice.title == "Street surgeries in the market square"


def test_selected_entry_can_no_longer_be_edited(client, liaison, inspection_a):
    practice = _practice(inspection_a, selected=True, submitted_by=liaison)
    client.force_login(liaison)
    url = reverse("inspections:practice_edit", args=[practice.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:practice_detail", args=[practice.pk])
    assert "selected for publication" in _messages(response)[0]
    client.post(url, _form_data(inspection_a, title="Changed after selection"))
    practice.refresh_from_db()
    assert practice.title == "Street surgeries in the market square"


def test_liaison_list_shows_own_force_entries_with_status(
    client, liaison, inspection_a, inspection_b
):
    _practice(inspection_a, title="Waiting for review")
    _practice(inspection_a, title="Chosen to publish", selected=True)
    _practice(inspection_b, title="From another force")
    client.force_login(liaison)
    response = client.get(reverse("inspections:practice_mine"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Waiting for review" in page
    assert "Chosen to publish" in page
    assert "From another force" not in page
    assert "Selected for publication" in page
    assert "Submitted" in page


def test_liaison_list_explains_what_to_do_when_empty(client, liaison, inspection_a):
    client.force_login(liaison)
    response = client.get(reverse("inspections:practice_mine"))
    assert "has not submitted any developing practice yet" in response.content.decode()
