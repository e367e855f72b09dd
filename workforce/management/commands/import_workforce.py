"""Import a staff, establishment, caseloads or absences file (spec section 5): all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from workforce.imports.runs import ImportBusy, Outcome, check_file, import_file, summary_line
from workforce.imports.schemas import KINDS
from workforce.services.authorities import authority_for_command

UNKNOWN_KIND = "Unknown kind of file {kind!r}: give one of " + ", ".join(KINDS) + "."
NO_FILE = "There is no file at {path}."
NOT_A_FILE = "{path} is not a file."
IMPORT_FAILED = "The import failed, and nothing was written: {error}"


class Command(BaseCommand):
    help = (
        "Import a CSV or XLSX file of staff, establishment, caseloads or absences. A file with any error changes "
        "nothing: the problems are listed on standard error and the exit status is 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", metavar="KIND", help="staff, establishment, caseloads or absences")
        parser.add_argument("path", metavar="PATH", help="the CSV or XLSX file")
        parser.add_argument("--authority", metavar="CODE", help="the authority the file belongs to")
        parser.add_argument("--dry-run", action="store_true", help="check the file and say what it would change")

    def handle(self, *args: Any, kind: str, path: str, authority: str | None, dry_run: bool, **options: Any) -> None:
        kind = kind.strip().lower()
        if kind not in KINDS:
            raise CommandError(UNKNOWN_KIND.format(kind=kind))
        file = Path(path)
        if not file.exists():
            raise CommandError(NO_FILE.format(path=path))
        if not file.is_file():
            raise CommandError(NOT_A_FILE.format(path=path))
        try:
            if dry_run:
                outcome, chosen = self._dry_run(kind, file, authority)
            else:
                chosen = authority_for_command(authority, create=True)
                outcome = import_file(kind=kind, path=file, filename=file.name, authority=chosen)
        except CommandError:
            raise
        except ImportBusy as exc:
            raise CommandError(str(exc)) from exc
        except Exception as exc:  # noqa: BLE001 (one line for the user; --traceback shows the rest)
            raise CommandError(IMPORT_FAILED.format(error=str(exc) or type(exc).__name__)) from exc
        for line in outcome.report.lines():
            self.stderr.write(line, style_func=lambda text: text)
        line = summary_line(outcome, chosen, dry_run=dry_run)
        if outcome.refused:
            raise CommandError(line)
        self.stdout.write(line)

    def _dry_run(self, kind: str, file: Path, code: str | None) -> tuple[Outcome, Any]:
        """Check and plan inside a transaction that is rolled back: even a new authority is not kept."""
        with transaction.atomic():
            chosen = authority_for_command(code, create=True)
            _, outcome = check_file(kind=kind, path=file, filename=file.name, authority=chosen)
            transaction.set_rollback(True)
        return outcome, chosen
