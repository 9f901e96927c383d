"""The force overview and context, and the force performance overview, as plain data.

Same sections and demographics table as the product's overview page
(inspections/overview_sections.py); tables kept from an imported report are printed under the
section they came from.
"""

from inspections.overview_sections import CONTEXT_SECTIONS, PERFORMANCE_SECTIONS
from inspections.plain_text import text_blocks
from reports.rendering.force_data import ForceReportRows

DEMOGRAPHICS = "demographics"


def _figures(place, *, sub: bool) -> dict:
    return {
        "name": place.name,
        "population": place.population,
        "households": place.households,
        "sub": sub,
    }


def _demographics(units) -> dict | None:
    """Command units with their partnership areas; totals summed from the units so the table
    always adds up (as on the overview page)."""
    if not units:
        return None
    rows = []
    for unit in units:
        rows.append(_figures(unit, sub=False))
        rows += [_figures(area, sub=True) for area in unit.partnership_areas.all()]
    return {
        "rows": rows,
        "population": sum(unit.population or 0 for unit in units),
        "households": sum(unit.households or 0 for unit in units),
        "sources": list(dict.fromkeys(u.figures_source for u in units if u.figures_source)),
    }


def _has_population_table(tables) -> bool:
    # An imported report brings its own population table; printing the units' table as well
    # would show the same figures twice.
    return any("households" in " ".join(table.header).casefold() for table in tables)


def _sections(inspection, fields, tables_by_section) -> list[dict]:
    sections = []
    for name, heading, _empty in fields:
        text = getattr(inspection, name)
        sections.append(
            {
                "id": f"overview-{name.replace('_', '-')}",
                "name": name,
                "heading": heading,
                "blocks": text_blocks(text),
                "tables": tables_by_section.pop(heading.casefold(), []) if heading else [],
            }
        )
    return sections


def _printed(section: dict) -> bool:
    return bool(section["blocks"] or section["tables"])


def overview_data(rows: ForceReportRows) -> dict:
    """Context sections (with their tables), demographics and performance sections."""
    inspection = rows.inspection
    tables_by_section: dict[str, list[dict]] = {}
    for table in rows.tables:
        entry = {"section": table.section, "header": list(table.header), "rows": list(table.rows)}
        tables_by_section.setdefault(table.section.strip().casefold(), []).append(entry)
    context = _sections(inspection, CONTEXT_SECTIONS, tables_by_section)
    performance = _sections(inspection, PERFORMANCE_SECTIONS, tables_by_section)
    # Tables whose section matches no heading go with the demographics, where the
    # published reports print theirs.
    leftover = [table for tables in tables_by_section.values() for table in tables]
    for section in context:
        if section["name"] == DEMOGRAPHICS:
            section["tables"] += leftover
    demographics = None if _has_population_table(rows.tables) else _demographics(rows.units)
    # Sections with nothing to print are left out, headings and all, as a report would.
    context = [s for s in context if _printed(s) or (s["name"] == DEMOGRAPHICS and demographics)]
    performance = [section for section in performance if _printed(section)]
    words = [getattr(inspection, name) for name, _h, _e in CONTEXT_SECTIONS + PERFORMANCE_SECTIONS]
    words += [" ".join(map(str, cell_row)) for table in rows.tables for cell_row in table.rows]
    return {
        "context": context,
        "performance": performance,
        "demographics": demographics,
        "words": "\n".join(words),
    }
