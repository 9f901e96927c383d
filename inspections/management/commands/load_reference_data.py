from django.core.management.base import BaseCommand

from inspections.reference import reference_data_load


class Command(BaseCommand):
    help = (
        "Create or update the reference data: 43 forces and their regions, grading schemes, "
        "frameworks and criteria, indicators, the 2007 and 2008 programmes, glossary and roles. "
        "Safe to run repeatedly."
    )

    def handle(self, *args, **options):
        counts = reference_data_load()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded: {summary}."))
