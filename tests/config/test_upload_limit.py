"""A request body over WORKBENCH_MAX_UPLOAD_BYTES is refused before it is received."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParser
from django.test import RequestFactory, override_settings
from django.urls import reverse

from config.middleware import UploadLimitMiddleware
from config.uploads import BodyLimitUploadHandler
from grading.indicator_csv import MAX_BYTES as INDICATOR_CSV_LIMIT
from inspections.models import CriterionAssessment, EvidenceAttachment, EvidenceKind
from inspections.services import evidence as services
from inspections.validators import ATTACHMENT_SIZE_LIMIT
from reports.forms.imports import MAX_REPORT_BYTES

pytestmark = pytest.mark.django_db

SIXTY_MB = 60 * 1024 * 1024


class ExplodingBody(io.RawIOBase):
    """A request body that fails the test if anything reads more than its first bytes."""

    def __init__(self, allowed: int = 0):
        self.allowed = allowed
        self.read_bytes = 0

    def readable(self):
        return True

    def read(self, size=-1):
        self.read_bytes += size if size and size > 0 else 1
        if self.read_bytes > self.allowed:
            raise AssertionError("the request body was read")
        return b"\0" * max(size, 0)

    def readline(self, size=-1):
        return self.read(size)


@pytest.fixture
def item(inspection_a, alice):
    assessment = CriterionAssessment.objects.filter(area__inspection=inspection_a).first()
    return services.evidence_item_create(
        assessment=assessment, user=alice, kind=EvidenceKind.STRENGTH, text="Teams are settled."
    )


def _post_declaring(client, url, length, body):
    return client.generic(
        "POST",
        url,
        data=b"x",
        content_type="multipart/form-data; boundary=BoUnDaRy",
        **{"CONTENT_LENGTH": str(length), "wsgi.input": body},
    )


def test_a_sixty_megabyte_attachment_is_refused_unread_with_a_page_saying_the_limit(
    client, alice, item
):
    client.force_login(alice)
    body = ExplodingBody()
    response = _post_declaring(
        client, reverse("inspections:attachment_add", args=[item.pk]), SIXTY_MB, body
    )
    assert response.status_code == 413
    assert body.read_bytes == 0
    page = response.content.decode()
    assert "This upload is too large" in page and "60.0\xa0MB" in page and "11.0\xa0MB" in page
    # The page is the site's own, with the navigation of the signed-in user.
    assert "Inspection Workbench" in page and "Log out" in page
    assert not EvidenceAttachment.objects.exists()


def test_the_refusal_comes_before_the_login_and_csrf_checks(client):
    # Nobody signed in: the body is refused before the login view (or CSRF's check) reads it.
    body = ExplodingBody()
    response = _post_declaring(client, reverse("login"), SIXTY_MB, body)
    assert response.status_code == 413 and body.read_bytes == 0


def test_an_upload_within_the_limit_reaches_the_form_and_its_own_limit(client, alice, item):
    client.force_login(alice)
    url = reverse("inspections:attachment_add", args=[item.pk])
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * ATTACHMENT_SIZE_LIMIT)
    response = client.post(url, {"file": big}, follow=True)
    assert response.status_code == 200 and "at most 10" in response.content.decode()
    small = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n")
    client.post(url, {"file": small})
    assert EvidenceAttachment.objects.get().size == len(b"%PDF-1.4\n")


def test_the_ceiling_sits_above_every_upload_forms_own_limit():
    # Each form refuses a file over its own limit with its own message; the ceiling must not
    # pre-empt them, and the margin leaves room for the form's other fields.
    ceiling = settings.WORKBENCH_MAX_UPLOAD_BYTES
    for limit in (ATTACHMENT_SIZE_LIMIT, MAX_REPORT_BYTES, INDICATOR_CSV_LIMIT):
        assert ceiling - limit >= 512 * 1024, limit


def _multipart(size: int) -> tuple[bytes, str]:
    boundary = "BoUnDaRy"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        + b"a" * size
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


@override_settings(WORKBENCH_MAX_UPLOAD_BYTES=4096)
def test_the_upload_handler_stops_a_body_that_grows_past_the_limit():
    body, content_type = _multipart(1024 * 1024)
    meta = {"CONTENT_TYPE": content_type, "CONTENT_LENGTH": str(len(body))}
    limit = BodyLimitUploadHandler()
    stream = io.BytesIO(body)
    post, files = MultiPartParser(meta, stream, [limit, MemoryFileUploadHandler()]).parse()
    assert limit.exceeded and not files
    # Reading stopped a chunk or two after the limit, not at the end of the body.
    assert stream.tell() < 4096 + 2 * BodyLimitUploadHandler.chunk_size


def test_the_middleware_refuses_what_the_handler_stopped():
    body, content_type = _multipart(64 * 1024)
    request = RequestFactory().generic("POST", "/", data=body, content_type=content_type)
    # The declared length passes the first check; the handlers count what really arrives
    # (here against a lower limit, as for a body whose length was not declared).
    with override_settings(WORKBENCH_MAX_UPLOAD_BYTES=4096):
        request.upload_handlers  # noqa: B018 - the handlers take the limit when first built

    def view(request):
        raise AssertionError("the view ran")

    response = UploadLimitMiddleware(view)(request)
    assert response.status_code == 413 and "This upload is too large" in response.text


def test_an_ordinary_multipart_post_passes_with_its_fields_and_files():
    body, content_type = _multipart(1000)
    request = RequestFactory().generic("POST", "/", data=body, content_type=content_type)
    seen = {}

    def view(request):
        seen.update(note=request.POST["note"], file=request.FILES["file"].read())
        return HttpResponse("ok")

    assert UploadLimitMiddleware(view)(request).status_code == 200
    assert seen == {"note": "hello", "file": b"a" * 1000}
