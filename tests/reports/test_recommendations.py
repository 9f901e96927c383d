"""Editing a programme's recommendations and national summary: who may, validation, history
with the user, stale edits refused, reordering."""

import pytest
from django.urls import reverse

from inspections.models import Recommendation
from reports.models import ReportText, ReportTextKey
from reports.services.recommendations import (
    national_summary_save,
    recommendation_create,
    recommendation_move,
    recommendation_update,
    recommendation_version,
    recommendations_renumber,
)
from tests.reports.national_support import recommend

pytestmark = pytest.mark.django_db

YEAR = 2008


def _url(name: str, *args) -> str:
    return reverse(f"reports:{name}", args=[YEAR, *args])


@pytest.fixture
def first(programme_2008):
    return recommend(programme_2008, 1, "Review contact mechanisms.", "forces")


@pytest.fixture
def second(programme_2008):
    return recommend(programme_2008, 2, "Commission research.", "the Home Office")


def _numbers(programme) -> list[tuple[int, str]]:
    return list(programme.recommendations.order_by("number").values_list("number", "text"))


def _edit_data(recommendation, **changes) -> dict:
    data = {
        "number": recommendation.number,
        "text": recommendation.text,
        "addressed_to": recommendation.addressed_to,
        "version": recommendation_version(recommendation),
    }
    return {**data, **changes}


# Access ----------------------------------------------------------------------------------


def test_it_checks_access(client, first, alice, panel, hmi, admin_user, inspection_a):
    # inspection_a is unpublished, so the national report (and this text) is a draft.
    list_url, edit_url = _url("recommendation_list"), _url("recommendation_edit", first.pk)
    assert client.get(list_url).status_code == 302  # anonymous: to the login page
    assert client.get(edit_url)["Location"].startswith(reverse("login"))
    for reader in (alice, panel):
        client.force_login(reader)
        page = client.get(list_url)
        assert page.status_code == 200 and "Review contact mechanisms." in page.content.decode()
        assert _url("recommendation_add") not in page.content.decode()
        for url in (edit_url, _url("recommendation_add"), _url("national_summary_edit")):
            assert client.get(url).status_code == 403
        assert client.post(_url("recommendation_delete", first.pk)).status_code == 403
    for editor in (hmi, admin_user):
        client.force_login(editor)
        assert client.get(edit_url).status_code == 200
        assert _url("recommendation_add") in client.get(list_url).content.decode()
    assert Recommendation.objects.count() == 1


def test_a_liaison_reads_the_summary_and_recommendations_only_once_published(
    client, first, liaison, inspection_a, hmi
):
    national_summary_save(
        programme=inspection_a.programme,
        user=hmi,
        version="",
        title="",
        body="Draft findings for staff.",
    )
    client.force_login(liaison)
    draft_only = [
        _url("recommendation_list"),
        _url("recommendation_edit", first.pk),
        _url("recommendation_add"),
        _url("national_summary_edit"),
    ]
    for url in draft_only:
        assert client.get(url).status_code == 404, url
    assert client.post(_url("recommendation_delete", first.pk)).status_code == 404
    report_page = client.get(reverse("reports:programme_report", args=[YEAR])).content.decode()
    assert _url("recommendation_list") not in report_page
    inspection_a.areas.update(status="published")
    inspection_a.status = "published"
    inspection_a.save()
    page = client.get(_url("recommendation_list"))
    assert page.status_code == 200
    assert "Review contact mechanisms." in page.content.decode()
    assert "Draft findings for staff." in page.content.decode()
    assert client.get(_url("recommendation_edit", first.pk)).status_code == 403


def test_unknown_programme_or_recommendation_of_another_programme_is_404(client, hmi, first):
    client.force_login(hmi)
    assert client.get(reverse("reports:recommendation_list", args=[1999])).status_code == 404
    other = reverse("reports:recommendation_edit", args=[2007, first.pk])
    assert client.get(other).status_code == 404
    assert client.post(_url("recommendation_move", first.pk, "sideways")).status_code == 404


def test_list_escapes_hostile_text(client, alice, programme_2008):
    recommend(programme_2008, 1, "<script>alert(1)</script>")
    client.force_login(alice)
    html = client.get(_url("recommendation_list")).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_list_page_queries_do_not_grow_with_recommendations(
    client, hmi, programme_2008, django_assert_max_num_queries
):
    client.force_login(hmi)
    recommend(programme_2008, 1, "One.")
    client.get(_url("recommendation_list"))  # warms the session and the user's groups
    # Eight, and one for the bodies each recommendation asks to respond.
    with django_assert_max_num_queries(9) as few:
        client.get(_url("recommendation_list"))
    for number in range(2, 12):
        recommendation_create(programme=programme_2008, user=hmi, number=number, text="More.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url("recommendation_list"))
    assert response.content.decode().count("data-recommendation=") == 11


# Add, edit, delete ------------------------------------------------------------------------


def test_lead_inspector_adds_a_recommendation_numbered_after_the_last(client, hmi, first):
    client.force_login(hmi)
    assert 'value="2"' in client.get(_url("recommendation_add")).content.decode()
    response = client.post(
        _url("recommendation_add"), {"number": 2, "text": "New one.", "addressed_to": "ACPO"}
    )
    assert response.status_code == 302
    added = Recommendation.objects.get(number=2)
    assert (added.text, added.addressed_to, added.updated_by) == ("New one.", "ACPO", hmi)
    assert added.history.get().history_user == hmi


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"number": 3, "text": "   "}, "cannot be empty"),
        ({"number": 1, "text": "Clash."}, "Recommendation 1 already exists"),
        ({"number": 0, "text": "Zero."}, "greater than or equal to 1"),
        ({"number": 4, "text": "<b>bold</b>"}, "HTML tags"),
        ({"number": "x", "text": "Bad number."}, "Enter a whole number"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(client, hmi, first, data, message):
    client.force_login(hmi)
    response = client.post(_url("recommendation_add"), data)
    assert response.status_code == 400
    assert message in response.content.decode() and "Nothing was saved" in response.content.decode()
    assert Recommendation.objects.count() == 1


def test_edit_saves_the_text_and_records_who_changed_it(client, hmi, first):
    client.force_login(hmi)
    response = client.post(
        _url("recommendation_edit", first.pk), _edit_data(first, text="Reworded.", number=5)
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.number, first.text, first.updated_by) == (5, "Reworded.", hmi)
    latest = first.history.first()
    assert (latest.history_user, latest.text, latest.history_type) == (hmi, "Reworded.", "~")


def test_edit_to_a_number_already_taken_changes_nothing(client, hmi, first, second):
    client.force_login(hmi)
    response = client.post(_url("recommendation_edit", second.pk), _edit_data(second, number=1))
    assert response.status_code == 400
    assert "Recommendation 1 already exists" in response.content.decode()
    assert _numbers(second.programme) == [(1, first.text), (2, second.text)]


def test_stale_edit_is_refused_and_shows_both_texts(client, hmi, admin_user, first):
    opened = _edit_data(first, text="My version.")
    recommendation_update(
        recommendation=first, user=admin_user, version=opened["version"], number=1, text="Theirs."
    )
    client.force_login(hmi)
    response = client.post(_url("recommendation_edit", first.pk), opened)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this" in html and "My version." in html and "Theirs." in html
    first.refresh_from_db()
    assert (first.text, first.updated_by) == ("Theirs.", admin_user)


def test_delete_asks_for_confirmation_then_deletes_with_history(client, hmi, first):
    client.force_login(hmi)
    page = client.get(_url("recommendation_delete", first.pk))
    assert page.status_code == 200 and "Delete recommendation 1?" in page.content.decode()
    assert Recommendation.objects.filter(pk=first.pk).exists()
    version = recommendation_version(first)
    client.post(_url("recommendation_delete", first.pk), {"version": version})
    assert not Recommendation.objects.filter(pk=first.pk).exists()
    deleted = Recommendation.history.filter(id=first.pk).first()
    assert (deleted.history_type, deleted.history_user) == ("-", hmi)


def test_delete_from_a_stale_confirmation_page_deletes_nothing(client, hmi, admin_user, first):
    version = recommendation_version(first)
    recommendation_update(
        recommendation=first, user=admin_user, version=version, number=1, text="Changed."
    )
    client.force_login(hmi)
    response = client.post(
        _url("recommendation_delete", first.pk), {"version": version}, follow=True
    )
    assert "Nothing was deleted" in response.content.decode()
    assert Recommendation.objects.filter(pk=first.pk, text="Changed.").exists()


# Reordering ------------------------------------------------------------------------------


def test_moving_down_swaps_numbers_with_the_next_one(client, hmi, first, second):
    client.force_login(hmi)
    client.post(
        _url("recommendation_move", first.pk, "down"), {"version": recommendation_version(first)}
    )
    assert _numbers(first.programme) == [(1, second.text), (2, first.text)]
    assert Recommendation.history.filter(id=first.pk, number=2, history_user=hmi).exists()


def test_moving_the_first_up_is_refused_with_a_message(client, hmi, first, second):
    client.force_login(hmi)
    response = client.post(
        _url("recommendation_move", first.pk, "up"),
        {"version": recommendation_version(first)},
        follow=True,
    )
    assert "already the first" in response.content.decode()
    assert _numbers(first.programme) == [(1, first.text), (2, second.text)]


def test_renumber_closes_gaps_in_order(client, hmi, programme_2008):
    for number in (2, 5, 9):
        recommend(programme_2008, number, f"Text {number}.")
    client.force_login(hmi)
    assert "Number 1 to 3" in client.get(_url("recommendation_list")).content.decode()
    client.post(_url("recommendations_renumber"))
    assert _numbers(programme_2008) == [(1, "Text 2."), (2, "Text 5."), (3, "Text 9.")]


def test_services_refuse_duplicates_and_moves_past_the_end(hmi, first, second):
    from reports.services.recommendations import RecommendationRefused

    with pytest.raises(RecommendationRefused, match="already exists"):
        recommendation_create(programme=first.programme, user=hmi, number=2, text="Dup.")
    with pytest.raises(RecommendationRefused, match="already the last"):
        recommendation_move(
            recommendation=second, user=hmi, version=recommendation_version(second), step=1
        )
    assert recommendations_renumber(programme=first.programme, user=hmi) == 0
    assert Recommendation.objects.count() == 2


# National summary -------------------------------------------------------------------------


def test_first_save_creates_the_programmes_summary_with_history(client, hmi, programme_2008):
    client.force_login(hmi)
    data = {"title": "Summary", "body": "What we found.\n\n- one", "version": ""}
    assert client.post(_url("national_summary_edit"), data).status_code == 302
    text = ReportText.objects.get(key=ReportTextKey.NATIONAL_SUMMARY, programme=programme_2008)
    assert text.body == "What we found.\n\n- one"
    assert text.history.get().history_user == hmi
    assert "What we found." in client.get(_url("recommendation_list")).content.decode()


def test_empty_or_stale_summary_is_refused(client, hmi, admin_user, programme_2008):
    client.force_login(hmi)
    response = client.post(_url("national_summary_edit"), {"body": "  ", "version": ""})
    assert response.status_code == 400 and "cannot be empty" in response.content.decode()
    assert not ReportText.objects.filter(programme=programme_2008).exists()
    national_summary_save(
        programme=programme_2008, user=admin_user, version="", title="", body="Theirs."
    )
    response = client.post(_url("national_summary_edit"), {"body": "Mine.", "version": ""})
    html = response.content.decode()
    assert response.status_code == 409 and "Mine." in html and "Theirs." in html
    assert ReportText.objects.get(programme=programme_2008).body == "Theirs."
