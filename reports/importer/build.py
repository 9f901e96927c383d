"""Building a parser's `Catalogue` from the reference data of one programme."""

from forces.models import Force, Region
from grading.models import Criterion
from grading.reference.schemes import STANDARDS
from inspections.models import Programme
from reports.importer.catalogue import AreaEntry, Catalogue, CriterionEntry, force_key


def catalogue_for(programme: Programme) -> Catalogue:
    frameworks = [pf.framework for pf in programme.areas.select_related("framework")]
    criteria = Criterion.objects.filter(framework__in=frameworks).in_tree_order()
    by_framework: dict[int, list] = {f.pk: [] for f in frameworks}
    for criterion in criteria.prefetch_related("children"):
        by_framework[criterion.framework_id].append(criterion)
    areas = [_area(framework, by_framework[framework.pk]) for framework in frameworks]
    grades = [(g.label, g.short_label) for g in programme.scheme.levels.order_by("rank")]
    return Catalogue(
        programme_year=programme.year,
        scheme="standards" if programme.scheme.code == STANDARDS else "four-point",
        grades=grades,
        areas=areas,
        forces=_force_aliases(),
        indicator_codes=sorted({code for area in areas for code in area.indicators}),
        regions=list(Region.objects.values_list("name", flat=True)),
    )


def _area(framework, criteria) -> AreaEntry:
    entries, leaf_order = [], 0
    for criterion in criteria:
        is_leaf = not criterion.children.all()
        leaf_order += is_leaf
        entries.append(
            CriterionEntry(
                order=leaf_order if is_leaf else 0,
                heading=criterion.heading,
                is_leaf=is_leaf,
                is_implicit=criterion.is_implicit,
                template=criterion.statement_template,
            )
        )
    return AreaEntry(
        code=framework.code,
        version=framework.version,
        name=framework.name,
        group=framework.group,
        is_graded=framework.is_graded,
        criteria=entries,
        indicators=[indicator.code for indicator in framework.indicators.all()],
    )


def _force_aliases() -> dict[str, str]:
    aliases = {}
    for force in Force.objects.all():
        for name in (force.name, force.formal_name, force.short_name):
            if name:
                aliases.setdefault(force_key(name), force.name)
    return aliases
