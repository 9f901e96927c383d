"""Helpers of the report-run tests: a recorder in place of the queue, fake builders and
engine for service tests, and ways to put an inspection into a given stage."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError as QueueOperationalError

from config.celery import app as celery_app
from inspections.models import AssessmentStatus, InspectionStatus
from reports.models import ReportRun, RunStatus
from reports.rendering.document import ReportDocument
from reports.rendering.engine import RenderedPdf
from reports.services import runs_execute
from reports.services.runs import report_run_request

FAKE_PDF = b"%PDF-1.7\nfake report\n%%EOF\n"


@dataclass
class SentTasks:
    """Stands in for the broker: records what was sent (`options` holds each send's keyword
    arguments, e.g. kwargs and countdown), or fails like a broker that is down."""

    down: bool = False
    sent: list = field(default_factory=list)
    options: list = field(default_factory=list)

    def __call__(self, name, args=None, **options):
        if self.down:
            raise QueueOperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")
        self.sent.append((name, list(args or [])))
        self.options.append(options)

    @property
    def run_ids(self) -> list[int]:
        return [args[0] for name, args in self.sent if name == "reports.render"]


@dataclass
class FakeRendering:
    """Counts builds and renders; `error` makes the builder raise it."""

    draft: bool = True
    error: BaseException | None = None
    builds: list = field(default_factory=list)
    renders: int = 0

    def force(self, *, inspection_id, released_only=False):
        self.builds.append(("force", inspection_id, released_only))
        return self._document()

    def national(self, *, programme_id):
        self.builds.append(("national", programme_id))
        return self._document()

    def _document(self) -> ReportDocument:
        if self.error is not None:
            raise self.error
        return ReportDocument(title="T", html="<p>Report</p>", data_hash="d" * 64, draft=self.draft)

    def html_to_pdf(self, html: str) -> RenderedPdf:
        self.renders += 1
        return RenderedPdf(pdf=FAKE_PDF, pages=3)


@pytest.fixture(name="queue")
def queue_fixture(monkeypatch) -> SentTasks:
    recorder = SentTasks()
    monkeypatch.setattr(celery_app, "send_task", recorder)
    return recorder


@pytest.fixture(name="media")
def media_fixture(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(name="fake_rendering")
def fake_rendering_fixture(monkeypatch, media) -> FakeRendering:
    fake = FakeRendering()
    monkeypatch.setattr(runs_execute, "force_report_document", fake.force)
    monkeypatch.setattr(runs_execute, "national_report_document", fake.national)
    monkeypatch.setattr(runs_execute.engine, "html_to_pdf", fake.html_to_pdf)
    return fake


def publish(inspection) -> None:
    inspection.areas.update(status=AssessmentStatus.PUBLISHED)
    inspection.status = InspectionStatus.PUBLISHED
    inspection.save()


def release_to_force(inspection) -> None:
    """The first area released for the factual-accuracy check; the others still drafted."""
    first = inspection.areas.order_by("pk").first()
    inspection.areas.filter(pk=first.pk).update(status=AssessmentStatus.RELEASED)
    inspection.status = InspectionStatus.FACTUAL_ACCURACY
    inspection.save()


def run_files(media) -> list:
    return sorted(path for path in (media / "report-runs").rglob("*") if path.is_file())


def request_run(capture, **kwargs) -> ReportRun:
    """A run requested with its after-commit send carried out (`capture`: pytest-django's
    django_capture_on_commit_callbacks)."""
    with capture(execute=True):
        return report_run_request(**kwargs)


def mark_running(run: ReportRun, *, quiet_for: float, attempts: int = 1, worker: str = "") -> None:
    """As a worker leaves it: RUNNING since ten minutes ago, its last heartbeat `quiet_for`
    seconds ago."""
    now = timezone.now()
    ReportRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING,
        started_at=now - datetime.timedelta(minutes=10),
        heartbeat_at=now - datetime.timedelta(seconds=quiet_for),
        attempts=attempts,
        worker=worker,
    )
