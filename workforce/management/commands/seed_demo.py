"""Loads the demonstration data and prints the demo logins (spec section 5)."""

from __future__ import annotations

import os
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from workforce.services.demo import DEFAULT_PASSWORD, DemoResult, seed_demo

REFUSED = "seed_demo creates logins with a known password, so it runs only with DEBUG on; add --force to run it anyway."


def format_logins(result: DemoResult, password: str) -> str:
    """The logins as an aligned table, then the password."""
    rows = [("E-mail", "Role", "Sees")] + [(login.email, login.role, login.sees) for login in result.logins]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    lines = [f"{email.ljust(widths[0])}  {role.ljust(widths[1])}  {sees}" for email, role, sees in rows]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join([*lines, "", f"Password for every login: {password}"])


class Command(BaseCommand):
    help = "Loads the demonstration authorities, workforce history and one login per role (once), and prints them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", help="The demo logins' password (default: $DEMO_PASSWORD or demo-password).")
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(REFUSED)
        password = options["password"] or os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        started = time.monotonic()
        result = seed_demo(password=password)
        seconds = time.monotonic() - started
        demo, other = result.workforce.authority, result.workforce.other_authority
        if result.workforce.created:
            summary = (
                f"Created the demo data of {demo.name} ({demo.workers.count()} workers) "
                f"and {other.name} ({other.workers.count()} workers) in {seconds:.1f} s."
            )
        else:
            summary = f"The demo data were already loaded; checked the {len(result.logins)} logins in {seconds:.1f} s."
        self.stdout.write(summary)
        for line in result.steps:
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(format_logins(result, password))
