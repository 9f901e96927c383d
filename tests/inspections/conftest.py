"""Fixtures shared by the inspections tests."""

import pytest

from forces.models import Force
from inspections.services import inspection_create
from tests.factories import UserFactory
from tests.inspections.outcome_support import like_staffordshire


@pytest.fixture
def staffordshire(programme_2008, hmi):
    force = Force.objects.get(name="Staffordshire")
    like_staffordshire(force)
    inspector = UserFactory(username="staffs-inspector")
    return inspection_create(
        force=force, programme=programme_2008, lead=hmi, inspectors=[inspector]
    )
