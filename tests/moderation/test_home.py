import pytest
from django.urls import reverse

from inspections.models import CriterionAssessment
from inspections.services.inspections import inspection_create
from moderation.inbox import inbox_for
from moderation.models import AgendaItem
from moderation.services.panels import panel_decision_record
from tests.factories import ForceFactory
from tests.moderation.moderation_support import np_area, submit

pytestmark = pytest.mark.django_db


def test_home_requires_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_inspector_sees_only_their_teams_inspections(client, alice, inspection_a, inspection_b):
    client.force_login(alice)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert list(response.context["inspections"]) == [inspection_a]
    assert "Force B" not in response.content.decode()


def test_moderator_sees_every_inspection(client, panel, inspection_a, inspection_b):
    client.force_login(panel)
    response = client.get(reverse("home"))
    assert set(response.context["inspections"]) == {inspection_a, inspection_b}


def test_force_liaison_sees_no_inspection_before_release(client, liaison, inspection_a):
    client.force_login(liaison)
    response = client.get(reverse("home"))
    assert list(response.context["inspections"]) == []


def test_login_page_signs_a_user_in(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "secret"})
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == alice


def test_wrong_password_shows_an_error(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()


@pytest.mark.parametrize("inspections", [1, 6])
def test_home_page_is_constant_query(
    client, panel, programme_2008, django_assert_max_num_queries, inspections
):
    for _ in range(inspections):
        inspection_create(force=ForceFactory(), programme=programme_2008)
    client.force_login(panel)
    # The inspections, and the inbox of someone on no team and no panel: where they stand
    # (three queries), the panels they sit on, whom they answer recommendations for (one),
    # then nothing per inspection.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("home"))
    assert len(response.context["inspections"]) == inspections


def test_home_shows_progress(client, alice, inspection_a):
    assessment = CriterionAssessment.objects.filter(area__inspection=inspection_a).first()
    assessment.statement = "Written."
    assessment.save()
    client.force_login(alice)
    (row,) = client.get(reverse("home")).context["inspections"]
    assert (row.statements_written, row.criteria_total, row.evidence_total) == (1, 9, 0)


def test_the_page_lists_the_tasks_with_links_and_the_inspections_below(client, alice, inspection_a):
    client.force_login(alice)
    page = client.get(reverse("home")).content.decode()
    assert page.count("<h1") == 1
    assessment = np_area(inspection_a).criteria.first()
    assert f'href="{assessment.get_absolute_url()}"' in page
    assert page.index('id="inbox"') < page.index('id="inspections"')
    assert 'id="task-count"' in page


def test_with_nothing_waiting_the_page_says_so(client, bob, inspection_a):
    client.force_login(bob)
    response = client.get(reverse("home"))
    assert response.context["inbox"].count == 0
    assert "Nothing is waiting for you." in response.content.decode()


def test_the_navigation_shows_the_count_the_home_page_worked_out(
    client, alice, inspection_a, liaison
):
    client.force_login(alice)
    count = client.get(reverse("home")).context["inbox"].count
    assert count > 0
    page = client.get(reverse("inspections:evidence_search")).content.decode()
    assert f'<span class="moj-notification-badge" id="task-count">{count}<' in page
    # A change they make may settle a task: the count is forgotten until the inbox is seen.
    client.post(reverse("logout"))
    client.force_login(alice)
    client.post(reverse("password_change"), {})
    page = client.get(reverse("inspections:evidence_search")).content.decode()
    assert 'id="task-count"' not in page


def _force_with_submitted_area(programme, region, alice, hmi):
    force = ForceFactory(region=region)
    inspection = inspection_create(force=force, programme=programme, lead=hmi, inspectors=[alice])
    area = np_area(inspection)
    submit(area, alice, hmi)
    return area


def _queries(client, user, django_assert_max_num_queries) -> int:
    client.force_login(user)
    with django_assert_max_num_queries(60) as captured:
        assert client.get(reverse("home")).status_code == 200
    return len(captured.captured_queries)


def test_the_inbox_costs_the_same_for_two_forces_and_six(
    client,
    programme_2008,
    force_a,
    inspection_a,
    alice,
    hmi,
    panel,
    member2,
    liaison,
    sessions,
    django_assert_max_num_queries,
):
    """Every persona's home page, with tasks of every kind growing with the forces."""
    people = (alice, hmi, panel, member2, liaison)
    submit(np_area(inspection_a), alice, hmi)
    _force_with_submitted_area(programme_2008, force_a.region, alice, hmi)
    two = {user.username: _queries(client, user, django_assert_max_num_queries) for user in people}
    tasks_two = inbox_for(user=hmi).count
    for _ in range(4):
        _force_with_submitted_area(programme_2008, force_a.region, alice, hmi)
    item = AgendaItem.objects.filter(session=sessions[0]).last()
    panel_decision_record(item=item, user=panel, outcome="confirm")
    six = {user.username: _queries(client, user, django_assert_max_num_queries) for user in people}
    assert inbox_for(user=hmi).count > tasks_two
    assert six == two
