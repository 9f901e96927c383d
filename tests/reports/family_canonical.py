"""A parse reduced to what every mark-up variant of a report must read alike.

`canonical_force` keeps grades, judgements, criteria (by their place in the framework), the
summary statements, the three lists with their items and sub-points (an item's lead phrase
run into its text, as plain text carries it), indicator figures and printed calls,
developing practice and the glossary; `canonical_thematic` the recommendations, every
force's grades and the glossary. Text is compared with quotes, spaces and line breaks folded.
Line numbers, warnings and the printed wording of headings are left out: they differ
between variants by design.
"""

from dataclasses import asdict


def fold(text: str | None) -> str:
    """Text as a reader compares it: quotes, spaces and line breaks folded."""
    text = (text or "").translate(str.maketrans("‘’“”\u00a0", "''\"\" "))
    return " ".join(text.split())


def _item(item) -> tuple:
    text = " ".join(part for part in (item.lead, item.text) if part)
    return fold(text), tuple(_item(child) for child in item.children)


def canonical_force(report) -> dict:
    """What every variant must read alike: grades, criteria, lists with their items and
    sub-points, statements, indicators, developing practice and the glossary."""
    return {
        "force": report.force_name,
        "published": (report.year, report.month),
        "reference": report.reference,
        "areas": [
            {
                "area": area.framework_code,
                "grade": area.grade,
                "judgement": fold(area.judgement),
                "context": fold(area.contextual_factors),
                "distribution": area.distribution,
                "criteria": [
                    (
                        c.criterion_order,
                        tuple(fold(s) for s in c.summary_statements),
                        {kind: tuple(_item(i) for i in items) for kind, items in c.lists.items()},
                    )
                    for c in area.criteria
                ],
                "indicators": sorted(
                    (
                        i.code,
                        i.value,
                        i.previous_value,
                        i.msf_difference,
                        i.change,
                        i.gap,
                        i.published_vs_msf,
                        i.published_vs_previous,
                    )
                    for i in area.indicators
                ),
                "practice": [
                    tuple(fold(value) for key, value in asdict(p).items() if key != "line")
                    for p in area.practice
                ],
            }
            for area in report.areas
        ],
        "glossary": [(fold(a), fold(b)) for a, b in report.glossary],
    }


def canonical_thematic(report) -> dict:
    return {
        "published": (report.year, report.month),
        "recommendations": [
            (r.number, fold(r.text), r.addressed_to) for r in report.recommendations
        ],
        "grades": [
            (force, {k: fold(v) for k, v in grades.items()}) for force, grades, _ in report.grades
        ],
        "glossary": [(fold(a), fold(b)) for a, b in report.glossary],
    }
