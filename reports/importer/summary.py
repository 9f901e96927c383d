"""The structured summary of what an import read, printed by a dry run and kept with it."""

from reports.importer.structures import ForceReport, ThematicReport


def _criterion(record) -> dict:
    printed = record.printed_heading
    return {
        "heading": record.heading,
        **({"printed_heading": printed} if printed and printed != record.heading else {}),
        "heading_inferred": record.heading_inferred,
        "line": record.line,
        "summary_statements": len(record.summary_statements),
        **{kind: len(items) for kind, items in record.lists.items()},
    }


def force_summary(report: ForceReport, programme) -> dict:
    return {
        "kind": "force",
        "force": report.force_name,
        "programme": programme.year,
        "published": f"{report.year:04d}-{report.month:02d}",
        "grading_scheme": report.scheme,
        "reference": report.reference,
        "areas": [
            {
                "name": area.name,
                "line": area.line,
                "grade": area.grade,
                "criteria": [_criterion(c) for c in area.criteria],
                "indicators": [
                    {
                        "code": i.code,
                        "value": i.value,
                        "published_vs_msf": i.published_vs_msf,
                        "published_vs_previous": i.published_vs_previous,
                    }
                    for i in area.indicators
                ],
                "developing_practice": len(area.practice),
                "national_distribution": area.distribution,
            }
            for area in report.areas
        ],
        "overview_sections": sorted(report.overview),
        "overview_tables": len(report.tables),
        "glossary": len(report.glossary),
        "coverage": report.coverage,
    }


def thematic_summary(report: ThematicReport, programme, counts: dict) -> dict:
    return {
        "kind": "thematic",
        "programme": programme.year,
        "published": f"{report.year:04d}-{report.month:02d}",
        "recommendations": len(report.recommendations),
        "forces_graded": len(report.grades),
        "glossary": len(report.glossary),
        **counts,
        "coverage": report.coverage,
    }
