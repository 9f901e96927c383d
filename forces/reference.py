"""Reference data for the forces app: the 43 forces of England and Wales in their regions."""

import csv
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from forces.models import Force, Region

FORCES_CSV = Path(__file__).resolve().parent / "data" / "forces.csv"


def read_forces_csv(path: Path = FORCES_CSV) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def forces_reference_load(*, path: Path = FORCES_CSV) -> dict[str, int]:
    """Create or update regions and forces from the CSV; returns how many of each now exist.

    Idempotent: forces are matched by name, and figures an administrator has entered
    (population, households, area) are left alone.
    """
    rows = read_forces_csv(path)
    regions: dict[str, Region] = {}
    for order, name in enumerate(sorted({row["region"].strip() for row in rows}), start=1):
        regions[name], _ = Region.objects.update_or_create(name=name, defaults={"order": order})
    for row in rows:
        Force.objects.update_or_create(
            name=row["force"].strip(),
            defaults={
                "formal_name": row["formal_name"].strip(),
                "short_name": row["short_name"].strip(),
                "slug": slugify(row["force"]),
                "region": regions[row["region"].strip()],
                "is_fictional": False,
            },
        )
    return {"regions": Region.objects.count(), "forces": Force.objects.territorial().count()}
