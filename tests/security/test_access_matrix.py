"""Every cell of the access matrix (`inspections.access_matrix`) driven through the pages:
for each status of an area and each action, every role tries it; the allowed take effect and
the refused change nothing and answer without a server error."""

import pytest
from django.db import transaction

from inspections.access_matrix import MATRIX, Action, Role, allowed
from tests.security.matrix_support import ORDER, drive, world_build

pytestmark = pytest.mark.django_db


def _try(client, world, action, role):
    """One attempt in a savepoint that is rolled back, so every role meets the same world."""
    savepoint = transaction.savepoint()
    try:
        client.logout()
        user = world.users[role]
        if user is not None:
            client.force_login(user)
        return drive(action, client, world)
    finally:
        transaction.savepoint_rollback(savepoint)


def _cell_problem(action, status, role, response, took_effect) -> str | None:
    expected = allowed(action, status, role)
    if response.status_code >= 500:
        return f"{action} / {status} / {role}: server error {response.status_code}"
    if took_effect != expected:
        verb = "was refused" if expected else "took effect"
        return f"{action} / {status} / {role}: {verb} (status {response.status_code})"
    if role == Role.ANONYMOUS and not (
        response.status_code == 302 and "/login/" in response["Location"]
    ):
        return f"{action} / {status} / anonymous: answered {response.status_code}, not sign-in"
    return None


@pytest.mark.parametrize("status", ORDER)
def test_every_cell_of_the_access_matrix(client, status, force_a, force_b, programme_2008):
    world = world_build(
        status=status, force_a=force_a, force_b=force_b, programme_2008=programme_2008
    )
    assert world.area.status == status
    problems, tried = [], 0
    for action, by_status in MATRIX.items():
        if status not in by_status:
            continue
        for role in Role:
            response, took_effect = _try(client, world, action, role)
            tried += 1
            problem = _cell_problem(action, status, role, response, took_effect)
            if problem:
                problems.append(problem)
    assert tried == sum(len(Role) for by_status in MATRIX.values() if status in by_status)
    assert not problems, "\n".join(problems)


def test_the_matrix_names_every_role_allowed_in_some_cell_and_covers_every_action():
    assert set(MATRIX) == set(Action)
    used = {role for by_status in MATRIX.values() for roles in by_status.values() for role in roles}
    # Nobody outside these roles may ever act; the others appear in at least one cell.
    assert used == set(Role) - {Role.ANONYMOUS, Role.OTHER_INSPECTOR, Role.OTHER_LIAISON}
