"""Personas and shared fixtures.

alice inspects force A, bob inspects force B, hmi leads both teams, panel moderates,
liaison speaks for force A, admin keeps the reference data.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_migrate
from kombu.exceptions import OperationalError as QueueOperationalError

from config.celery import app as celery_app
from forces.models import ForceLiaison
from inspections import roles
from inspections.models import Programme
from inspections.reference import reference_data_load
from inspections.services import inspection_create
from moderation.tasks import send_notification
from tests.factories import ForceFactory, UserFactory


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def require_service(available: bool, reason: str) -> None:
    """Skip a test that needs a missing service; in CI, fail instead, so nothing hides."""
    if available:
        return
    if in_ci():
        pytest.fail(f"CI is set but {reason}", pytrace=False)
    pytest.skip(reason)


# The modules that take longest run first, so that under pytest-xdist the many short tests
# fill the processes up at the end instead of one long walk starting last and running alone.
LONG_RUNNING_FIRST = (
    "tests/security/test_persona_crawl.py",
    "tests/security/test_access_matrix.py",
    "tests/reports/test_runs_worker.py",
    "tests/moderation/test_model_move.py",
)


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return (
            LONG_RUNNING_FIRST.index(path)
            if path in LONG_RUNNING_FIRST
            else len(LONG_RUNNING_FIRST)
        )

    items.sort(key=rank)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Nothing a test leaves in the cache (a remembered task count) reaches the next."""
    cache.clear()


@pytest.fixture(autouse=True)
def _ci_runs_on_postgresql(request):
    if in_ci() and "django_db_setup" in request.fixturenames:
        assert connection.vendor == "postgresql", (
            "CI must run against PostgreSQL: set DATABASE_URL (see .ci/run)."
        )


def _reference_reload(sender, app_config, **kwargs) -> None:
    """Reload reference data once a flush has emptied the tables.

    A transactional test ends with a flush, which sends post_migrate for each app with
    models; reloading after the last of them finds every content type and permission
    already back, so role groups get theirs.
    """
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if app_config is last:
        reference_data_load()


@dataclass
class NotificationQueue:
    """Stands in for the broker for moderation.send_notification only: runs each message in
    the test process as it is sent (so `mailoutbox` holds it), or fails like a broker that is
    down. Every other task goes to the configured broker as before."""

    send_task: Callable
    down: bool = False
    sent: list = field(default_factory=list)

    def __call__(self, name, args=None, kwargs=None, **options):
        if name != send_notification.name:
            return self.send_task(name, args, kwargs, **options)
        if self.down:
            raise QueueOperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")
        self.sent.append(list(args or []))
        send_notification.apply(args=args, kwargs=kwargs, throw=True)


@pytest.fixture(name="notification_queue", autouse=True)
def notification_queue_fixture(monkeypatch) -> NotificationQueue:
    """Every test: notifications are delivered in process, so no test leaves mail messages in
    a broker that no worker of its own will consume, and tests see the mail a change sends."""
    queue = NotificationQueue(send_task=celery_app.send_task)
    monkeypatch.setattr(celery_app, "send_task", queue)
    return queue


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with reference data loaded once for the whole session.

    Tests run in a transaction rolled back at their end, so the rows stay as loaded;
    transactional tests flush the tables, and the reload above brings them back.
    """
    with django_db_blocker.unblock():
        counts = reference_data_load()
    post_migrate.connect(_reference_reload, dispatch_uid="tests.reference_reload")
    yield counts
    post_migrate.disconnect(dispatch_uid="tests.reference_reload")


@pytest.fixture
def reference(db, django_db_setup):
    """Forces, frameworks, programmes, glossary and role groups (loaded once per session)."""
    return django_db_setup


@pytest.fixture
def programme_2008(reference):
    return Programme.objects.get(year=2008)


@pytest.fixture
def force_a(reference):
    return ForceFactory(name="Force A", formal_name="Force A Constabulary", short_name="FA")


@pytest.fixture
def force_b(reference):
    return ForceFactory(name="Force B", formal_name="Force B Police", short_name="FB")


@pytest.fixture
def alice(reference):
    return UserFactory(username="alice", groups=[roles.INSPECTOR])


@pytest.fixture
def bob(reference):
    return UserFactory(username="bob", groups=[roles.INSPECTOR])


@pytest.fixture
def hmi(reference):
    return UserFactory(username="hmi", groups=[roles.LEAD_INSPECTOR, roles.MODERATOR])


@pytest.fixture
def panel(reference):
    return UserFactory(username="panel", groups=[roles.MODERATOR])


@pytest.fixture
def liaison(reference, force_a):
    user = UserFactory(username="liaison", groups=[roles.FORCE_LIAISON])
    ForceLiaison.objects.create(user=user, force=force_a)
    return user


@pytest.fixture
def admin_user(reference):
    user = UserFactory(username="admin", groups=[roles.ADMINISTRATOR])
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def inspection_a(programme_2008, force_a, alice, hmi):
    return inspection_create(force=force_a, programme=programme_2008, lead=hmi, inspectors=[alice])


@pytest.fixture
def inspection_b(programme_2008, force_b, bob, hmi):
    return inspection_create(force=force_b, programme=programme_2008, lead=hmi, inspectors=[bob])
