"""Fixtures shared by the moderation tests."""

import pytest

from inspections import roles
from moderation.services.transitions import area_transition
from tests.factories import UserFactory
from tests.moderation.moderation_support import decide, grade, np_area, panels_for, submit


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


@pytest.fixture
def released_area(programme_2008, force_a, inspection_a, alice, hmi, panel):
    """Force A's Neighbourhood Policing, moderated (the national panel raised the grade) and
    released to the force for its factual-accuracy check."""
    area = np_area(inspection_a)
    panels_for(programme_2008, force_a, area.framework, hmi, [panel])
    submit(area, alice, hmi)
    decide(area, panel, hmi)
    decide(area, panel, hmi, outcome="change", grade_level=grade("Exceeding", area), reason="Up.")
    area_transition(area=area, user=hmi, action="release")
    area.refresh_from_db()
    return area
