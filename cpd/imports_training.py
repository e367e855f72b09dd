"""Reading a file of training completions (CSV UTF-8 or XLSX, first sheet) with exactly the columns
``worker_id``, ``course_code`` and ``completed_on`` (in any order).

Every row is checked before anything is saved: the file is refused when any row is bad, and the page lists every
bad row (row, column, value, why). The file is read through workforce.imports.reading, so it is recognised by its
content, streamed, and limited in size and rows as the other imports are.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings

from cpd.models import TrainingCourse
from cpd.services.training import CompletionRow
from workforce.imports.reading import Cell, FileRefused, cell_text, open_table
from workforce.models import Authority, Worker

COLUMNS = ("worker_id", "course_code", "completed_on")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")

HEADER_WRONG = "The header row must name exactly the columns worker_id, course_code and completed_on"
HEADER_MISSING = "The column {column} is missing"
HEADER_EXTRA = "The column {column} is not one this import reads"
HEADER_REPEATED = "The column {column} appears more than once"
NO_ROWS = "The file has no data rows below the header row"
REQUIRED = "Enter a value"
UNKNOWN_WORKER = "No staff record has this staff reference"
UNKNOWN_COURSE = "No course has this code"
BAD_DATE = "Enter a real date as YYYY-MM-DD or DD/MM/YYYY"
FUTURE_DATE = "The date is in the future"
TOO_MANY_CELLS = "The row has more cells than the header"


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str
    value: str
    message: str


@dataclass
class CheckedFile:
    rows: list[CompletionRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _date(cell: Cell) -> dt.date | None:
    if isinstance(cell, dt.date):
        return cell
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(cell, fmt).date()  # noqa: DTZ007 (a calendar date, no time zone)
        except ValueError:
            continue
    return None


def _header_problems(header: list[str]) -> list[Problem]:
    names = [name.strip().lower() for name in header]
    problems = []
    for name in names:
        if name and name not in COLUMNS:
            problems.append(Problem(1, name, name, HEADER_EXTRA.format(column=name)))
    for column in COLUMNS:
        count = names.count(column)
        if count == 0:
            problems.append(Problem(1, column, "", HEADER_MISSING.format(column=column)))
        elif count > 1:
            problems.append(Problem(1, column, column, HEADER_REPEATED.format(column=column)))
    return problems


def check_completions_file(path: str, *, authority: Authority, today: dt.date) -> CheckedFile:
    """Read and check the whole file; ``problems`` lists every bad row, ``rows`` the good ones."""
    checked = CheckedFile()
    workers = {w.worker_id.lower(): w for w in Worker.objects.filter(authority=authority, archived_at__isnull=True)}
    courses = {c.code.lower(): c for c in TrainingCourse.objects.filter(authority=authority)}
    try:
        with open_table(path, max_bytes=settings.IMPORT_MAX_BYTES, max_rows=settings.IMPORT_MAX_ROWS) as table:
            problems = _header_problems(table.header)
            if problems:
                checked.problems = problems
                return checked
            position = {name.strip().lower(): index for index, name in enumerate(table.header)}
            for number, cells in table.rows:
                if len(cells) > len(table.header) and any(cells[len(table.header) :]):
                    checked.problems.append(Problem(number, "", "", TOO_MANY_CELLS))
                    continue
                values = {c: (cells[position[c]] if position[c] < len(cells) else "") for c in COLUMNS}
                checked_row = _check_row(number, values, workers, courses, today, checked.problems)
                if checked_row is not None:
                    checked.rows.append(checked_row)
    except FileRefused as refused:
        checked.problems.append(Problem(refused.row, "", refused.value, refused.message))
        return checked
    if not checked.rows and not checked.problems:
        checked.problems.append(Problem(None, "", "", NO_ROWS))
    return checked


def _check_row(
    number: int,
    values: dict[str, Cell],
    workers: dict[str, Worker],
    courses: dict[str, TrainingCourse],
    today: dt.date,
    problems: list[Problem],
) -> CompletionRow | None:
    found = len(problems)
    worker_id, code, completed = (cell_text(values[c]).strip() for c in COLUMNS)
    worker = workers.get(worker_id.lower())
    course = courses.get(code.lower())
    completed_on = _date(values["completed_on"]) if completed else None
    if not worker_id:
        problems.append(Problem(number, "worker_id", "", REQUIRED))
    elif worker is None:
        problems.append(Problem(number, "worker_id", worker_id, UNKNOWN_WORKER))
    if not code:
        problems.append(Problem(number, "course_code", "", REQUIRED))
    elif course is None:
        problems.append(Problem(number, "course_code", code, UNKNOWN_COURSE))
    if not completed:
        problems.append(Problem(number, "completed_on", "", REQUIRED))
    elif completed_on is None:
        problems.append(Problem(number, "completed_on", completed, BAD_DATE))
    elif completed_on > today:
        problems.append(Problem(number, "completed_on", completed, FUTURE_DATE))
    if len(problems) > found or worker is None or course is None or completed_on is None:
        return None
    return CompletionRow(row=number, worker=worker, course=course, completed_on=completed_on)


def check_uploaded_file(uploaded: IO[bytes], *, authority: Authority, today: dt.date) -> CheckedFile:
    """Check an uploaded file: it is written to a temporary file, read and discarded."""
    with tempfile.NamedTemporaryFile(suffix=".upload") as handle:
        for chunk in uploaded.chunks() if hasattr(uploaded, "chunks") else [uploaded.read()]:
            handle.write(chunk)
        handle.flush()
        return check_completions_file(handle.name, authority=authority, today=today)
