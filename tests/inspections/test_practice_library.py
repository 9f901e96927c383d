"""Developing practice: the team's review and selection, the published library and entries."""

import pytest
from django.db import connection
from django.urls import reverse

from inspections.services import inspection_create
from inspections.services.practice import developing_practice_select
from tests.factories import ForceFactory, UserFactory
from tests.inspections.practice_support import _area, _messages, _practice, _released

pytestmark = pytest.mark.django_db


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
