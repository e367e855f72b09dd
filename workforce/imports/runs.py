"""Running an import: check the whole file, then write it in one transaction, one import per authority at a time.

``check_file`` reads and checks a file and plans what it would change, writing nothing (the preview, and
``--dry-run``). ``import_file`` does the same inside the transaction that writes, so that the checks and the
write see the same stored records, and writes only when there is no error.

One import per authority at a time, by two guards:
- an ImportRun "claim": before it starts, an import records a run with no ``finished_at``; a second import of
  the same authority that finds such a run (younger than STALE_AFTER, so that a killed process does not block
  imports for ever) is refused. This works on every database.
- on PostgreSQL, the Authority row is also locked (``SELECT ... FOR NO KEY UPDATE NOWAIT``) both while claiming
  and for the whole writing transaction, so that two claims cannot both succeed.
ImportRun has no "running" status: a run in progress is saved as FAILED with no ``finished_at``, so that a
process that dies part-way leaves a truthful record; finishing sets the real status and ``finished_at``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from workforce.imports.reading import FileRefused, open_table
from workforce.imports.report import Report
from workforce.imports.schemas import ROW_NOUNS
from workforce.imports.validation import CHECKERS, FILE_HEADER_ONLY, Checker, Restriction, check_header
from workforce.imports.writing import Plan, plan_for, write
from workforce.models import Authority, ImportRun

if TYPE_CHECKING:
    from core.models import User

IMPORT_RUNNING = "An import is already running for this authority. Try again when it has finished."
STALE_AFTER = dt.timedelta(minutes=30)
IN_PROGRESS = ImportRun.Status.RUNNING


class ImportBusy(Exception):  # noqa: N818 (an answer for the user, not a programming error)
    """Another import of the same authority is running."""

    def __init__(self) -> None:
        super().__init__(IMPORT_RUNNING)


@dataclass
class Outcome:
    """What happened to a file: its problems, and what it would change (or changed)."""

    kind: str
    filename: str
    rows: int
    report: Report
    plan: Plan | None
    written: bool = False
    run: ImportRun | None = None

    @property
    def refused(self) -> bool:
        return self.report.has_errors

    def summary(self) -> dict[str, Any]:
        """JSON-ready, for the result page."""
        return {
            "kind": self.kind,
            "filename": self.filename,
            "rows": self.rows,
            "written": self.written,
            "report": self.report.summary(),
            "plan": self.plan.summary() if self.plan is not None else None,
        }


def check_file(
    *, kind: str, path: Path | str, filename: str, authority: Authority, restriction: Restriction | None = None
) -> tuple[Checker, Outcome]:
    """Read and check the whole file, and plan what it would change. Writes nothing."""
    report = Report(kind)
    checker = CHECKERS[kind](authority=authority, report=report, restriction=restriction)
    outcome = Outcome(kind=kind, filename=filename, rows=0, report=report, plan=None)
    columns = None
    unreadable = False
    try:
        with open_table(path, max_bytes=settings.IMPORT_MAX_BYTES, max_rows=settings.IMPORT_MAX_ROWS) as table:
            columns = check_header(kind, table.header, report)
            if columns is not None:
                checker.use_columns(columns)
                for number, cells in table.rows:
                    checker.add_row(number, cells)
    except FileRefused as exc:
        report.error(exc.message, row=exc.row, value=exc.value)
        unreadable = True
    outcome.rows = checker.count
    if unreadable or columns is None:
        return checker, outcome
    if checker.count == 0:
        report.error(FILE_HEADER_ONLY)
        return checker, outcome
    checker.finish()
    if not report.has_errors:
        outcome.plan = plan_for(checker)
    return checker, outcome


def import_file(
    *,
    kind: str,
    path: Path | str,
    filename: str,
    authority: Authority,
    user: User | None = None,
    restriction: Restriction | None = None,
    run: ImportRun | None = None,
) -> Outcome:
    """Check the file and, when it has no error, write it in one transaction. Raises ImportBusy.

    ``run`` is the previewed run of a browser upload; without it a new run is recorded.
    """
    previewed = run is not None and run.status == ImportRun.Status.PREVIEWED
    run = _claim(authority=authority, kind=kind, filename=filename, user=user, run=run)
    try:
        with transaction.atomic():
            _lock_authority(authority)
            checker, outcome = check_file(
                kind=kind, path=path, filename=filename, authority=authority, restriction=restriction
            )
            if outcome.plan is not None:
                write(checker, outcome.plan, user)
                outcome.written = True
    except ImportBusy:
        if previewed:  # it can still be confirmed once the other import has finished
            run.status = ImportRun.Status.PREVIEWED
            run.save()
        else:
            _finish(run, ImportRun.Status.REFUSED, None)
        raise
    except BaseException:
        _finish(run, ImportRun.Status.FAILED, None)
        raise
    _finish(run, ImportRun.Status.IMPORTED if outcome.written else ImportRun.Status.REFUSED, outcome)
    outcome.run = run
    return outcome


def record_preview(run: ImportRun, outcome: Outcome) -> None:
    """Record a checked (not written) browser upload: previewed, awaiting confirmation, or refused."""
    if outcome.refused:
        _finish(run, ImportRun.Status.REFUSED, outcome)
    else:
        _count(run, outcome)
        run.status = ImportRun.Status.PREVIEWED
        run.finished_at = None
        run.save()
    outcome.run = run


def record_failure(run: ImportRun) -> None:
    _finish(run, ImportRun.Status.FAILED, None)


def _count(run: ImportRun, outcome: Outcome | None) -> None:
    if outcome is None:
        return
    run.rows = outcome.rows
    run.error_count = outcome.report.error_count
    run.warning_count = outcome.report.warning_count
    plan = outcome.plan
    run.created_count = plan.created if plan else 0
    run.updated_count = plan.updated if plan else 0
    run.unchanged_count = plan.unchanged if plan else 0


def _finish(run: ImportRun, status: str, outcome: Outcome | None) -> None:
    _count(run, outcome)
    run.status = status
    run.finished_at = timezone.now()
    run.save()


def _is_lock_error(exc: OperationalError) -> bool:
    return "lock" in str(exc).lower()


def _lock_authority(authority: Authority) -> None:
    """On PostgreSQL, lock the authority's row for the rest of the transaction, or raise ImportBusy at once.

    FOR NO KEY UPDATE does not block other sessions from adding rows that refer to the authority.
    """
    if not connection.features.has_select_for_update_nowait:
        return
    locked = Authority.objects.select_for_update(
        nowait=True, no_key=connection.features.has_select_for_no_key_update
    ).filter(pk=authority.pk)
    try:
        list(locked.values_list("pk", flat=True))
    except OperationalError as exc:
        if _is_lock_error(exc):
            raise ImportBusy from exc
        raise


def running_imports(authority: Authority) -> Any:
    return ImportRun.objects.filter(
        authority=authority,
        status=IN_PROGRESS,
        finished_at__isnull=True,
        updated_at__gte=timezone.now() - STALE_AFTER,
    )


def _claim(*, authority: Authority, kind: str, filename: str, user: User | None, run: ImportRun | None) -> ImportRun:
    """Record that an import of the authority has started, or raise ImportBusy if one is running."""
    try:
        with transaction.atomic():
            _lock_authority(authority)
            running = running_imports(authority)
            if run is not None:
                running = running.exclude(pk=run.pk)
            if running.exists():
                raise ImportBusy
            # Runs left unfinished by a process that died long ago no longer hold the authority.
            ImportRun.objects.filter(authority=authority, status=IN_PROGRESS, finished_at__isnull=True).exclude(
                pk=getattr(run, "pk", None)
            ).update(finished_at=timezone.now(), status=ImportRun.Status.FAILED)
            if run is None:
                run = ImportRun(
                    authority=authority, kind=kind, filename=filename[:255], user=user, created_by=user, updated_by=user
                )
            run.status = IN_PROGRESS
            run.finished_at = None
            run.save()
    except OperationalError as exc:
        if _is_lock_error(exc):
            raise ImportBusy from exc
        raise
    return run


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def summary_line(outcome: Outcome, authority: Authority, *, dry_run: bool = False) -> str:
    """The one line a command prints: what was (or would be) imported, or why the file was refused."""
    report = outcome.report
    problems = f"{_plural(report.error_count, 'error')} and {_plural(report.warning_count, 'warning')}"
    if outcome.refused:
        return f"Refused {outcome.filename} ({outcome.kind}): {problems}; nothing was imported."
    plan = outcome.plan
    assert plan is not None  # noqa: S101 (a file without errors always has a plan)
    counts = f"{plan.created:,} created, {plan.updated:,} updated, {plan.unchanged:,} unchanged"
    notes = f" ({'; '.join(plan.notes)})" if plan.notes else ""
    rows = _plural(outcome.rows, ROW_NOUNS[outcome.kind])
    warnings = f"; {_plural(report.warning_count, 'warning')}" if report.warning_count else ""
    if dry_run:
        return (
            f"Dry run, nothing was written: {rows} from {outcome.filename} would be imported into {authority.code}: "
            f"{counts}{notes}{warnings}."
        )
    return f"Imported {rows} from {outcome.filename} into {authority.code}: {counts}{notes}{warnings}."
