"""Developing practice: liaisons submit, the inspection team selects, everyone reads the library."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse

from inspections.models import DevelopingPractice, InspectionStatus, Programme
from inspections.services import inspection_create
from inspections.services.practice import developing_practice_select
from tests.factories import ForceFactory, UserFactory

pytestmark = pytest.mark.django_db


def _area(inspection, code="np"):
    return inspection.programme.frameworks.get(code=code)


def _practice(inspection, *, selected=False, code="np", **fields):
    values = {
        "title": "Street surgeries in the market square",
        "problem": "Residents could not find their neighbourhood officers.",
        "solution": "Officers held a weekly drop-in at a stall beside the bus station.",
        "contact": "Inspector Jo Patel, 01234 567890",
        "submitted_by": UserFactory(),
        **fields,
    }
    return DevelopingPractice.objects.create(
        inspection=inspection,
        framework=_area(inspection, code),
        selected_for_publication=selected,
        **values,
    )


def _form_data(inspection, **overrides):
    data = {
        "inspection": inspection.pk,
        "framework": _area(inspection).pk,
        "title": "Cycle patrols on the canal towpath",
        "problem": "Walkers reported feeling unsafe after dark.\n\nFew incidents were reported.",
        "solution": "Two officers patrol the towpath by bicycle each evening.",
        "evaluation": "Counts of reported incidents before and after.",
        "external_validation": "",
        "outcomes": "Reports fell by a third over six months.",
        "contact": "Sergeant Ana Lewis, ana.lewis@example.test",
    }
    data.update(overrides)
    return data


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _released(inspection):
    inspection.status = InspectionStatus.FACTUAL_ACCURACY
    inspection.save()
    return inspection


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
    assert client.get(url).context["form"].initial["title"] == practice.title
    data = _form_data(inspection_a, title="Market square surgeries, weekly")
    response = client.post(url, data)
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


# Review and selection


def test_team_member_sees_every_entry_in_full(client, alice, inspection_a):
    practice = _practice(inspection_a, outcomes="Calls about the market fell.\n\nSecond part.")
    client.force_login(alice)
    response = client.get(reverse("inspections:practice_review", args=[inspection_a.pk]))
    page = response.content.decode()
    assert response.context["can_select"]
    assert practice.solution in page
    assert "<p>Calls about the market fell.</p>" in page
    assert reverse("inspections:practice_select", args=[practice.pk]) in page


def test_selection_toggles_and_records_the_history_user(client, alice, inspection_a):
    practice = _practice(inspection_a)
    client.force_login(alice)
    url = reverse("inspections:practice_select", args=[practice.pk])
    response = client.post(url, {"selected": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#practice-{practice.pk}")
    practice.refresh_from_db()
    assert practice.selected_for_publication
    assert practice.history.latest().history_user == alice
    assert "is selected for publication" in _messages(response)[0]
    client.post(url, {"selected": "0"})
    practice.refresh_from_db()
    assert not practice.selected_for_publication


def test_selecting_twice_records_one_change(hmi, inspection_a):
    practice = _practice(inspection_a)
    developing_practice_select(practice=practice, user=hmi, selected=True)
    developing_practice_select(practice=practice, user=hmi, selected=True)
    assert practice.history.count() == 2
    assert practice.history.latest().history_user == hmi


def test_a_garbled_selection_changes_nothing(client, alice, inspection_a):
    practice = _practice(inspection_a)
    client.force_login(alice)
    url = reverse("inspections:practice_select", args=[practice.pk])
    response = client.post(url, {"selected": "maybe"})
    assert response.status_code == 302
    assert "nothing changed" in _messages(response)[0]
    practice.refresh_from_db()
    assert not practice.selected_for_publication


def test_review_page_explains_an_empty_list(client, alice, inspection_a):
    client.force_login(alice)
    response = client.get(reverse("inspections:practice_review", args=[inspection_a.pk]))
    assert "has not submitted any developing practice" in response.content.decode()


def test_liaison_reads_review_page_once_released_but_cannot_select(client, liaison, inspection_a):
    practice = _practice(_released(inspection_a))
    client.force_login(liaison)
    response = client.get(reverse("inspections:practice_review", args=[inspection_a.pk]))
    assert response.status_code == 200
    url = reverse("inspections:practice_select", args=[practice.pk])
    assert client.post(url, {"selected": "1"}).status_code == 403


# Library and detail


def test_library_shows_only_selected_entries(client, bob, inspection_a):
    _practice(inspection_a, title="Published example", selected=True)
    _practice(inspection_a, title="Still under review")
    client.force_login(bob)
    response = client.get(reverse("inspections:practice_library"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Published example" in page
    assert "Still under review" not in page
    assert "1 published example" in page


def test_library_includes_demo_forces(client, bob, inspection_a):
    assert inspection_a.force.is_fictional
    _practice(inspection_a, title="From a demo force", selected=True)
    client.force_login(bob)
    response = client.get(reverse("inspections:practice_library"))
    assert "From a demo force" in response.content.decode()


def test_library_filters_by_area(client, bob, inspection_a):
    _practice(inspection_a, title="About neighbourhoods", selected=True)
    _practice(inspection_a, title="About citizen focus", code="dcfp", selected=True)
    client.force_login(bob)
    url = reverse("inspections:practice_library")
    response = client.get(url, {"framework": _area(inspection_a, "dcfp").pk})
    titles = [practice.title for practice in response.context["page"]]
    assert titles == ["About citizen focus"]
    assert "1 example matches these filters" in response.content.decode()


def test_library_filters_by_force(client, bob, inspection_a, inspection_b):
    _practice(inspection_a, title="From force A", selected=True)
    _practice(inspection_b, title="From force B", selected=True)
    client.force_login(bob)
    response = client.get(reverse("inspections:practice_library"), {"force": inspection_b.force_id})
    assert [practice.title for practice in response.context["page"]] == ["From force B"]


@pytest.mark.parametrize("words", ["graffiti", "GRAFFITI wall", "volunteers"])
def test_library_filters_by_words(client, bob, inspection_a, words):
    _practice(
        inspection_a,
        title="Clean walls",
        solution="Volunteers remove graffiti from the wall within a day.",
        selected=True,
    )
    _practice(inspection_a, title="Something else", selected=True)
    client.force_login(bob)
    response = client.get(reverse("inspections:practice_library"), {"words": words})
    assert [practice.title for practice in response.context["page"]] == ["Clean walls"]


def test_library_words_search_title_and_outcomes(client, bob, inspection_a):
    _practice(inspection_a, title="Harbour watch", selected=True)
    _practice(inspection_a, title="Quiet nights", outcomes="Burglary fell sharply.", selected=True)
    client.force_login(bob)
    url = reverse("inspections:practice_library")
    assert [p.title for p in client.get(url, {"words": "harbour"}).context["page"]] == [
        "Harbour watch"
    ]
    assert [p.title for p in client.get(url, {"words": "burglary"}).context["page"]] == [
        "Quiet nights"
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs full-text search")
def test_library_words_match_other_forms_of_a_word_on_postgresql(client, bob, inspection_a):
    _practice(inspection_a, title="Patrolling the parks at dusk", selected=True)
    client.force_login(bob)
    response = client.get(reverse("inspections:practice_library"), {"words": "patrols park"})
    assert [p.title for p in response.context["page"]] == ["Patrolling the parks at dusk"]


def test_library_explains_when_nothing_matches(client, bob, inspection_a):
    _practice(inspection_a, selected=True)
    client.force_login(bob)
    response = client.get(reverse("inspections:practice_library"), {"words": "zeppelin"})
    page = response.content.decode()
    assert "0 examples match these filters" in page
    assert "No published example matches these filters" in page


def test_library_survives_nonsense_filters(client, bob, inspection_a):
    _practice(inspection_a, selected=True)
    client.force_login(bob)
    query = {"force": "abc", "framework": "99999", "page": "x", "words": "x" * 300}
    response = client.get(reverse("inspections:practice_library"), query)
    assert response.status_code == 200


def test_library_pages_twenty_at_a_time(client, bob, inspection_a):
    for number in range(25):
        _practice(inspection_a, title=f"Example {number:02d}", selected=True)
    client.force_login(bob)
    url = reverse("inspections:practice_library")
    first = client.get(url)
    assert len(first.context["page"]) == 20
    assert "25 published examples" in first.content.decode()
    second = client.get(url, {"page": 2})
    assert len(second.context["page"]) == 5


def _published_across_forces(count: int, programme) -> None:
    lead = UserFactory()
    for number in range(count):
        force = ForceFactory()
        inspection = inspection_create(force=force, programme=programme, lead=lead)
        _practice(inspection, title=f"Example {number}", selected=True, submitted_by=lead)


@pytest.mark.parametrize("count", [3, 30])
def test_library_query_count_does_not_grow(
    client, bob, programme_2008, django_assert_max_num_queries, count
):
    _published_across_forces(count, programme_2008)
    client.force_login(bob)
    url = reverse("inspections:practice_library")
    with django_assert_max_num_queries(9):
        response = client.get(url, {"words": "example"})
    assert response.context["page"].paginator.count == count


def test_detail_shows_every_field_escaped(client, bob, inspection_a):
    practice = _practice(
        inspection_a,
        title="Fish & chips <b>night</b>",
        evaluation="Surveyed 200 residents.",
        external_validation="Reviewed by the local university.",
        outcomes="Fewer calls.\nMore trust.",
        selected=True,
    )
    client.force_login(bob)
    response = client.get(reverse("inspections:practice_detail", args=[practice.pk]))
    page = response.content.decode()
    assert "Fish &amp; chips &lt;b&gt;night&lt;/b&gt;" in page
    for text in (practice.problem, practice.solution, practice.evaluation, practice.contact):
        assert text in page
    assert "Reviewed by the local university." in page
    assert "Fewer calls.<br>More trust." in page


@pytest.mark.parametrize("count", [3, 30])
def test_review_and_liaison_pages_query_count_does_not_grow(
    client, alice, liaison, inspection_a, django_assert_max_num_queries, count
):
    for number in range(count):
        _practice(inspection_a, title=f"Example {number}", submitted_by=liaison)
    client.force_login(alice)
    with django_assert_max_num_queries(8):
        client.get(reverse("inspections:practice_review", args=[inspection_a.pk]))
    client.force_login(liaison)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("inspections:practice_mine"))
    assert len(response.context["practices"]) == count
