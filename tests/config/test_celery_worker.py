"""A real Celery worker, in its own process, consumes from the configured broker.

In CI the broker is Redis (the test fails if it is not reachable); on a laptop it is the
filesystem transport, which needs no server, so the test runs there too.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from config.celery import ping
from tests.conftest import in_ci, require_service
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def _redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def worker_queue(transactional_db):
    broker = settings.CELERY_BROKER_URL
    if in_ci():
        assert broker.startswith("redis://"), "CI must run the worker test through Redis"
    if broker.startswith("redis://"):
        require_service(_redis_reachable(broker), f"Redis is not reachable at {broker}")
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings_test")
    env["DATABASE_URL"] = _database_url()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            queue,
            "--pool=solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"{queue}@%h",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
    )
    yield queue
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.mark.services
def test_a_real_worker_runs_a_task_against_the_same_database(worker_queue):
    UserFactory(username="someone")
    UserFactory(username="someone-else")
    result = ping.apply_async(queue=worker_queue)
    answer = result.get(timeout=90)
    assert answer["pid"] != os.getpid()
    assert answer["database"] == connection.vendor
    assert answer["users"] == 2
