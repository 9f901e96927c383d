from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from inspections.reference import reference_data_load
from moderation.demo import demo_load


class Command(BaseCommand):
    help = (
        "Load reference data, then two fictional forces with 2008 inspections, evidence and "
        "demo users whose password is 'demo'. Development only (DJANGO_DEBUG on)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo only runs with DJANGO_DEBUG on: it creates users whose password "
                "is 'demo'."
            )
        counts = reference_data_load()
        self.stdout.write("Reference data: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
        summary = demo_load()
        if summary["replaced_inspections"]:
            self.stdout.write(
                f"Replaced {summary['replaced_inspections']} existing demo inspections: "
                "deleted and recreated in one transaction, so reruns never duplicate them."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {', '.join(summary['forces'])} (fictional forces); "
                f"{summary['inspections']} inspections in the {summary['programme']}; "
                f"{summary['evidence_items']} evidence items; "
                f"{summary['developing_practice']} developing practice entries; "
                f"{summary['indicator_results']} indicator results."
            )
        )
        self.stdout.write(f"Users (password 'demo'): {', '.join(summary['users'])}")
