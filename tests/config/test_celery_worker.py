"""A real Celery worker, in its own process, consumes from the configured broker.

In CI the broker is Redis (the test fails if it is not reachable); on a laptop it is the
filesystem transport, which needs no server, so the test runs there too.
"""

import os

import pytest
from django.db import connection

from config.celery import ping
from tests.factories import UserFactory
from tests.worker_support import new_queue, require_broker, running_worker


@pytest.fixture
def worker_queue(transactional_db):
    require_broker()
    queue = new_queue()
    with running_worker(queue):
        yield queue


@pytest.mark.services
def test_a_real_worker_runs_a_task_against_the_same_database(worker_queue):
    UserFactory(username="someone")
    UserFactory(username="someone-else")
    result = ping.apply_async(queue=worker_queue)
    answer = result.get(timeout=90)
    assert answer["pid"] != os.getpid()
    assert answer["database"] == connection.vendor
    assert answer["users"] == 2
