import re

import pytest
from django.urls import reverse

from inspections.models import AssessmentStatus, CriterionAssessment, EvidenceItem, EvidenceKind
from inspections.services import evidence as evidence_services
from tests.factories import EvidenceItemFactory

pytestmark = pytest.mark.django_db


def _problem_solving(inspection):
    """NP 1.3: three graded slots (coverage, evaluation, resolution)."""
    return CriterionAssessment.objects.get(
        area__inspection=inspection, criterion__parent__order=1, criterion__order=3
    )


def _url(assessment):
    return reverse("inspections:criterion_detail", args=[assessment.pk])


def test_it_checks_access(client, bob, liaison, inspection_a):
    assessment = _problem_solving(inspection_a)
    for user in (bob, liaison):
        client.force_login(user)
        assert client.get(_url(assessment)).status_code == 404


def test_anonymous_is_sent_to_log_in(client, inspection_a):
    response = client.get(_url(_problem_solving(inspection_a)))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_team_member_sees_heading_lists_and_statement_builder(client, alice, inspection_a):
    assessment = _problem_solving(inspection_a)
    EvidenceItemFactory(criterion_assessment=assessment, author=alice, text="Joint panels meet.")
    client.force_login(alice)
    response = client.get(_url(assessment))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Joint problem solving is established" in page
    assert "Joint panels meet." in page
    assert page.count("None identified.") == 2  # work in progress and areas for improvement
    assert 'name="slot_coverage"' in page


def _outcomes(inspection):
    """NP 2: the survey outcomes, graded against the MSF group and over two years."""
    return CriterionAssessment.objects.get(
        area__inspection=inspection,
        area__framework__code="np",
        criterion__parent__isnull=True,
        criterion__order=2,
    )


def test_builder_names_the_msf_slot_in_the_domains_words(client, alice, inspection_a):
    client.force_login(alice)
    page = client.get(_url(_outcomes(inspection_a))).content.decode()
    labels = re.findall(
        r'<label class="govuk-label[^"]*" for="id_slot_[^"]+">([^<]+)</label>', page
    )
    assert labels == ["Against the MSF group", "Trend"]
    assert "Msf" not in page


def test_builder_composes_the_outcomes_statement_without_a_doubled_word(
    client, alice, inspection_a
):
    assessment = _outcomes(inspection_a)
    client.force_login(alice)
    client.post(
        reverse("inspections:statement_save", args=[assessment.pk]),
        {
            "slot_msf": "significantly better than",
            "slot_trend": "have significantly improved",
            "version": assessment.version,
        },
    )
    assessment.refresh_from_db()
    assert assessment.statement.endswith(
        "Compared with two years earlier, results have significantly improved."
    )


def test_moderator_reads_but_has_no_editing_controls(client, panel, inspection_a):
    client.force_login(panel)
    response = client.get(_url(_problem_solving(inspection_a)))
    assert response.status_code == 200
    assert "statement-form" not in response.content.decode()


def test_statement_is_composed_from_the_chosen_levels(client, alice, inspection_a):
    assessment = _problem_solving(inspection_a)
    client.force_login(alice)
    response = client.post(
        reverse("inspections:statement_save", args=[assessment.pk]),
        {
            "slot_coverage": "most",
            "slot_evaluation": "partly",
            "slot_resolution": "moderate",
            "override": "",
            "version": assessment.version,
        },
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert "in most neighbourhoods" in assessment.statement
    assert "partly evaluated" in assessment.statement
    assert assessment.chosen_levels["resolution"] == "moderate"
    assert assessment.history.latest().history_user == alice


def test_statement_override_replaces_the_composed_text(client, alice, inspection_a):
    assessment = _problem_solving(inspection_a)
    client.force_login(alice)
    client.post(
        reverse("inspections:statement_save", args=[assessment.pk]),
        {"slot_coverage": "all", "override": "Our own words.", "version": assessment.version},
    )
    assessment.refresh_from_db()
    assert assessment.statement == "Our own words." and assessment.statement_overridden


def test_statement_with_an_unknown_level_is_refused(client, alice, inspection_a):
    assessment = _problem_solving(inspection_a)
    client.force_login(alice)
    response = client.post(
        reverse("inspections:statement_save", args=[assessment.pk]),
        {"slot_coverage": "every", "version": assessment.version},
    )
    assert response.status_code == 400
    assessment.refresh_from_db()
    assert assessment.statement == "" and assessment.version == 1


def test_second_statement_save_from_a_stale_form_shows_the_conflict(
    client, alice, hmi, inspection_a
):
    assessment = _problem_solving(inspection_a)
    stale = assessment.version
    client.force_login(hmi)
    client.post(
        reverse("inspections:statement_save", args=[assessment.pk]),
        {"override": "The lead's wording.", "version": stale},
    )
    client.force_login(alice)
    response = client.post(
        reverse("inspections:statement_save", args=[assessment.pk]),
        {"override": "Alice's wording.", "version": stale},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this" in page
    assert "The lead&#x27;s wording." in page and "Alice&#x27;s wording." in page
    assessment.refresh_from_db()
    assert assessment.statement == "The lead's wording."


def test_moderator_cannot_save_a_statement(client, panel, inspection_a):
    assessment = _problem_solving(inspection_a)
    client.force_login(panel)
    response = client.post(
        reverse("inspections:statement_save", args=[assessment.pk]),
        {"override": "Not mine to write.", "version": assessment.version},
    )
    assert response.status_code == 403


def test_submitted_area_refuses_statement_changes(client, alice, inspection_a):
    assessment = _problem_solving(inspection_a)
    assessment.area.status = AssessmentStatus.SUBMITTED
    assessment.area.save()
    client.force_login(alice)
    response = client.post(
        reverse("inspections:statement_save", args=[assessment.pk]),
        {"override": "Too late.", "version": assessment.version},
        follow=True,
    )
    assert "can no longer be changed" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.statement == ""


def test_statement_history_shows_before_and_after(client, alice, inspection_a):
    assessment = _problem_solving(inspection_a)
    client.force_login(alice)
    url = reverse("inspections:statement_save", args=[assessment.pk])
    client.post(url, {"override": "First wording.", "version": 1})
    client.post(url, {"override": "Second wording.", "version": 2})
    response = client.get(reverse("inspections:statement_history", args=[assessment.pk]))
    page = response.content.decode()
    assert "First wording." in page and "Second wording." in page


@pytest.mark.parametrize("items", [2, 20])
def test_criterion_page_is_constant_query(
    client, alice, inspection_a, django_assert_max_num_queries, items
):
    assessment = _problem_solving(inspection_a)
    for n in range(items):
        item = evidence_services.evidence_item_create(
            assessment=assessment, user=alice, kind=EvidenceKind.STRENGTH, text=f"Item {n}."
        )
        evidence_services.evidence_item_create(
            assessment=assessment, user=alice, kind="", text=f"Sub {n}.", parent=item
        )
    client.force_login(alice)
    with django_assert_max_num_queries(9):
        response = client.get(_url(assessment))
    assert response.status_code == 200
    assert EvidenceItem.objects.filter(criterion_assessment=assessment).count() == 2 * items
