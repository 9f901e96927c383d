"""Security headers on every page: Content-Security-Policy without inline script or style,
Permissions-Policy, Referrer-Policy, no-store for signed-in users, HTTPS redirect and HSTS."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.models import CriterionAssessment, EvidenceAttachment, EvidenceKind
from inspections.services import evidence as services
from reports.models import ReportRun, RunStatus
from reports.views import runs as run_views

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SITE_POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "connect-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}


def policy(header: str) -> dict[str, set[str]]:
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: set(sources) for name, *sources in directives}


class InlineCode(HTMLParser):
    """Collects what a policy without 'unsafe-inline' would block: inline scripts, event
    handler attributes, javascript: links, style elements and style attributes."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs:
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if name == "style":
                self.found.append(f"style= on <{tag}>")
            if name == "href" and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: link on <{tag}>")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.fixture
def assessment(inspection_a):
    return CriterionAssessment.objects.filter(
        area__inspection=inspection_a, criterion__statement_template__gt=""
    ).first()


def _pages(inspection, assessment):
    return [
        reverse("home"),
        assessment.get_absolute_url(),
        reverse("inspections:inspection_detail", args=[inspection.pk]),
        reverse("reports:inspection_report", args=[inspection.pk]),
        reverse("password_change"),
        reverse("inspections:evidence_search"),
        reverse("admin:index"),
    ]


def test_every_page_has_the_policy_and_no_inline_script_or_style(
    client, hmi, inspection_a, assessment
):
    hmi.is_staff = True
    hmi.save()
    client.force_login(hmi)
    for url in _pages(inspection_a, assessment):
        response = client.get(url)
        assert response.status_code == 200, url
        assert policy(response["Content-Security-Policy"]) == SITE_POLICY, url
        assert inline_code(response.text) == [], url


def test_the_pages_scripts_are_static_files(client, alice, inspection_a, assessment):
    client.force_login(alice)
    criterion = client.get(assessment.get_absolute_url()).text
    assert 'src="/static/js/statement.js"' in criterion
    report = client.get(reverse("reports:inspection_report", args=[inspection_a.pk])).text
    assert 'src="/static/js/report_runs.js"' in report


def test_no_template_holds_inline_script_or_style():
    # The pages rendered above are a sample; every template in the repository is read here.
    found = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        problems = inline_code(path.read_text(encoding="utf-8"))
        if problems:
            found[str(path.relative_to(TEMPLATES))] = problems
    assert found == {}


def test_the_login_page_is_covered_too(client):
    response = client.get(reverse("login"))
    assert policy(response["Content-Security-Policy"]) == SITE_POLICY
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Django's login view says never_cache itself; nobody is signed in, so that stands.
    assert "max-age=0" in response["Cache-Control"]


def test_the_report_preview_keeps_its_stricter_policy(client, alice, inspection_a):
    client.force_login(alice)
    response = client.get(reverse("reports:inspection_preview", args=[inspection_a.pk]))
    assert response["Content-Security-Policy"] == run_views.PREVIEW_CSP
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cache-Control"] == "no-store, private"


def test_signed_in_pages_are_not_stored_by_any_cache(client, alice, inspection_a):
    client.force_login(alice)
    for url in (reverse("home"), reverse("inspections:inspection_detail", args=[inspection_a.pk])):
        assert client.get(url)["Cache-Control"] == "no-store, private", url


def test_downloads_are_not_stored_either(
    client, alice, inspection_a, assessment, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(alice)
    item = services.evidence_item_create(
        assessment=assessment, user=alice, kind=EvidenceKind.STRENGTH, text="Settled teams."
    )
    client.post(
        reverse("inspections:attachment_add", args=[item.pk]),
        {"file": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n")},
    )
    attachment = EvidenceAttachment.objects.get()
    response = client.get(reverse("inspections:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store, private"
    run = ReportRun.objects.create(
        inspection=inspection_a, requested_by=alice, status=RunStatus.SUCCEEDED
    )
    run.file.save(run.download_name, ContentFile(b"%PDF-1.7\n"))
    response = client.get(reverse("reports:run_download", args=[run.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store, private"


def test_a_view_that_chose_its_own_cache_control_keeps_it(client, admin_user):
    client.force_login(admin_user)
    # The admin marks its pages never_cache; that header is left as the admin wrote it.
    response = client.get(reverse("admin:index"))
    assert "must-revalidate" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_plain_http_is_redirected_to_https_outside_debug(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("login"))
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"


def test_https_answers_carry_hsts(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("login"), secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_behind_a_tls_proxy_its_header_counts_as_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get(reverse("login"), headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200 and "Strict-Transport-Security" in response
    assert client.get(reverse("login")).status_code == 301
