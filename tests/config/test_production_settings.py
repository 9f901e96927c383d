"""The production settings pass Django's deployment check, debug keeps plain HTTP, and the new
security settings come from the environment. Each case runs in a fresh interpreter."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json; import django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'redirect': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS, "
    "'proxy': s.SECURE_PROXY_SSL_HEADER, 'session': s.SESSION_COOKIE_AGE, "
    "'engine': s.SESSION_ENGINE, 'upload': s.WORKBENCH_MAX_UPLOAD_BYTES, "
    "'failures': s.AXES_FAILURE_LIMIT, 'cooloff': str(s.AXES_COOLOFF_TIME), "
    "'proxies': s.WORKBENCH_TRUSTED_PROXIES}))"
)


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "CELERY_", "WORKBENCH_", "AXES_"))
    }
    clean.pop("DATABASE_URL", None)
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def production(**env: str) -> dict[str, str]:
    """The environment the README's production section documents."""
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "workbench.example.org",
        **env,
    }


def _values(**env: str) -> dict:
    result = _run("-c", PROBE, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_the_deployment_check_reports_nothing_in_production():
    result = _run("manage.py", "check", "--deploy", "--fail-level", "WARNING", **production())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deployment_check_does_fail_on_a_weak_setting():
    # The check above is a real one: a short, repetitive key is a warning, and warnings fail.
    env = production(DJANGO_SECRET_KEY="not-secret" * 3)
    result = _run("manage.py", "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0 and "security.W009" in result.stderr


def test_production_redirects_to_https_and_sends_hsts():
    values = _values(**production())
    assert values["redirect"] is True and values["hsts"] == 31536000
    assert values["proxy"] is None  # only trusted when the proxy is declared


def test_debug_serves_plain_http_without_hsts():
    values = _values(DJANGO_DEBUG="1")
    assert values["redirect"] is False and values["hsts"] == 0


def test_defaults_for_sessions_uploads_and_login_throttling():
    values = _values(**production())
    assert values["session"] == 8 * 3600 and values["engine"] == "config.sessions"
    assert values["upload"] == 11 * 1024 * 1024
    assert values["failures"] == 5 and values["cooloff"] == "0:30:00"
    assert values["proxies"] == 0


def test_the_environment_sets_them():
    values = _values(
        **production(
            DJANGO_SECURE_PROXY_SSL_HEADER="1",
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_SECURE_HSTS_SECONDS="3600",
            DJANGO_SESSION_IDLE_SECONDS="1800",
            WORKBENCH_MAX_UPLOAD_BYTES=str(20 * 1024 * 1024),
            WORKBENCH_LOGIN_FAILURE_LIMIT="10",
            WORKBENCH_LOGIN_COOLOFF_MINUTES="0",
            WORKBENCH_TRUSTED_PROXIES="1",
        )
    )
    assert values["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["redirect"] is False and values["hsts"] == 3600
    assert values["session"] == 1800 and values["upload"] == 20 * 1024 * 1024
    assert values["failures"] == 10 and values["cooloff"] == "None"
    assert values["proxies"] == 1


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("DJANGO_SESSION_IDLE_SECONDS", "8h", "DJANGO_SESSION_IDLE_SECONDS must be a whole number"),
        ("WORKBENCH_LOGIN_FAILURE_LIMIT", "0", "WORKBENCH_LOGIN_FAILURE_LIMIT must be at least 1"),
        ("WORKBENCH_MAX_UPLOAD_BYTES", "-1", "WORKBENCH_MAX_UPLOAD_BYTES must be at least"),
    ],
)
def test_a_bad_value_stops_start_up_with_a_message(name, value, message):
    result = _run("-c", PROBE, **production(**{name: value}))
    assert result.returncode != 0 and message in result.stderr
