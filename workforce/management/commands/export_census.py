"""Writes the authority's CSWW census return (spec sections 5 and 6)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from workforce.census import MAX_YEAR, MIN_YEAR, census_date, write_census_workbook
from workforce.management.commands.export_turnover import write_atomically
from workforce.services.authorities import authority_for_command

BAD_YEAR = "--year must be a year written YYYY between {low} and {high}, not {value!r}."


def parse_year(value: str) -> int:
    text = value.strip()
    if not (len(text) == 4 and text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR):
        raise CommandError(BAD_YEAR.format(low=MIN_YEAR, high=MAX_YEAR, value=value))
    return int(text)


class Command(BaseCommand):
    help = "Writes the CSWW census return (XLSX: workers, counts, checks) for the year ending 30 September YYYY."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, metavar="YYYY", help="The census year (ends 30 September).")
        parser.add_argument("path", metavar="PATH", help="The XLSX file to write.")
        parser.add_argument("--authority", metavar="CODE", help="The authority (needed when there are several).")

    def handle(self, *args: Any, **options: Any) -> None:
        year = parse_year(options["year"])
        authority = authority_for_command(options["authority"], create=False)
        path = Path(options["path"])
        report = write_atomically(path, lambda file: write_census_workbook(authority=authority, year=year, target=file))
        self.stdout.write(
            f"Wrote the {year} census return of {authority.code} (as at {census_date(year).isoformat()}) to {path}: "
            f"{report.rows} rows ({report.starters} starters, {report.leavers} leavers), "
            f"{len(report.checks)} problems to check."
        )
