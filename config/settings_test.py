"""Settings for the test suite: the environment-driven settings plus fast, safe defaults."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-suite-only-not-secret")


def _var_dir() -> str:
    """The tests' var folder; under pytest-xdist, one folder per test process (gw0, gw1, ...).

    Stored files are named by database ids, and every process has a test database of its own,
    so two processes sharing a folder would overwrite each other's files. A Celery worker the
    tests start inherits the environment, so it finds the same folder.
    """
    folder = os.environ.get("WORKBENCH_VAR_DIR") or os.path.join(
        tempfile.gettempdir(), "workbench-test-var"
    )
    process = os.environ.get("PYTEST_XDIST_WORKER")
    if process and os.path.basename(folder) != process:
        folder = os.path.join(folder, process)
    return folder


os.environ["WORKBENCH_VAR_DIR"] = _var_dir()

from config.settings import *  # noqa: E402,F403
from config.settings import DATABASES, STATIC_ROOT, VAR_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test process keeps its own cache, emptied before every test (tests/conftest.py): test
# databases of different processes reuse the same user ids, so a shared cache would mix them.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Kept pages as in production (the test server's threads share this process's cache); a
# test's transaction never commits, so the generation moves at once with every change too.
WORKBENCH_PAGE_CACHE = os.environ.get("WORKBENCH_PAGE_CACHE", "1") == "1"
# The test client and the browser tests' live server speak plain HTTP; tests of the redirect
# switch it on with override_settings or run the production settings in a subprocess. HSTS
# stays as in production: it is only ever sent on HTTPS requests.
SECURE_SSL_REDIRECT = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "private-media"

# A real Celery worker runs in a separate process, so an SQLite test database must be a file
# it can open too; in-memory databases are private to one process.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
else:
    # The test database is thrown away: commits need not wait for the disk (live-server and
    # worker tests commit often). Production keeps PostgreSQL's default.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = (options.get("options", "") + " -c synchronous_commit=off").strip()

# WhiteNoise warns when the collected-static folder is missing; tests never collect static.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
