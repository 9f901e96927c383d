"""The lead inspector's grade proposal, the evidence-sufficiency check and "none identified"."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from inspections.exceptions import AssessmentLocked, WorkflowRefused
from inspections.models import AreaAssessment, EvidenceKind, NoneIdentified
from inspections.services import evidence as evidence_services
from inspections.services.none_identified import none_identified_set
from moderation.models import GradeProposal
from moderation.services.proposals import grade_propose
from moderation.sufficiency import area_gaps, area_guidance, cited_numbers, gaps_by_area
from tests.inspections.outcome_support import results_create
from tests.moderation.moderation_support import NP_RATIONALE, complete_area, grade, np_area

pytestmark = pytest.mark.django_db


def _url(area, name="area_detail"):
    return reverse(f"moderation:{name}", args=[area.pk])


def _version(client, area) -> str:
    """The proposal's version as the lead's page carries it."""
    return client.get(_url(area)).context["form"].initial["version"]


def test_lead_proposes_a_grade_with_a_rationale_and_every_proposal_is_kept(inspection_a, hmi):
    area = np_area(inspection_a)
    grade_propose(area=area, user=hmi, grade=grade("Meeting", area), rationale=NP_RATIONALE)
    grade_propose(area=area, user=hmi, grade=grade("Exceeding", area), rationale="Better (2).")
    area.refresh_from_db()
    assert area.proposed_grade == grade("Exceeding", area)
    assert area.grade_rationale == "Better (2)."
    assert [p.grade.label[:5] for p in GradeProposal.objects.filter(area=area)] == [
        "Excee",
        "Meeti",
    ]
    history = area.history.first()
    assert history.history_user == hmi and history.proposed_grade_id == area.proposed_grade_id


def test_only_the_lead_proposes(inspection_a, alice):
    area = np_area(inspection_a)
    with pytest.raises(WorkflowRefused, match="lead inspector proposes"):
        grade_propose(area=area, user=alice, grade=grade("Meeting", area), rationale=NP_RATIONALE)


def test_the_rationale_must_cite_criteria_by_number(inspection_a, hmi):
    area = np_area(inspection_a)
    with pytest.raises(ValidationError) as error:
        grade_propose(area=area, user=hmi, grade=grade("Meeting", area), rationale="All fine.")
    assert "cite the criteria" in error.value.message_dict["rationale"][0]
    assert area.proposals.count() == 0


def test_citations_are_whole_numbers_not_parts_of_others():
    numbers = ["1.1", "1.2", "1.3", "2", "3", "4"]
    assert cited_numbers("SPI 2a rose; plans run to 2011.", numbers) == []
    assert cited_numbers("Staffing (1.1) and plans (4).", numbers) == ["1.1", "4"]
    assert cited_numbers("criterion 2.", numbers) == ["2"]
    assert cited_numbers("see 1.3", numbers) == ["1.3"]


def test_a_grade_from_another_scheme_is_refused(inspection_a, hmi, reference):
    from grading.models import GradeLevel

    area = np_area(inspection_a)
    four_point = GradeLevel.objects.exclude(scheme=area.framework.scheme).first()
    with pytest.raises(ValidationError, match="grading scheme"):
        grade_propose(area=area, user=hmi, grade=four_point, rationale=NP_RATIONALE)


def test_a_proposal_against_the_indicator_guidance_needs_a_reason(inspection_a, force_a, hmi):
    results_create(force_a)  # worse than the MSF, improved over two years: "meeting"
    area = np_area(inspection_a)
    exceeding = grade("Exceeding", area)
    with pytest.raises(ValidationError) as error:
        grade_propose(area=area, user=hmi, grade=exceeding, rationale=NP_RATIONALE)
    assert "differs from the indicator guidance" in error.value.message_dict["departure_reason"][0]
    proposal = grade_propose(
        area=area,
        user=hmi,
        grade=exceeding,
        rationale=NP_RATIONALE,
        departure_reason="Fieldwork found a step change since the survey year (1.3).",
    )
    assert proposal.guidance_code == "improving-below-average"
    assert proposal.departure_reason.startswith("Fieldwork found")
    # A grade the guidance supports needs no reason.
    grade_propose(area=area, user=hmi, grade=grade("Meeting", area), rationale=NP_RATIONALE)


def test_gaps_name_each_missing_statement_list_and_proposal(inspection_a, alice, hmi):
    area = np_area(inspection_a)
    gaps = area_gaps(area=area)
    # 6 criteria x (statement + 3 lists), and the proposal.
    assert len(gaps) == 6 * 4 + 1
    complete_area(area, alice, hmi)
    assert area_gaps(area=area) == []


def test_none_identified_clears_itself_when_an_item_arrives(inspection_a, alice):
    assessment = np_area(inspection_a).criteria.first()
    none_identified_set(
        assessment=assessment, user=alice, kind=EvidenceKind.WORK_IN_PROGRESS, marked=True
    )
    mark = NoneIdentified.objects.get()
    assert mark.marked_by == alice
    evidence_services.evidence_item_create(
        assessment=assessment, user=alice, kind=EvidenceKind.WORK_IN_PROGRESS, text="Begun."
    )
    assert not NoneIdentified.objects.exists()
    assert NoneIdentified.history.filter(history_type="-").get().history_user == alice


def test_moving_an_item_into_a_marked_list_clears_the_mark(inspection_a, alice):
    assessment = np_area(inspection_a).criteria.first()
    item = evidence_services.evidence_item_create(
        assessment=assessment, user=alice, kind=EvidenceKind.STRENGTH, text="Moves."
    )
    none_identified_set(
        assessment=assessment, user=alice, kind=EvidenceKind.AREA_FOR_IMPROVEMENT, marked=True
    )
    evidence_services.evidence_item_move_to_list(
        item=item, user=alice, kind=EvidenceKind.AREA_FOR_IMPROVEMENT
    )
    assert not NoneIdentified.objects.exists()


def test_a_list_with_evidence_cannot_be_marked_empty(inspection_a, alice):
    assessment = np_area(inspection_a).criteria.first()
    evidence_services.evidence_item_create(
        assessment=assessment, user=alice, kind=EvidenceKind.STRENGTH, text="Here."
    )
    with pytest.raises(ValidationError, match="has evidence"):
        none_identified_set(
            assessment=assessment, user=alice, kind=EvidenceKind.STRENGTH, marked=True
        )


def test_marks_are_locked_after_submission(inspection_a, alice):
    area = np_area(inspection_a)
    area.status = "submitted"
    area.save()
    with pytest.raises(AssessmentLocked):
        none_identified_set(
            assessment=area.criteria.first(), user=alice, kind=EvidenceKind.STRENGTH, marked=True
        )


class TestProposalPage:
    def test_it_checks_access(self, client, bob, liaison, inspection_a):
        area = np_area(inspection_a)
        for user in (bob, liaison):
            client.force_login(user)
            assert client.get(_url(area)).status_code == 404
            response = client.post(_url(area, "grade_proposal"), {"rationale": "(1.1)"})
            assert response.status_code == 404

    def test_lead_sees_descriptors_gaps_and_the_form(self, client, hmi, inspection_a):
        area = np_area(inspection_a)
        client.force_login(hmi)
        page = client.get(_url(area)).content.decode()
        for level in area.framework.scheme.levels.all():
            assert level.descriptor[:40] in page
        assert 'id="proposal-form"' in page
        assert "Write the summary statement." in page
        assert "no indicator guidance" in page

    def test_inspector_and_moderator_read_without_the_form(
        self, client, alice, panel, inspection_a
    ):
        area = np_area(inspection_a)
        for user in (alice, panel):
            client.force_login(user)
            response = client.get(_url(area))
            assert response.status_code == 200
            assert 'id="proposal-form"' not in response.content.decode()

    def test_posting_a_proposal_saves_it(self, client, hmi, inspection_a):
        area = np_area(inspection_a)
        client.force_login(hmi)
        meeting = grade("Meeting", area)
        data = {"grade": meeting.pk, "rationale": NP_RATIONALE, "version": _version(client, area)}
        response = client.post(_url(area, "grade_proposal"), data)
        assert response.status_code == 302
        area.refresh_from_db()
        assert area.proposed_grade == meeting

    def test_a_bad_proposal_is_shown_with_its_message_and_saves_nothing(
        self, client, hmi, inspection_a
    ):
        area = np_area(inspection_a)
        client.force_login(hmi)
        version = _version(client, area)
        response = client.post(
            _url(area, "grade_proposal"),
            {"grade": grade("Meeting", area).pk, "rationale": "Ok", "version": version},
        )
        assert response.status_code == 400
        assert "must cite the criteria" in response.content.decode()
        for data in ({"grade": "nonsense", "rationale": "(1.1)"}, {"rationale": "<b>(1.1)</b>"}):
            data["version"] = version
            assert client.post(_url(area, "grade_proposal"), data).status_code == 400
        assert not GradeProposal.objects.exists()

    def test_the_mark_button_records_none_identified(self, client, alice, inspection_a):
        assessment = np_area(inspection_a).criteria.first()
        client.force_login(alice)
        url = reverse("inspections:none_identified", args=[assessment.pk])
        response = client.post(url, {"kind": "strength", "marked": "1"})
        assert response.status_code == 302
        assert NoneIdentified.objects.filter(criterion_assessment=assessment).exists()
        page = client.get(assessment.get_absolute_url()).content.decode()
        assert "Confirmed by the team." in page
        client.post(url, {"kind": "strength", "marked": "0"})
        assert not NoneIdentified.objects.exists()
        assert client.post(url, {"kind": "bogus", "marked": "1"}).status_code == 302
        assert not NoneIdentified.objects.exists()

    def test_only_the_team_marks_lists(self, client, panel, bob, inspection_a):
        assessment = np_area(inspection_a).criteria.first()
        url = reverse("inspections:none_identified", args=[assessment.pk])
        client.force_login(panel)
        assert client.post(url, {"kind": "strength", "marked": "1"}).status_code == 403
        client.force_login(bob)
        assert client.post(url, {"kind": "strength", "marked": "1"}).status_code == 404
        assert not NoneIdentified.objects.exists()


def test_the_inbox_reads_of_the_gaps_give_the_same_gaps_as_the_submit_guard(
    inspection_a, inspection_b, force_a, alice, bob, hmi
):
    """`gaps_by_area` (the inbox, many areas at once) and `area_gaps` with the guidance (the
    submit step's guard) agree: incomplete, complete, and departing from guidance that came
    after the proposal."""
    complete_area(np_area(inspection_a), alice, hmi, proposal="Exceeding")
    results_create(force_a)  # the guidance now supports "meeting" only: a reason is missing
    areas = list(
        AreaAssessment.objects.filter(inspection__in=[inspection_a, inspection_b]).select_related(
            "framework", "inspection__force", "inspection__programme", "proposed_grade"
        )
    )
    by_area = gaps_by_area(areas=areas)
    for area in areas:
        assert by_area[area.pk] == area_gaps(area=area, guidance=area_guidance(area))
    departing = by_area[np_area(inspection_a).pk]
    assert [gap.what for gap in departing] == [
        "Explain why the grade differs from the indicator guidance."
    ]
