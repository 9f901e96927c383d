"""Fixtures shared by the moderation tests."""

import pytest

from inspections import roles
from tests.factories import UserFactory
from tests.moderation.moderation_support import np_area, panels_for


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
