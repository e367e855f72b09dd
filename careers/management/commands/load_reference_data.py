"""Loads the careers reference data: framework versions, careers settings and default career ladders."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from careers.services.reference_data import reference_data_load


class Command(BaseCommand):
    help = (
        "Loads the shipped practice framework versions (national framework, consultation wording, PCF, PQS), and "
        "gives every authority careers settings and a default career ladder if it has none. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Put back the shipped wording of the shipped versions (authorities' adaptations are never touched).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = reference_data_load(force=options["force"])
        self.stdout.write(summary.line())
