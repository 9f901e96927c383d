"""Fixtures shared by the inspections tests."""

import pytest

from forces.models import Force
from inspections import roles
from inspections.services import inspection_create
from tests.factories import UserFactory
from tests.inspections.moderation_support import np_area, panels_for
from tests.inspections.outcome_support import like_staffordshire


@pytest.fixture
def staffordshire(programme_2008, hmi):
    force = Force.objects.get(name="Staffordshire")
    like_staffordshire(force)
    inspector = UserFactory(username="staffs-inspector")
    return inspection_create(
        force=force, programme=programme_2008, lead=hmi, inspectors=[inspector]
    )


@pytest.fixture
def member2(reference):
    """A second national panel member beside `panel`."""
    return UserFactory(username="member2", groups=[roles.MODERATOR])


@pytest.fixture
def sessions(programme_2008, force_a, inspection_a, hmi, panel, member2):
    """Regional and national panels for force A's Neighbourhood Policing, chaired by hmi,
    with panel and member2 as members, each with an open session."""
    area = np_area(inspection_a)
    return panels_for(programme_2008, force_a, area.framework, hmi, [panel, member2])
