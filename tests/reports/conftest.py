"""Fixtures of the reports tests."""

import pytest


@pytest.fixture
def own_var_dir(settings, tmp_path):
    # Pending uploads live under VAR_DIR: each test gets its own, so none sees another's.
    settings.VAR_DIR = tmp_path


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client
