import json
import sys

from django.core.management.base import BaseCommand, CommandError

from grading.batch import BatchError, assess


class Command(BaseCommand):
    help = (
        "Assess survey indicators from a JSON file (or - for standard input) and print the "
        "calls, headlines, sentences and grade guidance as JSON. Uses no database."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="JSON file, or - for stdin")

    def handle(self, *args, input, **options):
        try:
            if input == "-":
                document = json.load(sys.stdin)
            else:
                with open(input, encoding="utf-8") as handle:
                    document = json.load(handle)
        except OSError as exc:
            raise CommandError(f"input: cannot read {input}: {exc.strerror}", returncode=2) from exc
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"input: not valid JSON (line {exc.lineno}, column {exc.colno})", returncode=2
            ) from exc
        try:
            result = assess(document)
        except BatchError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(json.dumps(result, indent=2))
