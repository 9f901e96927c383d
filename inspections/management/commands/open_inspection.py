"""Open a force's inspection for a programme, with the follow-ups of its previous one."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from forces.models import Force
from inspections.exceptions import OpenRefused
from inspections.models import Programme
from inspections.services.opening import inspection_open


class Command(BaseCommand):
    help = (
        "Create a force's inspection for a programme with its areas and criteria; every area "
        "for improvement of its previous published inspection becomes a follow-up. Prints "
        'one JSON line: {"inspection": ID, "follow_ups": N, ...}.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", required=True, help="The force's slug, e.g. staffordshire.")
        # Text, so that a bad year gets our message and exit status, not argparse's.
        parser.add_argument("--programme", required=True, help="The programme's year, e.g. 2008.")
        parser.add_argument("--lead", help="Username of the inspection's lead inspector.")
        parser.add_argument("--user", help="Username the history records as having opened it.")

    def _user(self, username: str | None):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r}.", returncode=2)
        return user

    def handle(self, *args, **options):
        force = Force.objects.filter(slug=options["force"].strip()).first()
        if force is None:
            raise CommandError(f"No force has the slug {options['force']!r}.", returncode=2)
        year = options["programme"].strip()
        programme = Programme.objects.filter(year=int(year)).first() if year.isdigit() else None
        if programme is None:
            raise CommandError(f"No programme for the year {year!r}.", returncode=2)
        lead, user = self._user(options["lead"]), self._user(options["user"])
        try:
            opened = inspection_open(force=force, programme=programme, user=user, lead=lead)
        except OpenRefused as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(json.dumps(opened.as_json()))
