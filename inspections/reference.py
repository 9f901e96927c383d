"""Loads every piece of reference data the product needs, in dependency order."""

import datetime

from django.db import transaction
from django.db.models import F

from forces.reference import forces_reference_load
from grading.models import Framework, GradingScheme
from grading.reference import grading_reference_load
from grading.reference.schemes import FOUR_POINT, STANDARDS
from inspections.addressees import addressee_bodies_ensure
from inspections.glossary import GLOSSARY
from inspections.models import GlossaryTerm, Programme, ProgrammeFramework
from inspections.roles import role_groups_ensure

PROGRAMMES = [
    {
        "year": 2007,
        "name": "2007 inspection programme",
        "scheme": FOUR_POINT,
        "period_start": datetime.date(2006, 4, 1),
        "period_end": datetime.date(2007, 7, 31),
        "data_period_label": "April 2006 to July 2007",
        "description": (
            "Neighbourhood Policing, Performance Management and four areas of protecting "
            "vulnerable people, graded on the four-point scale."
        ),
        "areas": [
            ("np", "2007"),
            ("performance-management", "2007"),
            ("pvp-overview", "2007"),
            ("pvp-child-abuse", "2007"),
            ("pvp-domestic-violence", "2007"),
            ("pvp-public-protection", "2007"),
            ("pvp-missing-persons", "2007"),
        ],
    },
    {
        "year": 2008,
        "name": "2008 inspection programme",
        "scheme": STANDARDS,
        "period_start": datetime.date(2007, 4, 1),
        "period_end": datetime.date(2008, 3, 31),
        "data_period_label": "year ending March 2008",
        "description": (
            "Neighbourhood Policing and Developing Citizen Focus Policing in all 43 forces, "
            "graded against the national standards."
        ),
        "areas": [("np", "2008"), ("dcfp", "2008")],
    },
]


def _programmes_load() -> int:
    for data in PROGRAMMES:
        data = dict(data)
        areas = data.pop("areas")
        scheme = GradingScheme.objects.get(code=data.pop("scheme"))
        programme, _ = Programme.objects.update_or_create(
            year=data.pop("year"), defaults={**data, "scheme": scheme}
        )
        # Park existing orders out of the way so inserting an area never collides.
        ProgrammeFramework.objects.filter(programme=programme).update(order=F("order") + 1000)
        for order, (code, version) in enumerate(areas, start=1):
            framework = Framework.objects.get(code=code, version=version)
            ProgrammeFramework.objects.update_or_create(
                programme=programme, framework=framework, defaults={"order": order}
            )
    return len(PROGRAMMES)


@transaction.atomic
def reference_data_load() -> dict[str, int]:
    """Create or update forces, grading frameworks, programmes, glossary and role groups.

    Idempotent: safe to run on every deploy; rows are matched on natural keys and nothing
    an inspection refers to is deleted.
    """
    counts = forces_reference_load()
    counts.update(grading_reference_load())
    counts["programmes"] = _programmes_load()
    for meaning, abbreviation in GLOSSARY:
        GlossaryTerm.objects.update_or_create(
            abbreviation=abbreviation, defaults={"meaning": meaning}
        )
    counts["glossary terms"] = len(GLOSSARY)
    counts["addressee bodies"] = addressee_bodies_ensure()
    counts["role groups"] = len(role_groups_ensure())
    return counts
