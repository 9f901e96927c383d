"""History pages: rows without a user read as the system with their source, and every row
reads in words (list labels, names for foreign keys, reorders as moves, attachments)."""

import html

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import get_resolver, reverse
from django.utils import timezone

from inspections.demo.content import LEAD_USERNAME
from inspections.models import (
    AreaAssessment,
    CriterionAssessment,
    DevelopingPractice,
    EvidenceAttachment,
    EvidenceItem,
    EvidenceKind,
    Inspection,
    Recommendation,
)
from inspections.services import evidence as evidence_services
from inspections.services.history import (
    DEMO_SOURCE,
    inspection_history_source_set,
    programme_history_source_set,
)
from moderation.services.proposals import grade_propose
from tests.factories import UserFactory
from tests.inspections.practice_support import _practice
from tests.moderation.moderation_support import NP_RATIONALE, grade, np_area

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a tiny test document\n"
DEMO_SYSTEM = f"System — {DEMO_SOURCE}"
# Each history page and the records it is the history of.
HISTORY_PAGES = {
    "inspections:evidence_history": EvidenceItem,
    "inspections:statement_history": CriterionAssessment,
    "moderation:area_history": AreaAssessment,
    "inspections:overview_history": Inspection,
    "inspections:practice_history": DevelopingPractice,
}
# History pages of records the demo has none of: follow-ups (it opens no inspection from an
# earlier one; tests/inspections/test_follow_ups.py walks them) and responses to
# recommendations (it records none; tests/reports/test_recommendation_responses.py walks them).
HISTORY_PAGES_WITHOUT_DEMO = {"inspections:follow_up_history", "reports:response_history"}


def _page(client, name: str, pk: int) -> str:
    response = client.get(reverse(name, args=[pk]))
    assert response.status_code == 200, (name, pk)
    return html.unescape(response.content.decode())


@pytest.fixture
def assessment(inspection_a):
    return CriterionAssessment.objects.get(
        area__inspection=inspection_a, criterion__parent__order=1, criterion__order=1
    )


def _add(assessment, user, text, kind=EvidenceKind.STRENGTH):
    return evidence_services.evidence_item_create(
        assessment=assessment, user=user, kind=kind, text=text
    )


def _url_names(patterns, namespace="") -> set[str]:
    names = set()
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_the_walk_covers_every_history_page():
    # The admin's own history pages are django-simple-history's, not the product's.
    names = {
        name
        for name in _url_names(get_resolver().url_patterns)
        if "history" in name and not name.startswith("admin:")
    }
    assert names == set(HISTORY_PAGES) | HISTORY_PAGES_WITHOUT_DEMO


def test_every_history_page_of_the_demo_answers_200_and_names_the_demo(client, settings):
    settings.DEBUG = True
    call_command("load_demo")
    client.force_login(get_user_model().objects.get(username=LEAD_USERNAME))
    walked = 0
    for name, model in HISTORY_PAGES.items():
        pks = list(model.objects.values_list("pk", flat=True))
        assert pks, f"the demo has no {model.__name__} for {name}"
        for pk in pks:
            page = _page(client, name, pk)
            assert DEMO_SYSTEM in page, (name, pk)
            walked += 1
    demo_records = sum(model.objects.count() for model in HISTORY_PAGES.values())
    assert walked == demo_records


def test_demo_rows_carry_their_source_and_a_second_label_changes_nothing(settings):
    settings.DEBUG = True
    call_command("load_demo")
    item = EvidenceItem.objects.first()
    assert set(item.history.values_list("history_user", "history_change_reason")) == {
        (None, DEMO_SOURCE)
    }
    inspection_id = item.criterion_assessment.area.inspection_id
    assert inspection_history_source_set(inspection_id=inspection_id, source="other") == 0


def test_national_records_are_labelled_only_for_the_writers_own_rows(hmi, alice, programme_2008):
    def recommendation(number, user=None):
        row = Recommendation(programme=programme_2008, number=number, text=f"Text {number}.")
        if user is not None:
            row._history_user = user
        row.save()

    source = "import of x.md (import #9)"
    recommendation(1)  # before the import began
    since = timezone.now()
    recommendation(2)  # by the import, run from the command line
    recommendation(3, hmi)  # by the import, run by hmi
    recommendation(4, alice)  # by someone else meanwhile
    labelled = programme_history_source_set(
        programme_id=programme_2008.pk, source=source, since=since, user=hmi
    )
    reasons = {
        row.number: row.history_change_reason
        for row in Recommendation.history.filter(programme=programme_2008)
    }
    assert (labelled, reasons) == (2, {1: None, 2: source, 3: source, 4: None})


def test_rows_without_user_or_source_read_as_the_system(client, alice, assessment):
    item = EvidenceItem.objects.create(
        criterion_assessment=assessment,
        kind="strength",
        order=1,
        text="Made by a script.",
        author=alice,
    )
    client.force_login(alice)
    page = _page(client, "inspections:evidence_history", item.pk)
    assert "System" in page and "Made by a script." in page


def test_a_person_is_named_and_the_source_follows(client, alice, assessment):
    item = _add(assessment, alice, "Alice wrote this.")
    alice.first_name, alice.last_name = "Alice", "Able"
    alice.save()
    client.force_login(alice)
    assert "Alice Able" in _page(client, "inspections:evidence_history", item.pk)


def test_a_change_of_list_and_source_shows_labels_not_stored_values(client, alice, assessment):
    item = _add(assessment, alice, "Wardens patrol.")
    evidence_services.evidence_item_update(
        item=item, user=alice, version=item.version, text=item.text, lead="", source="focus_group"
    )
    evidence_services.evidence_item_move_to_list(
        item=item, user=alice, kind=EvidenceKind.WORK_IN_PROGRESS
    )
    client.force_login(alice)
    page = _page(client, "inspections:evidence_history", item.pk)
    assert "Moved from Strength (position 1) to Work in progress (position 1)." in page
    assert "Focus group" in page
    assert "focus_group" not in page and "work_in_progress" not in page


def test_a_reorder_shows_as_one_move_per_item(client, alice, assessment):
    first = _add(assessment, alice, "First point.")
    second = _add(assessment, alice, "Second point.")
    evidence_services.evidence_item_move(item=second, user=alice, direction="up")
    client.force_login(alice)
    moved = _page(client, "inspections:evidence_history", second.pk)
    assert moved.count("Moved from position 2 to 1.") == 1
    assert "position 0" not in moved and "to 0" not in moved
    displaced = _page(client, "inspections:evidence_history", first.pk)
    assert "Moved from position 1 to 2." in displaced


def test_attachments_added_and_removed_show_in_the_items_history(client, alice, assessment):
    item = _add(assessment, alice, "Minutes were kept.")
    client.force_login(alice)
    client.post(
        reverse("inspections:attachment_add", args=[item.pk]),
        {"file": SimpleUploadedFile("minutes.pdf", PDF)},
    )
    page = _page(client, "inspections:evidence_history", item.pk)
    assert "Attachment added" in page and "“minutes.pdf”" in page
    client.post(
        reverse("inspections:attachment_delete", args=[EvidenceAttachment.objects.get().pk])
    )
    page = _page(client, "inspections:evidence_history", item.pk)
    assert "Attachment removed" in page
    # Newest first: the removal is above the addition.
    assert page.index("Attachment removed") < page.index("Attachment added")


def test_grade_history_names_grades_not_ids(client, hmi, inspection_a):
    area = np_area(inspection_a)
    meeting, exceeding = grade("Meeting", area), grade("Exceeding", area)
    grade_propose(area=area, user=hmi, grade=meeting, rationale=NP_RATIONALE)
    grade_propose(area=area, user=hmi, grade=exceeding, rationale="Better (2).")
    client.force_login(hmi)
    page = _page(client, "moderation:area_history", area.pk)
    change = (
        f'<td class="govuk-table__cell app-history-value app-history-before">{meeting.label}</td>'
    )
    change += (
        f'<td class="govuk-table__cell app-history-value app-history-after">{exceeding.label}</td>'
    )
    assert change in page
    assert f">{exceeding.pk}<" not in page


def test_statement_history_reads_the_chosen_levels(client, alice, assessment):
    client.force_login(alice)
    slot = assessment.criterion.slots[0]
    client.post(
        reverse("inspections:statement_save", args=[assessment.pk]),
        {f"slot_{slot.name}": slot.options[0], "version": assessment.version},
    )
    page = _page(client, "inspections:statement_history", assessment.pk)
    assert f"{slot.name}: {slot.options[0]}" in page


def test_practice_history_names_the_area_and_the_liaison_never_sees_the_inspection(
    client, liaison, inspection_a
):
    practice = _practice(inspection_a, submitted_by=liaison)
    client.force_login(liaison)
    page = _page(client, "inspections:practice_history", practice.pk)
    assert practice.framework.name in page
    assert reverse("inspections:inspection_detail", args=[inspection_a.pk]) not in page


def test_it_checks_access(client, bob, liaison, alice, inspection_a, assessment):
    item = _add(assessment, alice, "Private.")
    practice = _practice(inspection_a, submitted_by=liaison)
    area = assessment.area
    urls = [
        reverse("inspections:evidence_history", args=[item.pk]),
        reverse("inspections:statement_history", args=[assessment.pk]),
        reverse("moderation:area_history", args=[area.pk]),
        reverse("inspections:overview_history", args=[inspection_a.pk]),
        reverse("inspections:practice_history", args=[practice.pk]),
    ]
    stranger = UserFactory(username="stranger")
    for user in (bob, stranger):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
    client.force_login(liaison)
    for url in urls[:4]:
        assert client.get(url).status_code == 404, url


def test_evidence_history_is_constant_query(
    client, alice, assessment, django_assert_max_num_queries
):
    item = _add(assessment, alice, "Version 0.")
    for n in range(1, 15):
        item = evidence_services.evidence_item_update(
            item=item, user=alice, version=item.version, text=f"Version {n}.", lead="", source=""
        )
    client.force_login(alice)
    with django_assert_max_num_queries(12):
        client.get(reverse("inspections:evidence_history", args=[item.pk]))


def test_an_overview_conflict_with_a_save_by_no_user_names_the_system(client, alice, inspection_a):
    client.force_login(alice)
    url = reverse("inspections:overview_edit", args=[inspection_a.pk])
    form = client.get(url).context["form"]
    current = Inspection.objects.get(pk=inspection_a.pk)
    current.geography = "Written by a script."
    current.save()
    inspection_history_source_set(inspection_id=inspection_a.pk, source=DEMO_SOURCE)
    data = {**form.initial, "geography": "Alice's hills."}
    response = client.post(url, data)
    assert response.status_code == 409
    assert f"Latest save by {DEMO_SYSTEM}" in html.unescape(response.content.decode())
