"""Responses to a national report's recommendations: who records them, what is refused, the
history with the reason, the progress page, its drill-down and CSV, and the inbox tasks."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from forces.models import Force, ForceLiaison
from inspections import roles
from inspections.addressees import addressees_from_words
from inspections.exceptions import EditConflict
from inspections.models import AddresseeBody, RecommendationResponse, ResponseStatus
from inspections.selectors.recommendations import programme_progress, recommendations_for
from inspections.services.responses import ResponseRefused, response_record, response_version
from moderation.inbox import inbox_for
from tests.factories import UserFactory
from tests.reports.national_support import recommend

pytestmark = pytest.mark.django_db

YEAR = 2008


@pytest.fixture
def published(programme_2008):
    """The national report published long enough ago that every response is overdue."""
    programme_2008.national_published_on = timezone.localdate() - datetime.timedelta(days=90)
    programme_2008.save()
    return programme_2008


@pytest.fixture
def kent():
    return Force.objects.get(slug="kent")


@pytest.fixture
def kent_liaison(reference, kent):
    user = UserFactory(username="kent-liaison", groups=[roles.FORCE_LIAISON])
    ForceLiaison.objects.create(user=user, force=kent)
    return user


@pytest.fixture
def surrey_liaison(reference):
    user = UserFactory(username="surrey-liaison", groups=[roles.FORCE_LIAISON])
    ForceLiaison.objects.create(user=user, force=Force.objects.get(slug="surrey"))
    return user


@pytest.fixture
def home_office(reference):
    return AddresseeBody.objects.get(slug="home-office")


@pytest.fixture
def official(home_office):
    user = UserFactory(username="official")
    home_office.responders.add(user)
    return user


@pytest.fixture
def to_forces(published):
    recommendation = recommend(published, 1, "Review contact mechanisms.", "forces")
    recommendation.to_all_forces = True
    recommendation.save()
    return recommendation


@pytest.fixture
def to_home_office(published, home_office):
    recommendation = recommend(published, 2, "Commission research.", "the Home Office")
    recommendation.bodies.add(home_office)
    return recommendation


def _record(recommendation, user, **kwargs):
    data = {"status": ResponseStatus.ACCEPTED, "account": "A review is under way.", "version": ""}
    return response_record(recommendation=recommendation, user=user, **{**data, **kwargs})


# The words of a report as addressees ----------------------------------------------------


def test_report_words_become_forces_and_bodies():
    assert addressees_from_words("Association of Chief Police Officers, Home Office") == (
        False,
        ["acpo", "home-office"],
    )
    assert addressees_from_words("chief officers") == (True, [])
    assert addressees_from_words("forces") == (True, [])


# The service ---------------------------------------------------------------------------


def test_a_liaison_records_their_forces_response_with_history(to_forces, kent, kent_liaison):
    response = _record(to_forces, kent_liaison, force=kent)
    assert response.responded_by == kent_liaison
    history = response.history.get()
    assert history.history_user == kent_liaison
    assert history.history_change_reason == "Response recorded"
    updated = _record(
        to_forces,
        kent_liaison,
        force=kent,
        status=ResponseStatus.IMPLEMENTED,
        version=response_version(response),
        reason="Training finished",
    )
    assert updated.pk == response.pk and updated.status == ResponseStatus.IMPLEMENTED
    assert updated.history.first().history_change_reason == "Training finished"


def test_a_liaison_cannot_answer_for_another_force(to_forces, kent, surrey_liaison):
    with pytest.raises(ResponseRefused):
        _record(to_forces, surrey_liaison, force=kent)
    assert not RecommendationResponse.objects.exists()


def test_a_stale_save_is_refused(to_forces, kent, kent_liaison):
    _record(to_forces, kent_liaison, force=kent)
    with pytest.raises(EditConflict):
        _record(to_forces, kent_liaison, force=kent, version="")


def test_bad_input_is_refused_and_nothing_saved(to_forces, to_home_office, kent, kent_liaison):
    for kwargs in (
        {"account": "   "},
        {"account": "<script>x</script>"},
        {"status": "maybe"},
    ):
        with pytest.raises(ResponseRefused):
            _record(to_forces, kent_liaison, force=kent, **kwargs)
    with pytest.raises(ResponseRefused):  # not addressed to the forces
        _record(to_home_office, kent_liaison, force=kent)
    assert not RecommendationResponse.objects.exists()


def test_nothing_is_recorded_before_publication(programme_2008, kent, kent_liaison):
    recommendation = recommend(programme_2008, 1, "Review.", "forces")
    recommendation.to_all_forces = True
    recommendation.save()
    with pytest.raises(ResponseRefused):
        _record(recommendation, kent_liaison, force=kent)


def test_an_administrator_records_on_behalf_only_with_a_reason(
    to_home_office, home_office, admin_user
):
    with pytest.raises(ResponseRefused):
        _record(to_home_office, admin_user, body=home_office)
    response = _record(to_home_office, admin_user, body=home_office, reason="Sent by letter")
    assert "Sent by letter" in response.history.get().history_change_reason


def test_a_bodys_responder_records_its_response(to_home_office, home_office, official):
    response = _record(to_home_office, official, body=home_office)
    assert response.body == home_office


# Progress ------------------------------------------------------------------------------


def test_progress_counts_every_force_and_body(
    to_forces, to_home_office, kent, kent_liaison, django_assert_max_num_queries
):
    _record(to_forces, kent_liaison, force=kent, status=ResponseStatus.PARTLY_ACCEPTED)
    with django_assert_max_num_queries(6):
        progress = programme_progress(programme=to_forces.programme)
    forces_item, office_item = progress.recommendations
    assert len(forces_item.rows) == 43
    assert forces_item.counts == {ResponseStatus.PARTLY_ACCEPTED: 1}
    assert forces_item.awaiting == 42 and forces_item.overdue == 42
    assert [row.name for row in office_item.rows] == ["Home Office"]


def test_the_responders_list_holds_only_their_own(to_forces, to_home_office, kent_liaison):
    entries = recommendations_for(user=kent_liaison)
    assert [(e.recommendation.number, e.addressee_name) for e in entries] == [(1, "Kent")]
    assert entries[0].overdue
    assert recommendations_for(user=AnonymousUser()) == []


# Pages ---------------------------------------------------------------------------------


def _url(name, *args):
    return reverse(f"reports:{name}", args=args)


def test_progress_pages_are_for_inspectorate_staff(client, to_forces, hmi, kent_liaison, official):
    urls = [
        _url("recommendation_progress", YEAR),
        _url("recommendation_progress_csv", YEAR),
        _url("recommendation_responses", YEAR, to_forces.pk),
    ]
    for outsider in (kent_liaison, official):
        client.force_login(outsider)
        assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    client.force_login(hmi)
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]


def test_the_csv_has_a_row_per_addressee(client, to_forces, kent, kent_liaison, hmi):
    _record(to_forces, kent_liaison, force=kent, account="=SUM(A1)")
    client.force_login(hmi)
    rows = client.get(_url("recommendation_progress_csv", YEAR)).content.decode().splitlines()
    assert len(rows) == 44
    kent_row = next(row for row in rows if row.startswith("1,Kent,"))
    assert "'=SUM(A1)" in kent_row and "Accepted" in kent_row


def test_a_liaison_responds_through_the_page(client, to_forces, kent, kent_liaison):
    client.force_login(kent_liaison)
    url = _url("response_edit", YEAR, to_forces.pk, "force", kent.pk)
    assert client.get(url).status_code == 200
    answer = client.post(url, {"status": "implemented", "account": "Done.", "version": ""})
    assert answer.status_code == 302
    assert RecommendationResponse.objects.get(force=kent).status == "implemented"
    refused = client.post(url, {"status": "implemented", "account": "", "version": ""})
    assert refused.status_code == 400


def test_a_liaison_gets_404_for_another_forces_response(client, to_forces, kent, surrey_liaison):
    client.force_login(surrey_liaison)
    url = _url("response_edit", YEAR, to_forces.pk, "force", kent.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, {"status": "accepted", "account": "x"}).status_code == 404


def test_the_list_of_ones_own_responses(client, to_forces, kent_liaison):
    client.force_login(kent_liaison)
    page = client.get(_url("responses_mine"))
    assert page.status_code == 200 and b"Overdue" in page.content


def test_a_responses_history_shows_every_version_to_its_addressee_and_staff_only(
    client, to_forces, kent, kent_liaison, surrey_liaison, official, hmi
):
    url = _url("response_history", YEAR, to_forces.pk, "force", kent.pk)
    client.force_login(kent_liaison)
    assert client.get(url).status_code == 404  # nothing recorded yet
    first = _record(to_forces, kent_liaison, force=kent, account="A review is under way.")
    version = response_version(first)
    _record(
        to_forces,
        kent_liaison,
        force=kent,
        status=ResponseStatus.IMPLEMENTED,
        account="Training finished in May.",
        version=version,
        reason="Training finished",
    )
    form = client.get(_url("response_edit", YEAR, to_forces.pk, "force", kent.pk))
    assert url.encode() in form.content
    page = client.get(url).content.decode()
    assert "History of Kent Police&#x27;s response to recommendation 1" in page
    assert page.count('class="moj-timeline__item history-entry"') == 2
    assert "Training finished" in page and "Response recorded" in page
    before = page.index("app-history-before")
    assert "A review is under way." in page[before:] and "Training finished in May." in page
    for outsider in (surrey_liaison, official):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(hmi)
    assert client.get(url).status_code == 200
    drill_down = client.get(_url("recommendation_responses", YEAR, to_forces.pk))
    assert url.encode() in drill_down.content


# The inbox -----------------------------------------------------------------------------


def test_overdue_responses_are_in_the_inbox(
    to_forces, to_home_office, kent, kent_liaison, official, django_assert_max_num_queries
):
    inbox = inbox_for(user=official)
    group = next(g for g in inbox.groups if g.key == "responses")
    assert [task.about.split(".")[0] for task in group.tasks] == ["Home Office"]
    assert "Overdue" in group.tasks[0].about
    _record(to_forces, kent_liaison, force=kent)
    assert not [g for g in inbox_for(user=kent_liaison).groups if g.key == "responses"]


def test_the_inbox_asks_one_query_of_someone_who_answers_for_nobody(
    to_forces, panel, django_assert_num_queries
):
    from moderation.inbox.recommendations import response_tasks

    with django_assert_num_queries(1):
        assert response_tasks(user=panel, task_class=object) == {}


def test_a_demo_forces_liaison_is_asked_nothing(to_forces, liaison, force_a):
    assert recommendations_for(user=liaison) == []
    with pytest.raises(ResponseRefused):
        _record(to_forces, liaison, force=force_a)


def test_lead_inspectors_set_whom_a_recommendation_asks(client, published, hmi, home_office):
    recommendation = recommend(published, 3, "Commission research.", "the Home Office")
    client.force_login(hmi)
    url = _url("recommendation_edit", YEAR, recommendation.pk)
    form = client.get(url).context["form"]
    data = {
        "number": 3,
        "text": "Commission research.",
        "addressed_to": "the Home Office and forces",
        "to_all_forces": "on",
        "bodies": [home_office.pk],
        "version": form.initial["version"],
    }
    assert client.post(url, data).status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.to_all_forces
    assert list(recommendation.bodies.all()) == [home_office]
    assert recommendation.history.first().history_user == hmi
