import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.models import (
    AssessmentStatus,
    CriterionAssessment,
    EvidenceAttachment,
    EvidenceItem,
    EvidenceKind,
)
from inspections.services import evidence as services
from inspections.validators import ATTACHMENT_SIZE_LIMIT

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a tiny test document\n"


@pytest.fixture
def assessment(inspection_a):
    return CriterionAssessment.objects.get(
        area__inspection=inspection_a, criterion__parent__order=1, criterion__order=1
    )


@pytest.fixture
def item(assessment, alice):
    return services.evidence_item_create(
        assessment=assessment, user=alice, kind=EvidenceKind.STRENGTH, text="Teams are settled."
    )


def _texts(assessment, kind):
    return list(
        EvidenceItem.objects.filter(criterion_assessment=assessment, kind=kind, parent=None)
        .order_by("order")
        .values_list("text", flat=True)
    )


def test_it_checks_access(client, bob, liaison, assessment, item):
    urls = [
        reverse("inspections:evidence_add", args=[assessment.pk]),
        reverse("inspections:evidence_edit", args=[item.pk]),
        reverse("inspections:evidence_delete", args=[item.pk]),
        reverse("inspections:evidence_history", args=[item.pk]),
    ]
    for user in (bob, liaison):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        assert (
            client.post(
                reverse("inspections:evidence_move", args=[item.pk]), {"direction": "up"}
            ).status_code
            == 404
        )


def test_moderator_may_read_history_but_not_edit(client, panel, item):
    client.force_login(panel)
    assert client.get(reverse("inspections:evidence_history", args=[item.pk])).status_code == 200
    assert client.get(reverse("inspections:evidence_edit", args=[item.pk])).status_code == 403


def test_add_a_strength_with_lead_and_source(client, alice, assessment):
    client.force_login(alice)
    response = client.post(
        reverse("inspections:evidence_add", args=[assessment.pk]),
        {
            "kind": "strength",
            "lead": "Named contacts.",
            "text": "Every ward has one.",
            "source": "reality_testing",
        },
    )
    assert response.status_code == 302
    item = EvidenceItem.objects.get(criterion_assessment=assessment)
    assert (item.lead, item.source, item.author, item.order) == (
        "Named contacts.",
        "reality_testing",
        alice,
        1,
    )
    assert response["Location"].endswith(f"#item-{item.pk}")


def test_add_sub_points_under_an_item(client, alice, assessment, item):
    client.force_login(alice)
    url = reverse("inspections:evidence_add", args=[assessment.pk]) + f"?parent={item.pk}"
    client.post(url, {"text": "First point.", "source": ""})
    client.post(url, {"text": "Second point.", "source": ""})
    subs = list(item.sub_points.order_by("order").values_list("text", "order", "kind"))
    assert subs == [("First point.", 1, "strength"), ("Second point.", 2, "strength")]
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert (
        page.index("Teams are settled.") < page.index("First point.") < page.index("Second point.")
    )


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": "strength", "text": "   "}, "cannot be empty"),
        ({"kind": "strength", "text": "x" * 5001}, "at most 5000"),
        ({"kind": "strength", "text": "Hello <script>alert(1)</script>"}, "HTML tags"),
        ({"kind": "strength", "text": "Fine.", "lead": "<b>Bold</b>"}, "HTML tags"),
        ({"kind": "nonsense", "text": "Fine."}, "Select a valid choice"),
    ],
)
def test_bad_evidence_is_refused_with_a_message(client, alice, assessment, data, message):
    client.force_login(alice)
    response = client.post(reverse("inspections:evidence_add", args=[assessment.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EvidenceItem.objects.filter(criterion_assessment=assessment).exists()


def test_stored_text_is_escaped_when_shown(client, alice, assessment):
    EvidenceItem.objects.create(
        criterion_assessment=assessment,
        kind="strength",
        order=1,
        author=alice,
        text="Imported <img src=x onerror=alert(1)> text",
    )
    client.force_login(alice)
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_edit_saves_and_records_history(client, alice, item):
    client.force_login(alice)
    response = client.post(
        reverse("inspections:evidence_edit", args=[item.pk]),
        {
            "lead": "",
            "text": "Teams are settled and trained.",
            "source": "interview",
            "version": item.version,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text == "Teams are settled and trained." and item.version == 2
    page = client.get(reverse("inspections:evidence_history", args=[item.pk])).content.decode()
    assert "Teams are settled." in page and "Teams are settled and trained." in page


def test_conflicting_edit_keeps_both_texts(client, alice, hmi, item):
    stale = item.version
    client.force_login(hmi)
    client.post(
        reverse("inspections:evidence_edit", args=[item.pk]),
        {"text": "The lead's text.", "source": "", "version": stale},
    )
    client.force_login(alice)
    response = client.post(
        reverse("inspections:evidence_edit", args=[item.pk]),
        {"text": "Alice's text.", "source": "", "version": stale},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this" in page
    assert "The lead&#x27;s text." in page and "Alice&#x27;s text." in page
    item.refresh_from_db()
    assert item.text == "The lead's text."
    # Saving again from the conflict form knowingly replaces the other version.
    form = response.context["form"]
    client.post(
        reverse("inspections:evidence_edit", args=[item.pk]),
        {"text": "Alice's text.", "source": "", "version": form.initial["version"]},
    )
    item.refresh_from_db()
    assert item.text == "Alice's text."


def test_delete_asks_then_removes_item_and_sub_points(client, alice, assessment, item):
    services.evidence_item_create(
        assessment=assessment, user=alice, kind="", text="Sub.", parent=item
    )
    second = services.evidence_item_create(
        assessment=assessment, user=alice, kind="strength", text="Second."
    )
    client.force_login(alice)
    url = reverse("inspections:evidence_delete", args=[item.pk])
    assert "Delete this evidence?" in client.get(url).content.decode()
    client.post(url)
    assert list(EvidenceItem.objects.filter(criterion_assessment=assessment)) == [second]
    second.refresh_from_db()
    assert second.order == 1


def test_reorder_within_a_list(client, alice, assessment, item):
    services.evidence_item_create(assessment=assessment, user=alice, kind="strength", text="B.")
    client.force_login(alice)
    client.post(reverse("inspections:evidence_move", args=[item.pk]), {"direction": "down"})
    assert _texts(assessment, "strength") == ["B.", "Teams are settled."]
    client.post(reverse("inspections:evidence_move", args=[item.pk]), {"direction": "up"})
    assert _texts(assessment, "strength") == ["Teams are settled.", "B."]


def test_move_to_another_list_takes_sub_points_along(client, alice, assessment, item):
    sub = services.evidence_item_create(
        assessment=assessment, user=alice, kind="", text="Sub.", parent=item
    )
    other = services.evidence_item_create(
        assessment=assessment, user=alice, kind="strength", text="Stays."
    )
    client.force_login(alice)
    client.post(reverse("inspections:evidence_move", args=[item.pk]), {"kind": "work_in_progress"})
    assert _texts(assessment, "work_in_progress") == ["Teams are settled."]
    sub.refresh_from_db()
    other.refresh_from_db()
    assert sub.kind == "work_in_progress"
    assert other.order == 1


def test_a_nonsense_move_changes_nothing(client, alice, item):
    client.force_login(alice)
    response = client.post(
        reverse("inspections:evidence_move", args=[item.pk]), {"direction": "sideways"}, follow=True
    )
    assert "nothing changed" in response.content.decode()


def test_submitted_area_makes_evidence_read_only(client, alice, assessment, item):
    assessment.area.status = AssessmentStatus.SUBMITTED
    assessment.area.save()
    client.force_login(alice)
    response = client.post(
        reverse("inspections:evidence_add", args=[assessment.pk]),
        {"kind": "strength", "text": "Too late."},
        follow=True,
    )
    assert "can no longer be changed" in response.content.decode()
    client.post(reverse("inspections:evidence_delete", args=[item.pk]))
    client.post(reverse("inspections:evidence_move", args=[item.pk]), {"kind": "work_in_progress"})
    assert _texts(assessment, "strength") == ["Teams are settled."]
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "read-only" in page and "Add sub-point" not in page


class TestAttachments:
    def _upload(self, client, item, name, content):
        return client.post(
            reverse("inspections:attachment_add", args=[item.pk]),
            {"file": SimpleUploadedFile(name, content)},
            follow=True,
        )

    def test_team_member_attaches_and_downloads_a_pdf(self, client, alice, item):
        client.force_login(alice)
        self._upload(client, item, "minutes.pdf", PDF)
        attachment = EvidenceAttachment.objects.get(item=item)
        assert attachment.content_type == "application/pdf" and attachment.size == len(PDF)
        response = client.get(reverse("inspections:attachment_download", args=[attachment.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert "minutes.pdf" in response["Content-Disposition"]

    @pytest.mark.parametrize(
        "name, content, message",
        [
            ("tool.exe", b"MZ\x90\x00", "cannot be attached"),
            ("fake.pdf", b"MZ\x90\x00 not a pdf", "do not match"),
            ("empty.pdf", b"", "empty"),
            ("huge.pdf", b"%PDF-" + b"0" * ATTACHMENT_SIZE_LIMIT, "at most 10"),
        ],
    )
    def test_bad_files_are_refused(self, client, alice, item, name, content, message):
        client.force_login(alice)
        response = self._upload(client, item, name, content)
        assert message in response.content.decode()
        assert not EvidenceAttachment.objects.exists()

    def test_files_are_private_to_those_who_may_see_the_inspection(
        self, client, alice, bob, liaison, panel, item
    ):
        client.force_login(alice)
        self._upload(client, item, "minutes.pdf", PDF)
        attachment = EvidenceAttachment.objects.get()
        url = reverse("inspections:attachment_download", args=[attachment.pk])
        for outsider in (bob, liaison):
            client.force_login(outsider)
            assert client.get(url).status_code == 404
            assert self._upload(client, item, "x.pdf", PDF).status_code == 404
        client.force_login(panel)
        assert client.get(url).status_code == 200
        assert (
            client.post(reverse("inspections:attachment_delete", args=[attachment.pk])).status_code
            == 403
        )
        # No URL serves the storage folder directly: the access-checked view is the only way.
        assert client.get(f"/media/{attachment.file.name}").status_code == 404

    def test_removing_an_attachment_deletes_its_file(
        self, client, alice, item, django_capture_on_commit_callbacks
    ):
        client.force_login(alice)
        self._upload(client, item, "minutes.pdf", PDF)
        attachment = EvidenceAttachment.objects.get()
        storage, name = attachment.file.storage, attachment.file.name
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("inspections:attachment_delete", args=[attachment.pk]))
        assert not EvidenceAttachment.objects.exists()
        assert not storage.exists(name)
