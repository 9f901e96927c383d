"""The session agenda as a list of items and the national panel's comparison of forces: what
each persona sees, the flags with their figures, the filters, and constant queries."""

import pytest
from django.urls import reverse

from inspections.outcomes import inspection_outcomes
from moderation.models import DecisionOutcome, PanelDecision
from moderation.services.panels import panel_decision_record
from moderation.sufficiency import guidance_key
from tests.inspections.outcome_support import like_staffordshire
from tests.moderation.agenda_support import national_agenda, national_force
from tests.moderation.moderation_support import grade, np_area, submit

pytestmark = pytest.mark.django_db


def _session_url(session):
    return reverse("moderation:session_detail", args=[session.pk])


def _item_url(area, session):
    item = area.agenda_items.get(session=session)
    return reverse("moderation:agenda_item_detail", args=[item.pk])


@pytest.fixture
def national(sessions):
    return sessions[1]


class TestAgendaList:
    @pytest.fixture
    def area(self, inspection_a, sessions, alice, hmi):
        area = np_area(inspection_a)
        submit(area, alice, hmi)
        return area

    def test_each_item_says_its_state_who_acts_next_and_offers_what_the_rules_allow(
        self, client, area, sessions, panel, hmi
    ):
        regional, _ = sessions
        client.force_login(panel)
        response = client.get(_session_url(regional))
        (entry,) = response.context["entries"]
        assert entry.state == "awaiting-decision"
        page = response.content.decode()
        assert "Awaiting a decision" in page and "you may" in page
        assert f"{_item_url(area, regional)}#decide-heading" in page

        item = area.agenda_items.get(session=regional)
        panel_decision_record(
            item=item, user=panel, outcome=DecisionOutcome.CONFIRM, grade=area.proposed_grade
        )
        page = client.get(_session_url(regional)).content.decode()
        assert "Awaiting the chair" in page and "#decide-heading" not in page
        assert "Confirm the decision" not in page  # a member does not confirm

        client.force_login(hmi)
        page = client.get(_session_url(regional)).content.decode()
        assert "You, to confirm or decline the decision." in page
        decision = PanelDecision.objects.get(area=area)
        confirm = reverse("moderation:decision_confirm", args=[decision.pk])
        assert f'action="{confirm}"' in page
        client.post(confirm)
        response = client.get(_session_url(regional))
        assert response.context["entries"][0].state == "settled"
        assert "Nobody: the panel has decided." in response.content.decode()

    def test_a_member_who_was_on_the_team_is_offered_no_decision(
        self, client, area, sessions, alice, panel
    ):
        regional, _ = sessions
        regional.panel.memberships.create(user=alice)
        client.force_login(alice)
        page = client.get(_session_url(regional)).content.decode()
        assert "#decide-heading" not in page and "you may" not in page

    def test_a_regional_session_keeps_the_side_by_side_and_has_no_national_table(
        self, client, area, sessions, panel
    ):
        regional, _ = sessions
        client.force_login(panel)
        response = client.get(_session_url(regional))
        assert "comparison" not in response.context
        assert "side by side" in response.content.decode()


class TestNationalComparison:
    @pytest.fixture
    def forces(self, national, hmi):
        """Five forces proposed Meeting, one far below the others' balance, and one Exceeding."""
        close = [(50, "East"), (50, "East"), (55, "North"), (60, "North")]
        built = {
            f"close{n}": national_force(
                national, hmi, name=f"Closeshire {n}", region=region, counts=(share, 100 - share)
            )
            for n, (share, region) in enumerate(close)
        }
        built["weak"] = national_force(
            national, hmi, name="Weakshire", region="West", counts=(1, 9)
        )
        built["top"] = national_force(
            national, hmi, name="Topshire", region="West", proposal="Exceeding", counts=(8, 1)
        )
        return built

    def test_every_force_is_a_row_with_its_figures_and_the_balance_flag_says_why(
        self, client, national, forces, panel
    ):
        client.force_login(panel)
        response = client.get(_session_url(national))
        rows = {row.entry.area.inspection.force.name: row for row in response.context["rows"]}
        assert len(rows) == 6
        assert [flag.kind for flag in rows["Weakshire"].flags] == ["balance"]
        assert all(rows[f"Closeshire {n}"].flags == [] for n in range(4))
        assert rows["Topshire"].flags == []
        page = response.content.decode()
        assert 'data-module="moj-sortable-table"' in page
        assert (
            "1 strengths to 9 areas for improvement: 10% strengths, outside 40% to 66% (the fences "
            "of the 4 other forces proposed Meeting" in page
        )
        assert "How the consistency flags are worked out" in page

    def test_filters_narrow_the_rows_but_not_the_flags(self, client, national, forces, panel):
        client.force_login(panel)
        url = _session_url(national)
        exceeding = grade("Exceeding", forces["top"])
        response = client.get(url, {"proposed_grade": exceeding.pk})
        assert [r.entry.area.inspection.force.name for r in response.context["rows"]] == [
            "Topshire"
        ]
        response = client.get(url, {"flag": "balance"})
        assert [r.entry.area.inspection.force.name for r in response.context["rows"]] == [
            "Weakshire"
        ]
        west = forces["weak"].inspection.force.region
        response = client.get(url, {"region": west.pk, "flag": "any"})
        assert [r.entry.area.inspection.force.name for r in response.context["rows"]] == [
            "Weakshire"
        ]
        assert "Remove this filter" in response.content.decode()

    def test_a_filter_value_that_cannot_be_used_is_explained_and_the_table_is_unfiltered(
        self, client, national, forces, panel
    ):
        client.force_login(panel)
        response = client.get(_session_url(national), {"region": "999999", "flag": "nonsense"})
        assert response.status_code == 200
        assert len(response.context["rows"]) == 6
        assert "cannot be used here" in response.content.decode()

    def test_a_regional_panel_far_from_the_others_is_flagged_with_its_rate(
        self, client, national, hmi, panel
    ):
        for n, region in enumerate(["North", "South", "Wales"]):
            national_force(
                national, hmi, name=f"Calm {n}", region=region, outcome=DecisionOutcome.CONFIRM
            )
        for n in range(2):
            national_force(
                national, hmi, name=f"Busy {n}", region="East", outcome=DecisionOutcome.CHANGE
            )
        client.force_login(panel)
        response = client.get(_session_url(national), {"flag": "regional"})
        names = sorted(r.entry.area.inspection.force.name for r in response.context["rows"])
        assert names == ["Busy 0", "Busy 1"]
        assert (
            "East changed 2 of 2 grades (100%); the median of the other 3 panels is 0%"
            in response.content.decode()
        )

    def test_the_item_page_shows_the_forces_proposed_the_same_grade_and_its_flags(
        self, client, national, forces, panel
    ):
        client.force_login(panel)
        response = client.get(_item_url(forces["weak"], national))
        names = [row.entry.area.inspection.force.name for row in response.context["peers"]]
        assert names[0] == "Weakshire" and sorted(names[1:]) == [
            f"Closeshire {n}" for n in range(4)
        ]
        page = response.content.decode()
        label = forces["weak"].proposed_grade.label
        assert f"Forces on this agenda proposed {label}, this force first" in page
        assert (
            "outside 40% to 66%" in page
            and "Topshire" not in page.split('id="same-grade"')[1].split("</section>")[0]
        )

    def test_people_outside_the_panel_get_404_and_no_grade(
        self, client, national, forces, alice, liaison, bob
    ):
        for user in (alice, liaison, bob):
            client.force_login(user)
            assert client.get(_session_url(national)).status_code == 404
            assert client.get(_item_url(forces["top"], national)).status_code == 404


@pytest.mark.parametrize("page", ["session", "item"])
def test_the_national_pages_are_constant_query(
    client, national, hmi, panel, page, django_assert_max_num_queries
):
    first = national_agenda(national, hmi, 2)
    url = _session_url(national) if page == "session" else _item_url(first[0], national)
    client.force_login(panel)
    client.get(url)
    with django_assert_max_num_queries(60) as two:
        assert client.get(url).status_code == 200
    national_agenda(national, hmi, 6, start=2)
    # Eight forces (in three regions, with regional decisions) cost what two cost.
    with django_assert_max_num_queries(len(two.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    if page == "session":
        assert len(response.context["rows"]) == 8


def test_a_grade_the_indicator_guidance_does_not_support_is_flagged_on_the_table(
    client, national, hmi, panel
):
    area = national_force(national, hmi, name="Surveyshire", region="Midlands")
    like_staffordshire(area.inspection.force)
    guidance = inspection_outcomes(inspection=area.inspection)[area.framework_id].guidance
    unsupported = next(
        level
        for level in area.framework.scheme.levels.all()
        if guidance_key(level) and guidance_key(level) not in guidance.supports
    )
    area.proposed_grade = unsupported
    area.save()
    client.force_login(panel)
    response = client.get(_session_url(national))
    (row,) = response.context["rows"]
    assert [flag.kind for flag in row.flags] == ["guidance"]
    supported = " or ".join(guidance.supports)
    reason = f"Proposed {unsupported.label}; the survey indicator guidance supports {supported}."
    assert reason in response.content.decode()
    assert f"Supports {supported}" in response.content.decode()
