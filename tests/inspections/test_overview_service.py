"""The force overview service: which fields it writes and how it merges conflicts."""

import pytest
from django.core.exceptions import ValidationError

from inspections.forms.overview import overview_initial
from inspections.models import Inspection
from inspections.services.overview import (
    OVERVIEW_FIELDS,
    inspection_overview_update,
    overview_merge,
)

pytestmark = pytest.mark.django_db


def test_service_writes_only_the_given_fields(alice, inspection_a):
    Inspection.objects.filter(pk=inspection_a.pk).update(developments="Kept.")
    stale = Inspection.objects.get(pk=inspection_a.pk)
    stale.developments = "Stale copy."
    changed = inspection_overview_update(inspection=stale, user=alice, geography="Hills.")
    assert changed == ["geography"]
    inspection_a.refresh_from_db()
    assert (inspection_a.geography, inspection_a.developments) == ("Hills.", "Kept.")


def test_service_refuses_fields_outside_the_overview(alice, inspection_a):
    with pytest.raises(TypeError):
        inspection_overview_update(inspection=inspection_a, user=alice, status="published")


def test_service_refuses_mark_up(alice, inspection_a):
    with pytest.raises(ValidationError):
        inspection_overview_update(inspection=inspection_a, user=alice, geography="<i>x</i>")


def test_merge_without_the_original_treats_every_difference_as_a_conflict():
    texts = dict.fromkeys(OVERVIEW_FIELDS, "")
    merge = overview_merge(
        original=None, theirs={**texts, "geography": "theirs"}, mine={**texts, "geography": "mine"}
    )
    assert merge.conflicting == ["geography"]
    assert merge.texts["geography"] == "mine"


def test_initial_carries_the_texts_and_a_fingerprint(inspection_a):
    initial = overview_initial(inspection_a)
    assert set(initial) == {*OVERVIEW_FIELDS, "fingerprint"}
    assert len(initial["fingerprint"]) == 64
