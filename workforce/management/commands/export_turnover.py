"""Writes the turnover workbook (spec sections 5 and 6) for the authority or one team."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from workforce.models import Team
from workforce.services.authorities import authority_for_command
from workforce.turnover import TurnoverScope, write_turnover_workbook

BAD_DATE = "--as-at must be a date written YYYY-MM-DD, not {value!r}."
UNKNOWN_TEAM = "{authority} has no team with the code {code!r}."
NO_FOLDER = "Cannot write {path}: there is no folder {folder}."
CANNOT_WRITE = "Cannot write {path}: {reason}."


def parse_date(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value.strip(), "%Y-%m-%d").date()  # noqa: DTZ007 (a date, no time zone)
    except ValueError:
        raise CommandError(BAD_DATE.format(value=value)) from None


def write_atomically(path: Path, write: Any) -> Any:
    """Write to a temporary file beside ``path`` and move it into place, so a failure leaves no half-written file."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CommandError(NO_FOLDER.format(path=path, folder=folder))
    if path.is_dir():
        raise CommandError(CANNOT_WRITE.format(path=path, reason="it is a folder"))
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".export-", suffix=".xlsx")
    except OSError as exc:
        raise CommandError(CANNOT_WRITE.format(path=path, reason=exc.strerror or exc)) from None
    try:
        with os.fdopen(handle, "wb") as file:
            result = write(file)
        os.replace(temporary, path)
    except OSError as exc:
        raise CommandError(CANNOT_WRITE.format(path=path, reason=exc.strerror or exc)) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return result


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


class Command(BaseCommand):
    help = "Writes the turnover workbook (XLSX) at an as-at date for the authority or one team."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-at", required=True, metavar="YYYY-MM-DD", help="The as-at date D.")
        parser.add_argument("path", metavar="PATH", help="The XLSX file to write.")
        parser.add_argument("--team", metavar="CODE", help="Only this team.")
        parser.add_argument("--authority", metavar="CODE", help="The authority (needed when there are several).")

    def handle(self, *args: Any, **options: Any) -> None:
        as_at = parse_date(options["as_at"])
        authority = authority_for_command(options["authority"], create=False)
        team = None
        if options["team"]:
            code = options["team"].strip()
            teams = Team.objects.filter(authority=authority)
            team = teams.filter(code=code).first() or teams.filter(code__iexact=code).first()
            if team is None:
                raise CommandError(UNKNOWN_TEAM.format(authority=authority.code, code=code))
        scope = TurnoverScope(authority=authority, team=team)
        path = Path(options["path"])
        counts = write_atomically(path, lambda file: write_turnover_workbook(scope=scope, as_at=as_at, target=file))
        where = f"{authority.code} team {team.code}" if team else authority.code
        self.stdout.write(
            f"Wrote the turnover workbook of {where} as at {as_at.isoformat()} to {path}: "
            f"{_count(counts['Leavers'], 'leaver')}, {_count(counts['Starters'], 'starter')}, "
            f"{_count(counts['Agency'], 'agency worker')} in post, {_count(counts['Monthly trend'], 'month')} of trend."
        )
