import re

import pytest
from django.urls import reverse

from inspections.models import (
    AssessmentStatus,
    CriterionAssessment,
    EvidenceKind,
    InspectionStatus,
)
from inspections.services import evidence as services
from inspections.services.none_identified import none_identified_set

pytestmark = pytest.mark.django_db


def _url(inspection):
    return reverse("inspections:inspection_detail", args=[inspection.pk])


def test_it_checks_access(client, bob, liaison, inspection_a):
    for user in (bob, liaison):
        client.force_login(user)
        assert client.get(_url(inspection_a)).status_code == 404


def test_page_lists_areas_criteria_counts_and_what_is_empty(client, alice, inspection_a):
    assessment = CriterionAssessment.objects.filter(area__inspection=inspection_a).first()
    services.evidence_item_create(
        assessment=assessment, user=alice, kind=EvidenceKind.STRENGTH, text="One."
    )
    client.force_login(alice)
    response = client.get(_url(inspection_a))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Neighbourhood Policing" in page and "Developing Citizen Focus Policing" in page
    sections = response.context["sections"]
    assert [len(rows) for _, rows in sections] == [6, 3]
    counted = next(row for _, rows in sections for row in rows if row.pk == assessment.pk)
    assert (counted.strengths, counted.work_in_progress, counted.areas_for_improvement) == (1, 0, 0)
    assert page.count("Not written") == 9


def test_lists_marked_none_identified_are_not_listed_as_still_empty(client, alice, inspection_a):
    assessment = CriterionAssessment.objects.filter(
        area__inspection=inspection_a, criterion__children__isnull=True
    ).first()
    none_identified_set(
        assessment=assessment, user=alice, kind=EvidenceKind.AREA_FOR_IMPROVEMENT, marked=True
    )
    client.force_login(alice)
    response = client.get(_url(inspection_a))
    page, sections = response.content.decode(), response.context["sections"]
    row = next(row for _, rows in sections for row in rows if row.pk == assessment.pk)
    assert row.areas_for_improvement_none and not row.strengths_none
    assert row.missing.lists == (EvidenceKind.STRENGTH, EvidenceKind.WORK_IN_PROGRESS)
    assert page.count("(none identified)") == 1
    leaves = sum(len(rows) for _, rows in sections)
    assert page.count(">areas for improvement</span>") == leaves - 1
    assert page.count(">strengths</span>") == leaves


def test_criteria_are_listed_in_tree_order(client, alice, inspection_a):
    client.force_login(alice)
    sections = client.get(_url(inspection_a)).context["sections"]
    numbers = [row.criterion.number for row in sections[0][1]]
    assert numbers == ["1.1", "1.2", "1.3", "2", "3", "4"]


@pytest.mark.parametrize("per_criterion", [1, 8])
def test_inspection_page_is_constant_query(
    client, alice, inspection_a, django_assert_max_num_queries, per_criterion
):
    for assessment in CriterionAssessment.objects.filter(area__inspection=inspection_a):
        for n in range(per_criterion):
            for kind in EvidenceKind.values:
                services.evidence_item_create(
                    assessment=assessment, user=alice, kind=kind, text=f"{kind} {n}."
                )
    client.force_login(alice)
    # Eleven whatever the evidence: the page asks permissions.sees_moderation (one query).
    with django_assert_max_num_queries(11):
        response = client.get(_url(inspection_a))
    assert response.status_code == 200


def _released(inspection):
    inspection.areas.update(status=AssessmentStatus.RELEASED)
    inspection.status = InspectionStatus.FACTUAL_ACCURACY
    inspection.save()
    return inspection


def _primary_buttons(page: str) -> int:
    """Buttons of the primary style: `govuk-button` without a secondary or warning modifier."""
    return len(re.findall(r'class="govuk-button( govuk-!-[a-z-0-9]+)?"', page))


def test_the_team_gets_one_next_step_and_its_tools_as_links(client, alice, inspection_a):
    client.force_login(alice)
    page = client.get(_url(inspection_a)).content.decode()
    assert _primary_buttons(page) == 1
    assert 'id="next-step"' in page and "Continue with criterion 1.1" in page
    for tool in (
        reverse("inspections:overview_detail", args=[inspection_a.pk]),
        reverse("inspections:practice_review", args=[inspection_a.pk]),
        reverse("reports:inspection_export", args=[inspection_a.pk]),
    ):
        assert f'href="{tool}"' in page
    assert "btn" not in page


def test_a_liaison_sees_the_draft_but_not_the_teams_tools(client, liaison, inspection_a):
    _released(inspection_a)
    client.force_login(liaison)
    response = client.get(_url(inspection_a))
    page = response.content.decode()
    assert response.status_code == 200
    assert _primary_buttons(page) == 1
    assert reverse("moderation:draft_report", args=[inspection_a.pk]) in page
    for tool in (
        reverse("inspections:overview_detail", args=[inspection_a.pk]),
        reverse("inspections:practice_review", args=[inspection_a.pk]),
        f"?force={inspection_a.force_id}&amp;programme=",
        reverse("reports:inspection_export", args=[inspection_a.pk]),
        "Grade and moderation",
    ):
        assert tool not in page


def test_a_liaisons_home_offers_their_released_draft_and_developing_practice(
    client, liaison, inspection_a, inspection_b
):
    client.force_login(liaison)
    page = client.get(reverse("home")).content.decode()
    assert "No draft report has been released to your force yet" in page
    assert "not on any inspection team" not in page
    for name in ("practice_submit", "practice_mine", "practice_library"):
        assert reverse(f"inspections:{name}") in page

    _released(inspection_a)
    _released(inspection_b)
    page = client.get(reverse("home")).content.decode()
    assert reverse("moderation:draft_report", args=[inspection_a.pk]) in page
    assert reverse("moderation:draft_report", args=[inspection_b.pk]) not in page
    assert "You speak for Force A" in page
