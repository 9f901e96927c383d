from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError

from inspections.demo.recommendations import recommendation_demo_load
from inspections.reference import reference_data_load
from moderation.demo import demo_load
from moderation.demo.national import national_demo_load


class Command(BaseCommand):
    help = (
        "Load reference data, then two fictional forces with 2008 inspections, evidence and "
        "demo users whose password is 'demo'; with --national, every territorial force's 2008 "
        "inspection taken through the workflow instead. Development only (DJANGO_DEBUG on)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--national",
            action="store_true",
            help=(
                "Load the national demo: all 43 territorial forces with 2008 inspections, "
                "evidence, grades, survey results, panels and every workflow stage."
            ),
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo only runs with DJANGO_DEBUG on: it creates users whose password "
                "is 'demo'."
            )
        if options["national"]:
            self._national()
            return
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
        self._recommendations()

    def _recommendations(self) -> None:
        admin = get_user_model().objects.get(username="admin")
        loaded = recommendation_demo_load(admin=admin)
        if loaded["skipped"]:
            self.stdout.write("The 2007 programme has recommendations of its own: left alone.")
            return
        self.stdout.write(
            f"2007 recommendations: {loaded['recommendations']}, with {loaded['responses']} "
            "responses (users kent-liaison and home-office, password 'demo')."
        )

    def _national(self) -> None:
        try:
            summary = national_demo_load()
        except ProtectedError as error:
            raise CommandError(
                "The national demo was not reloaded, and nothing changed: its inspections "
                "have records that must be kept (such as corrections made after "
                f"publication): {', '.join(sorted({str(o) for o in error.protected_objects})[:3])}."
            ) from error
        if summary["replaced_inspections"]:
            self.stdout.write(
                f"Replaced {summary['replaced_inspections']} national demo inspections: "
                "deleted and recreated in one transaction, so reruns never duplicate them."
            )
        stages = ", ".join(f"{n} {status}" for status, n in summary["stages"].items())
        self.stdout.write(
            self.style.SUCCESS(
                f"National demo loaded in {summary['seconds']} s: {summary['forces']} territorial "
                f"forces with a 2008 inspection ({summary['inspections']} written by the demo); "
                f"{summary['evidence_items']} evidence items; "
                f"{summary['indicator_results']} indicator results; {summary['panels']} panels "
                f"with {summary['sessions']} sessions, {summary['agenda_items']} agenda items "
                f"and {summary['decisions']} decisions. Areas by stage: {stages}."
            )
        )
        self.stdout.write(f"Users (password 'demo'): {', '.join(summary['users'])}")
