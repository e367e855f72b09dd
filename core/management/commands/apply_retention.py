"""Anonymise leavers whose retention period has expired (core/privacy/retention.py does the work)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.privacy.retention import retention_apply
from workforce.selectors import today

BAD_DATE = "--date must be a date written YYYY-MM-DD, for example 2032-09-30; got {value!r}."


class Command(BaseCommand):
    help = "Anonymise the records of leavers whose retention period under the authority's policy has expired."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List what would change; change nothing.")
        parser.add_argument("--date", help="Apply the policies as at this date (YYYY-MM-DD); default today.")
        parser.add_argument("--authority", help="Only this authority (its code); default every authority.")

    def handle(self, *args: Any, **options: Any) -> None:
        on = today()
        if options["date"] is not None:
            try:
                on = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(BAD_DATE.format(value=options["date"])) from error
        try:
            result = retention_apply(on=on, authority_code=options["authority"], dry_run=options["dry_run"])
        except LookupError as error:
            raise CommandError(str(error)) from error
        for line in result.lines:
            self.stdout.write(line)
        self.stdout.write(result.summary)
