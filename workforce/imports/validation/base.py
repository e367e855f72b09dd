"""What every checker shares: the header check, reading cells into values, and the checks common to the kinds."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from workforce.imports import schemas
from workforce.imports.parsing import ABSENT, INVALID, Values, parse_whole
from workforce.imports.reading import Cell
from workforce.imports.report import Report
from workforce.imports.validation.messages import (
    COLUMN_MISSING,
    COLUMN_NO_HEADING,
    COLUMN_TWICE,
    COLUMN_UNKNOWN,
    COLUMN_UNKNOWN_SUGGESTION,
    FILE_DELIMITER,
    FILE_NO_HEADER,
    FILE_WRONG_KIND,
    NEGATIVE,
    NOT_A_CODE,
    NOT_A_DATE,
    NOT_A_NUMBER,
    NOT_IN_YOUR_TEAMS,
    NOT_WHOLE,
    TOO_LARGE,
    VALUE_MISSING,
    VALUE_TOO_LONG,
    WORKER_UNKNOWN,
)
from workforce.models import Assignment, Authority, Worker
from workforce.selectors import today

WORKER_ID_MAX = 30
NAME_MAX = 100
TEAM_CODE_MAX = 30
TEAM_NAME_MAX = 200
HIGH_CASELOAD = 40
YOUNGEST_AGE = 20
OLDEST_AGE = 80
FTE_PLACES = 4
ESTABLISHMENT_MAX = Decimal("999999.99")
DAYS_MAX = Decimal("9999.99")
CASES_MAX = 2_147_483_647
SWE_PATTERN = re.compile(r"^SW\d{1,10}$")
PAIRWISE_LIMIT = 60  # rows of one worker compared pair by pair; beyond that a sweep finds each overlapping row
QUERY_CHUNK = 2000


@dataclass(frozen=True)
class Restriction:
    """What a team manager may import: caseloads of the workers in the teams they manage (None: no limit)."""

    worker_ids: frozenset[int]
    team_ids: frozenset[int]


@dataclass(frozen=True)
class Columns:
    index: dict[str, int]  # known column -> its position
    width: int  # number of header cells up to the last one with a heading
    unnamed: tuple[int, ...]  # positions before `width` that have no heading


def check_header(kind: str, header: list[str], report: Report) -> Columns | None:
    """Check the header row; None when the file has no usable header (the rows are then not checked)."""
    names = [name.strip().lower() for name in header]
    while names and not names[-1]:
        names.pop()
    known = schemas.column_names(kind)
    if len(names) == 1 and (";" in names[0] or "\t" in names[0]):
        report.error(FILE_DELIMITER, row=1, value=header[0])
        return None
    if not any(name in known for name in names):
        other = _other_kind(kind, names)
        message = FILE_WRONG_KIND.format(kind=kind, other=other) if other else FILE_NO_HEADER.format(kind=kind)
        report.error(message, row=1, value=", ".join(h for h in header[:6] if h))
        return None
    index: dict[str, int] = {}
    unnamed = []
    for position, name in enumerate(names):
        raw = header[position]
        if not name:
            unnamed.append(position)
        elif name not in known:
            suggestion = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            if suggestion:
                report.error(COLUMN_UNKNOWN_SUGGESTION.format(suggestion=suggestion[0]), row=1, column=raw, value=raw)
            else:
                report.error(COLUMN_UNKNOWN.format(kind=kind, columns=", ".join(known)), row=1, column=raw, value=raw)
        elif name in index:
            report.error(COLUMN_TWICE, row=1, column=name, value=raw)
        else:
            index[name] = position
    other = _other_kind(kind, names)
    if other and report.has_errors:
        report.error(FILE_WRONG_KIND.format(kind=kind, other=other), row=1)
    for name in schemas.required_columns(kind):
        if name not in index:
            report.error(COLUMN_MISSING.format(column=name), row=1, column=name)
    return Columns(index=index, width=len(names), unnamed=tuple(unnamed))


def _other_kind(kind: str, names: list[str]) -> str | None:
    """The kind of file whose columns these are, when it is not the one chosen."""
    present = {name for name in names if name}
    for other in schemas.KINDS:
        if other == kind:
            continue
        if set(schemas.required_columns(other)) <= present <= set(schemas.column_names(other)):
            return other
    return None


def one_of(field: str, values: Iterable[Any], *, db_type: str) -> Q:
    """The filter ``field__in=values``, with all the values sent as one parameter: a PostgreSQL array of
    ``db_type``, or a JSON list read by SQLite's json_each.

    Django sends each value of ``__in`` as a parameter of its own, prepared one by one, and psycopg rewrites a
    statement of thousands of parameters on the client: looking up 100,000 e-mail addresses 2,000 at a time
    took seconds, one array takes a fraction of one.
    """
    values = list(values)
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__in": RawSQL(f"SELECT unnest(%s::{db_type}[])", (values,))})  # noqa: S611
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__in": RawSQL("SELECT value FROM json_each(%s)", (json.dumps(values),))})  # noqa: S611
    return Q(**{f"{field}__in": values})


def chunked(values: Iterable[Any], size: int = QUERY_CHUNK) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for value in values:
        chunk.append(value)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _is_date(value: Any) -> bool:
    return isinstance(value, dt.date)


def _valid(value: Any) -> bool:
    return value is not INVALID and value is not ABSENT and value is not None and value != ""


class Checker:
    """Row checks shared by every kind; subclasses add the checks of their kind."""

    kind: ClassVar[str]

    def __init__(
        self,
        *,
        authority: Authority,
        report: Report,
        restriction: Restriction | None = None,
        on: dt.date | None = None,
    ) -> None:
        self.authority = authority
        self.report = report
        self.restriction = restriction
        self.today = on or today()
        self.values = Values()
        self.rows: list[Any] = []
        self.count = 0
        self.present: frozenset[str] = frozenset()
        self._index: dict[str, int] = {}
        self._width = 0
        self._unnamed: tuple[int, ...] = ()
        self._reported_unnamed: set[int] = set()
        self._pick: Callable[[tuple[Any, ...]], tuple[Any, ...]] = tuple

    def use_columns(self, columns: Columns) -> None:
        self._index = columns.index
        self._width = columns.width
        self._unnamed = columns.unnamed
        self.present = frozenset(columns.index)
        # A column left out of the file points at the ABSENT that ``in_schema_order`` puts after the cells.
        self._pick = operator.itemgetter(*(columns.index.get(name, -1) for name in schemas.column_names(self.kind)))

    def in_schema_order(self, cells: tuple[Cell, ...]) -> tuple[Any, ...]:
        """The row's raw cells in the order of the kind's columns (schemas.COLUMNS), as ``_raw`` reads each one:
        ABSENT for a column left out of the file, "" for a cell missing from a short row.

        One C-level call per row instead of a dictionary look-up per cell: this is the hot loop of a large file.
        """
        short = self._width - len(cells)
        if short > 0:
            cells = (*cells, *("",) * short)
        return self._pick((*cells, ABSENT))

    # -- reading cells -------------------------------------------------------------------------------------
    def _check_unnamed(self, number: int, cells: tuple[Cell, ...]) -> None:
        positions = [*self._unnamed, *range(self._width, len(cells))]
        for position in positions:
            if position < len(cells) and cells[position] and position not in self._reported_unnamed:
                self._reported_unnamed.add(position)
                self.report.error(COLUMN_NO_HEADING, row=number, column=f"column {position + 1}", value=cells[position])

    def _raw(self, cells: tuple[Cell, ...], name: str) -> Any:
        position = self._index.get(name)
        if position is None:
            return ABSENT
        return cells[position] if position < len(cells) else ""

    def _text(self, number: int, cells: tuple[Cell, ...], name: str, limit: int, *, required: bool) -> Any:
        return self._text_value(number, self._raw(cells, name), name, limit, required)

    def _text_value(self, number: int, raw: Any, name: str, limit: int, required: bool) -> Any:  # noqa: FBT001
        """A text cell's value; ``raw`` is what ``_raw`` gives. Positional arguments: this runs for every cell."""
        if raw.__class__ is str and raw and len(raw) <= limit:  # the usual case, decided at once
            return raw
        if raw is ABSENT:
            return INVALID if required else ABSENT
        if _is_date(raw):
            raw = raw.isoformat()
        if not raw:
            if required:
                self.report.error(VALUE_MISSING.format(column=name), row=number, column=name)
                return INVALID
            return ""
        if len(raw) > limit:
            self.report.error(VALUE_TOO_LONG.format(column=name, limit=limit), row=number, column=name, value=raw)
            return INVALID
        return raw

    def _code(
        self, number: int, cells: tuple[Cell, ...], name: str, lookup: dict[str, Any], codes: str, *, required: bool
    ) -> Any:
        return self._code_value(number, self._raw(cells, name), name, lookup, codes, required)

    def _code_value(
        self,
        number: int,
        raw: Any,
        name: str,
        lookup: dict[str, Any],
        codes: str,
        required: bool,  # noqa: FBT001
    ) -> Any:
        if raw.__class__ is str and raw:  # the usual case: a known code
            value = lookup.get(raw.lower())
            if value is not None:
                return value
        if raw is ABSENT:
            return INVALID if required else ABSENT
        if not raw:
            if required:
                self.report.error(VALUE_MISSING.format(column=name), row=number, column=name)
                return INVALID
            return ""
        value = None if _is_date(raw) else lookup.get(raw.lower())
        if value is None:
            self.report.error(NOT_A_CODE.format(column=name, codes=codes), row=number, column=name, value=raw)
            return INVALID
        return value

    def _date(self, number: int, cells: tuple[Cell, ...], name: str, *, required: bool) -> Any:
        return self._date_value(number, self._raw(cells, name), name, required)

    def _date_value(self, number: int, raw: Any, name: str, required: bool) -> Any:  # noqa: FBT001
        if raw is ABSENT:
            return INVALID if required else ABSENT
        value = self.values.date(raw)
        if value is None:
            if required:
                self.report.error(VALUE_MISSING.format(column=name), row=number, column=name)
                return INVALID
            return None
        if value is INVALID:
            self.report.error(NOT_A_DATE.format(column=name), row=number, column=name, value=raw)
        return value

    def _amount(self, number: int, cells: tuple[Cell, ...], name: str, places: int, limit: Decimal) -> Any:
        """A required decimal of 0 or more."""
        raw = self._raw(cells, name)
        if raw is ABSENT:
            return INVALID
        value = self.values.decimal(raw, places)
        if value is None:
            self.report.error(VALUE_MISSING.format(column=name), row=number, column=name)
            return INVALID
        if value is INVALID:
            self.report.error(NOT_A_NUMBER.format(column=name), row=number, column=name, value=raw)
        elif value < 0:
            self.report.error(NEGATIVE.format(column=name), row=number, column=name, value=raw)
            return INVALID
        elif value > limit:
            self.report.error(TOO_LARGE.format(column=name), row=number, column=name, value=raw)
            return INVALID
        return value

    def _whole(self, number: int, cells: tuple[Cell, ...], name: str, *, required: bool) -> Any:
        raw = self._raw(cells, name)
        if raw is ABSENT:
            return INVALID if required else ABSENT
        value = parse_whole(raw)
        if value is None:
            if required:
                self.report.error(VALUE_MISSING.format(column=name), row=number, column=name)
                return INVALID
            return None
        if value is INVALID:
            message = NOT_WHOLE if self.values.decimal(raw, 2) is not INVALID else NOT_A_NUMBER
            self.report.error(message.format(column=name), row=number, column=name, value=raw)
        elif value < 0:
            self.report.error(NEGATIVE.format(column=name), row=number, column=name, value=raw)
            return INVALID
        elif value > CASES_MAX:
            self.report.error(TOO_LARGE.format(column=name), row=number, column=name, value=raw)
            return INVALID
        return value

    # -- the protocol ----------------------------------------------------------------------------------------
    def add_row(self, number: int, cells: tuple[Cell, ...]) -> None:
        self.count += 1
        if self._unnamed or len(cells) > self._width:
            self._check_unnamed(number, cells)
        self.rows.append(self.read_row(number, cells))

    def read_row(self, number: int, cells: tuple[Cell, ...]) -> Any:
        raise NotImplementedError

    def finish(self) -> None:
        """The checks across rows and against stored records; run once every row has been read."""
        raise NotImplementedError

    # -- shared across kinds ---------------------------------------------------------------------------------
    def _report_duplicates(self, keys: Iterable[tuple[Any, Any, int]], message: str, column: str) -> None:
        """``keys`` yields (first part, date, row) per row; every row whose key appears twice is reported.

        The date is the reported value. Only a row number is kept per key, so that a large file stays small.
        """
        seen: dict[tuple[Any, Any], int] = {}
        duplicated: dict[tuple[Any, Any], list[int]] = {}
        for first, day, number in keys:
            key = (first, day)
            earlier = seen.setdefault(key, number)
            if earlier != number:
                duplicated.setdefault(key, [earlier]).append(number)
        for (_, day), numbers in duplicated.items():
            for number in numbers:
                self.report.error(message, row=number, column=column, value=day)

    def _workers_by_id(self, worker_ids: Iterable[str]) -> dict[str, int]:
        """Stored (not archived) workers of the authority with these staff references: worker_id -> pk."""
        found: dict[str, int] = {}
        base = Worker.objects.filter(authority=self.authority, archived_at__isnull=True)
        for chunk in chunked(set(worker_ids)):
            found.update(base.filter(worker_id__in=chunk).values_list("worker_id", "pk"))
        return found

    def _check_workers_known(self, rows: list[Any]) -> dict[str, int]:
        """Report rows whose worker is unknown (or, for a team manager, outside their teams)."""
        known = self._workers_by_id(row.worker_id for row in rows if _valid(row.worker_id))
        allowed = self.restriction.worker_ids if self.restriction is not None else None
        for row in rows:
            if not _valid(row.worker_id):
                continue
            pk = known.get(row.worker_id)
            if allowed is not None and (pk is None or pk not in allowed):
                # A team manager is told the same whether or not the worker exists elsewhere in the authority.
                self.report.error(NOT_IN_YOUR_TEAMS, row=row.row, column="worker_id", value=row.worker_id)
            elif pk is None:
                self.report.error(WORKER_UNKNOWN, row=row.row, column="worker_id", value=row.worker_id)
        return known

    def _assignments_of(self, worker_pks: Iterable[int]) -> dict[int, list[tuple[dt.date, dt.date | None, str, int]]]:
        """worker pk -> [(start, end, role, team pk)] of their stored assignments."""
        periods: dict[int, list[tuple[dt.date, dt.date | None, str, int]]] = defaultdict(list)
        for chunk in chunked(set(worker_pks)):
            for worker, start, end, role, team in Assignment.objects.filter(worker_id__in=chunk).values_list(
                "worker_id", "start_date", "end_date", "role", "team_id"
            ):
                periods[worker].append((start, end, role, team))
        return periods


def _within(day: dt.date, periods: list[tuple[dt.date, dt.date | None, str, int]]) -> tuple[Any, ...] | None:
    """The assignment whose period holds the day (its last day included), if any."""
    for period in periods:
        start, end = period[0], period[1]
        if start <= day and (end is None or day <= end):
            return period
    return None
