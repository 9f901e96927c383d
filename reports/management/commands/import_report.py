"""python manage.py import_report PATH [PATH ...] [--programme YEAR] [--dry-run] [--replace]
[--user NAME] [--json]

One file prints one JSON object. Several files or a folder import one by one, each in its own
transaction, and print a table of what each became (or one JSON line per file with --json);
the exit status is 2 when any of them was refused.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reports.importer.batch import outcome_table, report_files, reports_import
from reports.importer.errors import ImportRefused
from reports.importer.service import report_import


class Command(BaseCommand):
    help = (
        "Import a published inspection report (a force report or the national report). "
        "Prints one JSON object: the new inspection's id (or the programme's) and warnings. "
        "Several files or a folder: each imports on its own, and a table says what each became."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="+", help="Report files (text or PDF) or folders.")
        parser.add_argument("--programme", type=int, help="Programme year, if not the cover's.")
        parser.add_argument("--dry-run", action="store_true", help="Read and report; save nothing.")
        parser.add_argument(
            "--replace", action="store_true", help="Replace an earlier import of the same report."
        )
        parser.add_argument("--user", help="Username the import is attributed to.")
        parser.add_argument(
            "--json", action="store_true", help="Several files: one JSON line per file."
        )

    def handle(self, *args, **options):
        paths = [Path(name) for name in options["path"]]
        missing = [str(path) for path in paths if not path.exists()]
        if missing or (len(paths) == 1 and not paths[0].is_file() and not paths[0].is_dir()):
            raise CommandError(f"No such file: {', '.join(missing) or paths[0]}", returncode=2)
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user named '{options['user']}'.", returncode=2)
        if len(paths) == 1 and paths[0].is_file():
            self._one(paths[0], user, options)
        else:
            self._many(report_files(paths), user, options)

    def _many(self, files: list[Path], user, options) -> None:
        if not files:
            raise CommandError("The folder holds no files.", returncode=2)
        outcomes = reports_import(
            files=((path.name, path.read_bytes()) for path in files),
            user=user,
            programme_year=options["programme"],
            dry_run=options["dry_run"],
            replace=options["replace"],
        )
        if options["json"]:
            for outcome in outcomes:
                self.stdout.write(json.dumps(outcome.as_dict(), ensure_ascii=False))
        else:
            self.stdout.write(outcome_table(outcomes))
        failed = sum(1 for outcome in outcomes if not outcome.ok)
        if failed:
            raise CommandError(f"{failed} of {len(outcomes)} reports were refused.", returncode=2)

    def _one(self, path: Path, user, options) -> None:
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
