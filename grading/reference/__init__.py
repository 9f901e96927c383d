"""Reference data for grading: schemes, indicators, and the frameworks with their criteria.

Headings of criteria, names of areas and indicators are facts of the published standards;
descriptors, templates and guidance are the product's own wording.
"""

from django.db import transaction

from grading.models import (
    Criterion,
    CriterionMapping,
    Framework,
    GradeLevel,
    GradingScheme,
    Indicator,
)
from grading.reference.frameworks import FRAMEWORKS
from grading.reference.mappings import CRITERION_MAPPINGS
from grading.reference.schemes import INDICATORS, SCHEMES


def _load_criteria(framework: Framework, nodes: list[dict], parent: Criterion | None) -> int:
    count = 0
    for order, node in enumerate(nodes, start=1):
        criterion, _ = Criterion.objects.update_or_create(
            framework=framework,
            parent=parent,
            order=order,
            defaults={
                "heading": node["heading"],
                "statement_template": node.get("template", ""),
                "guidance": node.get("guidance", ""),
                "is_implicit": node.get("implicit", False),
            },
        )
        criterion.full_clean()
        criterion.indicators.set(Indicator.objects.filter(code__in=node.get("indicators", [])))
        count += 1 + _load_criteria(framework, node.get("children", []), criterion)
    return count


def _criterion_at(code: str, version: str, path: tuple[int, ...]) -> Criterion:
    criterion = None
    for order in path:
        criterion = Criterion.objects.get(
            framework__code=code, framework__version=version, parent=criterion, order=order
        )
    return criterion


def _load_mappings() -> int:
    """Create the mappings not there yet. An existing mapping is left as it is: once loaded,
    it is the administrators' to change in the admin (with history)."""
    for data in CRITERION_MAPPINGS:
        mapping, created = CriterionMapping.objects.get_or_create(
            source=_criterion_at(*data["source"]),
            defaults={"target": _criterion_at(*data["target"]), "note": data["note"]},
        )
        if created:
            mapping.full_clean()
    return len(CRITERION_MAPPINGS)


@transaction.atomic
def grading_reference_load() -> dict[str, int]:
    """Create or update schemes, grade levels, indicators, frameworks and criteria, and
    create the criterion mappings between frameworks.

    Idempotent: rows are matched on their natural keys and updated in place; nothing is
    deleted, so assessments that point at a criterion are never orphaned.
    """
    counts = {"schemes": 0, "indicators": 0, "frameworks": 0, "criteria": 0}
    for scheme_data in SCHEMES:
        scheme, _ = GradingScheme.objects.update_or_create(
            code=scheme_data["code"],
            defaults={"name": scheme_data["name"], "description": scheme_data["description"]},
        )
        for rank, level in enumerate(scheme_data["levels"], start=1):
            GradeLevel.objects.update_or_create(
                scheme=scheme,
                rank=rank,
                defaults={
                    "label": level["label"],
                    "short_label": level["short_label"],
                    "descriptor": level["descriptor"],
                },
            )
        counts["schemes"] += 1
    for order, data in enumerate(INDICATORS, start=1):
        Indicator.objects.update_or_create(code=data["code"], defaults={**data, "order": order})
        counts["indicators"] += 1
    for data in FRAMEWORKS:
        framework, _ = Framework.objects.update_or_create(
            code=data["code"],
            version=data["version"],
            defaults={
                "name": data["name"],
                "group": data.get("group", ""),
                "scheme": GradingScheme.objects.get(code=data["scheme"]),
                "introduction": data.get("introduction", ""),
                "is_graded": data.get("graded", True),
            },
        )
        framework.indicators.set(Indicator.objects.filter(code__in=data.get("indicators", [])))
        counts["frameworks"] += 1
        counts["criteria"] += _load_criteria(framework, data["criteria"], None)
    counts["criterion mappings"] = _load_mappings()
    return counts
