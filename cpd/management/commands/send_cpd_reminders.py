"""E-mail the CPD reminders due today (run it daily from cron; see docs/cpd.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cpd.services.reminders import cpd_reminders_send, summary_line
from workforce import selectors as workforce_selectors
from workforce.models import Authority


class Command(BaseCommand):
    help = "E-mail social workers not yet meeting the CPD renewal requirement, and their team managers, at each point."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Run as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--dry-run", action="store_true", help="List who would get what; send and save nothing.")
        parser.add_argument("--authority", metavar="CODE", help="Only this authority (its code).")

    def handle(self, *args: Any, **options: Any) -> None:
        on = workforce_selectors.today()
        if options["date"]:
            try:
                on = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date must be a date as YYYY-MM-DD, not {options['date']!r}.") from exc
        authorities = None
        if options["authority"]:
            authorities = list(Authority.objects.filter(code=options["authority"]))
            if not authorities:
                raise CommandError(f"There is no authority with the code {options['authority']!r}.")
        run = cpd_reminders_send(on=on, authorities=authorities, dry_run=options["dry_run"])
        if run.dry_run:
            for plan in run.authorities:
                for person in plan.workers:
                    self.stdout.write(
                        f"{plan.authority.code}: reminder ({plan.point}-day point) to {person.name} <{person.email}>"
                        f": {' '.join(person.missing)}"
                    )
                for person in plan.without_email:
                    self.stdout.write(f"{plan.authority.code}: no e-mail address for {person.name}, not reminded")
                for summary in plan.managers:
                    self.stdout.write(
                        f"{plan.authority.code}: summary ({plan.point}-day point) to {summary.user.email}: "
                        f"{len(summary.people)} at risk"
                    )
        self.stdout.write(summary_line(run))
