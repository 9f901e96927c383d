"""Imports of the same report take turns, and one that lost the race says so.

Two imports of one report (two shells, or a shell and the admin) would each find no earlier
import and both insert, and the second would die on a unique constraint. So each import takes
a transaction-level advisory lock named after its target (a force in a programme, or the
programme's national report) before it looks for an earlier import, and waits for any other
holder to commit or roll back. An import that had to wait then finds the other's work: if the
latest import of its target changed while it waited, it was imported meanwhile and this one
is refused, with or without --replace, because the user asked to replace what they had seen.
"""

import hashlib

from django.db import connection

from forces.models import Force
from inspections.models import Programme
from reports.importer.errors import CONCURRENT_IMPORT, ImportRefused
from reports.models import ImportKind, ReportImport


def import_lock_key(*, programme: Programme, force: Force | None = None) -> int:
    """The advisory lock's key: a signed 64-bit number that names this target alone."""
    target = f"reports.import:{programme.pk}:{force.pk if force else 'national'}"
    digest = hashlib.blake2b(target.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _latest_import(programme: Programme, force: Force | None) -> int | None:
    imports = ReportImport.objects.filter(programme=programme)
    if force is None:
        imports = imports.filter(kind=ImportKind.THEMATIC)
    else:
        imports = imports.filter(kind=ImportKind.FORCE, force=force)
    return imports.order_by("-pk").values_list("pk", flat=True).first()


def import_turn_take(*, programme: Programme, force: Force | None = None) -> None:
    """Wait until no other import of this target is running; raise ImportRefused if one
    finished while waiting. Call inside the import's transaction: the lock lasts until it ends.

    Only PostgreSQL has advisory locks; elsewhere, and should anything slip past the lock, the
    unique constraints refuse the second import (see service.report_import).
    """
    seen = _latest_import(programme, force)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s)",
                [import_lock_key(programme=programme, force=force)],
            )
    if _latest_import(programme, force) != seen:
        raise ImportRefused(CONCURRENT_IMPORT)
