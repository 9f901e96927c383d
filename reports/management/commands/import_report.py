"""python manage.py import_report PATH [--programme YEAR] [--dry-run] [--replace] [--user NAME]"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reports.importer.errors import ImportRefused
from reports.importer.service import report_import


class Command(BaseCommand):
    help = (
        "Import a published inspection report (a force report or the national report). "
        "Prints one JSON object: the new inspection's id (or the programme's) and warnings."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--programme", type=int, help="Programme year, if not the cover's.")
        parser.add_argument("--dry-run", action="store_true", help="Read and report; save nothing.")
        parser.add_argument(
            "--replace", action="store_true", help="Replace an earlier import of the same report."
        )
        parser.add_argument("--user", help="Username the import is attributed to.")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}", returncode=2)
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user named '{options['user']}'.", returncode=2)
        try:
            result = report_import(
                data=path.read_bytes(),
                source_name=path.name,
                user=user,
                programme_year=options["programme"],
                dry_run=options["dry_run"],
                replace=options["replace"],
            )
        except ImportRefused as refused:
            raise CommandError(refused.message, returncode=2) from None
        self.stdout.write(json.dumps(self._output(result, options["dry_run"]), ensure_ascii=False))

    @staticmethod
    def _output(result, dry_run: bool) -> dict:
        if dry_run:
            return {"dry_run": True, "summary": result.summary, "warnings": result.warnings}
        if result.kind == "thematic":
            return {"programme": result.programme_id, "warnings": result.warnings}
        return {"inspection": result.inspection_id, "warnings": result.warnings}
