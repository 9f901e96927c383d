"""Settings defaults are safe: checked in fresh interpreters with a controlled environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json; from django.conf import settings; import django; django.setup(); "
    "print(json.dumps({'debug': settings.DEBUG, 'broker': settings.CELERY_BROKER_URL, "
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, "
    "'engine': settings.DATABASES['default']['ENGINE'], "
    "'hosts': settings.ALLOWED_HOSTS, 'secure': settings.SESSION_COOKIE_SECURE, "
    "'cache': settings.CACHES['default']['BACKEND'], "
    "'cache_at': settings.CACHES['default'].get('LOCATION', '')}))"
)


def _settings(*, probe: str = PROBE, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    for key in ("DATABASE_URL", "REDIS_URL"):
        clean.pop(key, None)
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_secret_key_is_required_when_debug_is_off():
    result = _settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_debug_is_off_by_default_with_secure_cookies():
    result = _settings(DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["secure"] is True
    assert values["hosts"] == []


def test_laptop_defaults_are_sqlite_and_a_serverless_broker_never_eager():
    values = json.loads(_settings(DJANGO_DEBUG="1").stdout)
    assert values["debug"] is True
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["broker"] == "filesystem://"
    assert values["eager"] is False
    assert values["hosts"] == ["localhost", "127.0.0.1"]
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"


def test_database_and_broker_come_from_the_environment():
    result = _settings(
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://someone@db.example:5432/workbench",
        REDIS_URL="redis://cache.example:6379/0",
        DJANGO_ALLOWED_HOSTS="workbench.example, www.workbench.example",
    )
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["broker"] == "redis://cache.example:6379/0"
    assert values["hosts"] == ["workbench.example", "www.workbench.example"]
    # Every process shares the cache (the navigation's task count) through Redis.
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["cache_at"] == "redis://cache.example:6379/0"


def test_explicit_celery_broker_url_wins_over_redis_url():
    values = json.loads(
        _settings(
            DJANGO_DEBUG="1",
            REDIS_URL="redis://cache.example:6379/0",
            CELERY_BROKER_URL="redis://broker.example:6379/1",
        ).stdout
    )
    assert values["broker"] == "redis://broker.example:6379/1"


RECOVERY_PROBE = (
    "import json; from django.conf import settings; import django; django.setup(); "
    "print(json.dumps({'stale': settings.REPORT_RUN_STALE_AFTER, "
    "'limit': settings.REPORT_RENDER_TIME_LIMIT, "
    "'visibility': settings.CELERY_BROKER_TRANSPORT_OPTIONS.get('visibility_timeout')}))"
)


def test_a_run_whose_worker_died_restarts_within_two_minutes_by_default():
    result = _settings(probe=RECOVERY_PROBE, DJANGO_DEBUG="1", REDIS_URL="redis://cache:6379/0")
    values = json.loads(result.stdout)
    # Silent for a stale period, then found by a sweep at most one more period later.
    assert values["stale"] == 45 and 2 * values["stale"] <= 120
    # Redis gives an unacknowledged message to another worker only after a render may last.
    assert values["visibility"] > values["limit"]


def test_a_stale_period_too_short_for_heartbeats_is_refused():
    result = _settings(probe=RECOVERY_PROBE, DJANGO_DEBUG="1", REPORT_RUN_STALE_AFTER="2")
    assert result.returncode != 0
    assert "REPORT_RUN_STALE_AFTER must be at least 3 seconds" in result.stderr
