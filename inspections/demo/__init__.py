"""Demo data: two fictional forces inspected under the 2008 programme, and users to try them.

`demo_load()` does the writes; the text it writes is data in the `content*` modules.
"""

from django.db import transaction

from inspections.demo.content import FORCES, LEAD_USERNAME, LIAISON_USERNAME
from inspections.demo.content_overview import OVERVIEW
from inspections.demo.findings import (
    demo_empty_lists_mark,
    demo_findings_write,
    demo_practice_write,
)
from inspections.demo.indicators import demo_indicator_results_write
from inspections.demo.people import demo_liaison_ensure, demo_users_ensure
from inspections.demo.places import demo_force_ensure
from inspections.models import Inspection, Programme
from inspections.services import inspection_create
from inspections.services.history import (
    DEMO_SOURCE,
    inspection_history,
    inspection_history_source_set,
)

DEMO_YEAR = 2008


@transaction.atomic
def demo_load() -> dict:
    """Create the demo users, fictional forces and their 2008 inspections with full evidence,
    and the forces' survey indicator results for 2008 and 2006.

    Invariants: needs the reference data (the 2008 programme, its frameworks, the regions and
    role groups). Earlier demo inspections are deleted and recreated, with their history rows,
    so a second run leaves the same rows as the first. Every history row written names the
    demo as its source. Real forces are only read.
    """
    programme = Programme.objects.get(year=DEMO_YEAR)
    users = demo_users_ensure()
    replaced = _demo_inspections_delete()
    forces, inspections, evidence_items, practice = [], [], 0, 0
    for spec in FORCES:
        force = demo_force_ensure(spec)
        inspection = inspection_create(
            force=force,
            programme=programme,
            lead=users[LEAD_USERNAME],
            inspectors=[users[spec.inspector]],
            fieldwork_start=spec.fieldwork[0],
            fieldwork_end=spec.fieldwork[1],
            status=spec.status,
            **OVERVIEW[spec.slug],
        )
        evidence_items += demo_findings_write(
            inspection=inspection,
            spec=spec,
            inspector=users[spec.inspector],
            lead=users[LEAD_USERNAME],
        )
        practice += demo_practice_write(inspection=inspection, spec=spec, users=users)
        forces.append(force)
        inspections.append((inspection, spec))
    for inspection, spec in inspections:
        demo_empty_lists_mark(inspection=inspection, user=users[spec.inspector])
        # Written without a user: the history names the demo as their source instead.
        inspection_history_source_set(inspection_id=inspection.pk, source=DEMO_SOURCE)
    # The liaison belongs to the first demo force; the second has none, to show the difference.
    demo_liaison_ensure(user=users[LIAISON_USERNAME], force=forces[0])
    indicator_results = demo_indicator_results_write(forces=forces)
    return {
        "forces": [force.display_name for force in forces],
        "programme": programme.name,
        "inspections": len(forces),
        "evidence_items": evidence_items,
        "developing_practice": practice,
        "indicator_results": indicator_results,
        "inspection_ids": [inspection.pk for inspection, _ in inspections],
        "users": list(users),
        "replaced_inspections": replaced,
    }


def _demo_inspections_delete() -> int:
    """Delete the demo forces' inspections, then every history row they leave behind."""
    inspections = Inspection.objects.filter(
        force__slug__in=[spec.slug for spec in FORCES], force__is_fictional=True
    )
    inspection_ids = list(inspections.values_list("pk", flat=True))
    Inspection.objects.filter(pk__in=inspection_ids).delete()
    # Read from the history tables, so the rows of records just deleted are found too.
    for inspection_id in inspection_ids:
        for rows in inspection_history(inspection_id):
            rows.delete()
    return len(inspection_ids)
