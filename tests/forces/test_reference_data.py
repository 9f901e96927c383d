import csv
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction

from forces.models import Force, Region
from forces.reference import FORCES_CSV, forces_reference_load
from tests.factories import CommandUnitFactory

pytestmark = pytest.mark.django_db

SHARED_FORCES = Path(__file__).resolve().parents[3] / "shared" / "data" / "forces.csv"


def test_reference_data_holds_the_43_forces_in_their_regions(reference):
    assert Force.objects.territorial().count() == 43
    assert Region.objects.count() == 10
    staffordshire = Force.objects.get(name="Staffordshire")
    assert staffordshire.region.name == "West Midlands"
    assert staffordshire.formal_name == "Staffordshire Police"
    assert Force.objects.get(name="Metropolitan").region.name == "London"
    assert Region.objects.get(name="Wales").forces.count() == 4


@pytest.mark.skipif(not SHARED_FORCES.exists(), reason="shared reference data not beside the repo")
def test_bundled_forces_match_the_shared_reference_facts():
    with SHARED_FORCES.open() as shared, FORCES_CSV.open() as bundled:
        expected = {(row["force"], row["region"]) for row in csv.DictReader(shared)}
        actual = {(row["force"], row["region"]) for row in csv.DictReader(bundled)}
    assert actual == expected


def test_loading_forces_again_keeps_figures_an_administrator_entered(reference):
    Force.objects.filter(name="Kent").update(population=1_600_000)
    forces_reference_load()
    assert Force.objects.get(name="Kent").population == 1_600_000
    assert Force.objects.territorial().count() == 43


def test_command_unit_names_are_unique_within_a_force():
    unit = CommandUnitFactory(name="North division")
    CommandUnitFactory(name="North division")  # another force may reuse the name
    with pytest.raises(IntegrityError), transaction.atomic():
        CommandUnitFactory(force=unit.force, name="North division")
