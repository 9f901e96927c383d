"""The Celery application. Workers start with `celery -A config worker`."""

import os
import socket
from pathlib import Path

from celery import Celery, signals
from kombu.exceptions import OperationalError as QueueOperationalError
from redis.exceptions import RedisError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# The queue clients' errors when the broker cannot be reached (kombu wraps most of them). A web
# request that enqueues after commit catches these, so a broker that is down never breaks it.
QUEUE_ERRORS = (QueueOperationalError, RedisError, OSError)
# How hard a web request tries to reach the queue before giving up on a message.
SEND_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}

app = Celery("workbench")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _create_filesystem_broker_folders(sender, **kwargs):
    # kombu's filesystem transport expects its folders to exist; create them for the laptop
    # default so neither the web process nor a worker fails on a fresh checkout.
    from django.conf import settings

    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
            Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS[key]).mkdir(parents=True, exist_ok=True)
    if settings.CELERY_RESULT_BACKEND.startswith("file://"):
        Path(settings.CELERY_RESULT_BACKEND.removeprefix("file://")).mkdir(
            parents=True, exist_ok=True
        )


@app.task(name="workbench.ping")
def ping() -> dict:
    """Report which worker answered and that it reaches the database.

    Used by `manage.py check_services` and the integration tests to prove a real worker
    consumes from the configured broker with the same settings as the web process.
    """
    from django.contrib.auth import get_user_model
    from django.db import connection

    return {
        "worker": socket.gethostname(),
        "pid": os.getpid(),
        "database": connection.vendor,
        "users": get_user_model().objects.count(),
    }


@signals.task_postrun.connect
def _task_moves_generation(**kwargs):
    # A task may change records without the ORM's signals (a queryset's update()): kept pages
    # (config/page_cache.py) of the web processes must not outlive what it changed.
    from config.page_cache import data_changed

    data_changed()
