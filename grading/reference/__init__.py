"""Reference data for grading: schemes, indicators, and the frameworks with their criteria.

Headings of criteria, names of areas and indicators are facts of the published standards;
descriptors, templates and guidance are the product's own wording.
"""

from django.db import transaction

from grading.models import Criterion, Framework, GradeLevel, GradingScheme, Indicator
from grading.reference.frameworks import FRAMEWORKS
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


@transaction.atomic
def grading_reference_load() -> dict[str, int]:
    """Create or update schemes, grade levels, indicators, frameworks and criteria.

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
    return counts
