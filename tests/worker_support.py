"""A real Celery worker for integration and browser tests.

The worker is a separate process with the test settings and the test database (SQLite: the
file test database; PostgreSQL: the test database), consuming one queue of its own from the
configured broker: Redis in CI (the tests fail if it is not reachable), the filesystem
transport on a laptop.
"""

import os
import signal
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from tests.conftest import in_ci, require_service

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def require_broker() -> None:
    broker = settings.CELERY_BROKER_URL
    if in_ci():
        assert broker.startswith("redis://"), "CI must run the worker tests through Redis"
    if broker.startswith("redis://"):
        require_service(redis_reachable(broker), f"Redis is not reachable at {broker}")


def new_queue() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def start_worker(
    queue: str, *, pool: str = "solo", include: tuple[str, ...] = (), env: dict | None = None
) -> subprocess.Popen:
    """A worker consuming `queue`; `include` names extra modules it imports at start (test
    hooks such as tests.reports.slow_render), `env` adds to its environment."""
    env = dict(os.environ, **(env or {}), DJANGO_SETTINGS_MODULE="config.settings_test")
    env["DATABASE_URL"] = database_url()
    # What the worker sends itself (the sweep, a second look at a run) goes to its own queue.
    env["CELERY_QUEUE"] = queue
    options = [f"--include={','.join(include)}"] if include else []
    if pool == "prefork":
        options.append("--concurrency=1")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            queue,
            f"--pool={pool}",
            *options,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"{queue}-{uuid.uuid4().hex[:6]}@%h",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
    )


def stop_worker(process: subprocess.Popen, *, kill: bool = False) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@contextmanager
def running_worker(queue: str):
    process = start_worker(queue)
    try:
        yield process
    finally:
        stop_worker(process)


def _reset_producers() -> None:
    # Producers are pooled per broker connection; forget them so the next send connects to
    # whatever broker the configuration names now.
    celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@contextmanager
def default_queue(queue: str):
    """Tasks sent without a queue (as the services send them) go to `queue` meanwhile."""
    saved = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    try:
        yield
    finally:
        celery_app.conf.task_default_queue = saved


@contextmanager
def broker_at(url: str):
    """This process sends to the broker at `url` meanwhile (e.g. a closed port)."""
    saved = celery_app.conf.broker_url
    celery_app.conf.broker_url = url
    _reset_producers()
    try:
        yield
    finally:
        celery_app.conf.broker_url = saved
        _reset_producers()
