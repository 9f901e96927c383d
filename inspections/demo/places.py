"""The demo's fictional forces, their command units and most similar forces."""

from decimal import Decimal

from forces.models import CommandUnit, Force, MostSimilarGroup, PartnershipArea, Region
from inspections.demo.content import FIGURES_SOURCE, SIMILAR_FROM, SIMILAR_SOURCE, DemoForce, Unit


def demo_force_ensure(spec: DemoForce) -> Force:
    """Create or update a fictional force by slug, with exactly the command units the demo lists.

    Its most similar forces are real forces named in the content; names the reference data
    does not hold are left out rather than invented.
    """
    force, _ = Force.objects.update_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name,
            "formal_name": spec.formal_name,
            "short_name": spec.short_name,
            "region": _region(spec.region),
            "population": spec.population,
            "households": spec.households,
            "area_sq_miles": Decimal(spec.area_sq_miles),
            "is_fictional": True,
        },
    )
    units = [_command_unit_ensure(force, order, unit) for order, unit in enumerate(spec.units, 1)]
    force.command_units.exclude(pk__in=[unit.pk for unit in units]).delete()
    group, _ = MostSimilarGroup.objects.update_or_create(
        force=force, effective_from=SIMILAR_FROM, defaults={"source": SIMILAR_SOURCE}
    )
    group.members.set(Force.objects.territorial().filter(name__in=spec.similar_forces))
    return force


def _region(name: str) -> Region:
    # Fall back to any region so a renamed region does not stop the demo loading.
    region = Region.objects.filter(name=name).first() or Region.objects.first()
    if region is None:
        raise LookupError("No regions exist: load the reference data first.")
    return region


def _command_unit_ensure(force: Force, order: int, unit: Unit) -> CommandUnit:
    command_unit, _ = CommandUnit.objects.update_or_create(
        force=force,
        name=unit.name,
        defaults={
            "order": order,
            "population": unit.population,
            "households": unit.households,
            "area_sq_miles": Decimal(unit.area_sq_miles),
            "figures_source": FIGURES_SOURCE,
        },
    )
    for area_order, (name, population, households) in enumerate(unit.partnerships, 1):
        PartnershipArea.objects.update_or_create(
            command_unit=command_unit,
            name=name,
            defaults={"order": area_order, "population": population, "households": households},
        )
    names = [name for name, _, _ in unit.partnerships]
    command_unit.partnership_areas.exclude(name__in=names).delete()
    return command_unit
