"""Print an inspection as JSON, in the shape of reports/schemas/inspection-export.schema.json."""

from django.core.management.base import BaseCommand, CommandError

from inspections.models import Inspection
from reports.exporting import inspection_export_json


class Command(BaseCommand):
    help = "Print one inspection as JSON (see reports/schemas/inspection-export.schema.json)."

    def add_arguments(self, parser):
        # Taken as text so that a bad id gets our message and exit status, not argparse's.
        parser.add_argument("inspection_id", help="The inspection's id, as in its page's URL.")

    def handle(self, *args, **options):
        raw = options["inspection_id"].strip()
        if not raw.isdigit():
            raise CommandError(f"Inspection id must be a whole number, not {raw!r}.", returncode=2)
        inspection = Inspection.objects.filter(pk=int(raw)).first()
        if inspection is None:
            raise CommandError(f"No inspection has id {raw}.", returncode=2)
        self.stdout.write(inspection_export_json(inspection=inspection))
