"""Writing many rows quickly, each with its django-simple-history row and its audit fields.

simple-history's ``bulk_create_with_history`` builds a model instance and a historical instance per row and goes
through the ORM's per-value preparation: on this project's reference machine a 100,000-row staff file took about
90 seconds to write that way. Here new rows go to the database in batches of 10,000 (PostgreSQL: COPY, with the
primary keys drawn from the table's sequence first; SQLite: executemany, with the keys that follow the first row's),
changed rows with one UPDATE per batch (PostgreSQL: from arrays of the new values; SQLite: executemany), and the
history rows are copied from the rows just written with one ``INSERT INTO <historical table> ... SELECT ... FROM
<table>`` per table, exactly as simple-history would record them: every tracked column, the history date, type
("+" created, "~" changed), user and change reason. The same import then takes a few seconds (ADR 23).

Other databases, and SQLite before 3.35 (no RETURNING), go through simple-history's own bulk functions instead.
The caller holds the transaction. SQL is built only from the models' own table and column names, quoted by the
database backend; every value goes as a parameter.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

BATCH_SIZE = 10_000  # rows turned into values and sent at a time: memory stays bounded, round trips few
ORM_BATCH_SIZE = 2000  # rows per statement through simple-history's bulk functions
HISTORY_CREATED, HISTORY_CHANGED = "+", "~"
AUDIT_FIELDS = ("created_at", "updated_at", "created_by_id", "updated_by_id")
HISTORY_OWN_FIELDS = {"history_id", "history_date", "history_change_reason", "history_type", "history_user_id"}


@dataclass(frozen=True)
class Audit:
    """Who is writing, when, and why: set on every row and on every history row."""

    user_id: int | None
    now: dt.datetime
    reason: str


def batches(rows: Iterable[Any], size: int = BATCH_SIZE) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _fast() -> bool:
    vendor = connection.vendor
    return vendor == "postgresql" or (vendor == "sqlite" and connection.features.can_return_rows_from_bulk_insert)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def insert_with_history(
    model: type[Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    audit: Audit,
    key: str | None = None,
    into: dict[Any, int] | None = None,
) -> int:
    """Insert rows (the values of ``fields``, by attribute name, in order) and their "+" history rows.

    Fields not named take their model default. With ``key`` and ``into``, ``into[value of key] = pk`` for each
    row inserted. Returns the number of rows inserted.
    """
    count = 0
    key_index = fields.index(key) if key else None
    fast = _fast()
    written: list[int] = []
    for batch in batches(rows):
        count += len(batch)
        if not fast:
            pks = _insert_with_orm(model, fields, batch, audit=audit)
        else:
            columns, values = _full_rows(model, fields, batch, audit)
            if connection.vendor == "postgresql":
                pks = _copy(model, columns, values)
            else:
                pks = _insert_sqlite(model, columns, values)
            written += pks
        if into is not None and key_index is not None:
            into.update((row[key_index], pk) for pk, row in zip(pks, batch, strict=True))
    if written:
        _copy_history(model, written, audit, HISTORY_CREATED)
    return count


def update_with_history(
    model: type[Model], fields: Sequence[str], rows: Iterable[Sequence[Any]], *, audit: Audit
) -> None:
    """Update rows given as ``(pk, *values of fields)`` and record their "~" history rows."""
    fast = _fast()
    written: list[int] = []
    for batch in batches(rows):
        if not fast:
            _update_with_orm(model, fields, batch, audit=audit)
            continue
        if connection.vendor == "postgresql":
            _update_from_arrays(model, fields, batch, audit)
        else:
            _update_each(model, fields, batch, audit)
        written += (row[0] for row in batch)
    if written:
        _copy_history(model, written, audit, HISTORY_CHANGED)


def _update_each(model: type[Model], fields: Sequence[str], batch: list[Sequence[Any]], audit: Audit) -> None:
    """SQLite: one prepared UPDATE run for each row (executemany), as fast as SQLite updates rows."""
    meta = model._meta
    names = (*fields, "updated_at", "updated_by_id")
    assignments = ", ".join(f"{_q(meta.get_field(name).column)} = %s" for name in names)
    sql = f"UPDATE {_q(meta.db_table)} SET {assignments} WHERE {_q(meta.pk.column)} = %s"  # noqa: S608
    now = connection.ops.adapt_datetimefield_value(audit.now)
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*row[1:], now, audit.user_id, row[0]) for row in batch])


def _update_from_arrays(model: type[Model], fields: Sequence[str], batch: list[Sequence[Any]], audit: Audit) -> None:
    """PostgreSQL: one ``UPDATE ... FROM unnest(arrays)`` for the batch, each column's values as one array.

    An UPDATE per row (executemany) took about 8 s for 100,000 rows, mostly in round trips and in psycopg;
    this takes a fraction of that. The arrays are of the columns' types without their size (varchar, numeric),
    so that the values are checked and rounded as an UPDATE of each row would: a cast to varchar(30) would
    silently cut a longer text instead of refusing it.
    """
    meta = model._meta
    table, pk = _q(meta.db_table), meta.pk
    targets = [pk, *(meta.get_field(name) for name in fields)]
    arrays = ", ".join(f"%s::{_base_type(field)}[]" for field in targets)
    given = ", ".join(_q(field.column) for field in targets)
    assignments = ", ".join(f"{_q(field.column)} = changes.{_q(field.column)}" for field in targets[1:])
    audit_columns = [_q(meta.get_field(name).column) for name in ("updated_at", "updated_by_id")]
    sql = (
        f"UPDATE {table} SET {assignments}, {audit_columns[0]} = %s, {audit_columns[1]} = %s "  # noqa: S608
        f"FROM unnest({arrays}) AS changes ({given}) WHERE {table}.{_q(pk.column)} = changes.{_q(pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [audit.now, audit.user_id, *(list(column) for column in zip(*batch, strict=True))])


def _base_type(field: Any) -> str:
    """The column's type without its size or precision: varchar(30) -> varchar, numeric(5, 4) -> numeric."""
    return field.db_type(connection).split("(")[0].strip()


def _full_rows(
    model: type[Model], fields: Sequence[str], batch: list[Sequence[Any]], audit: Audit
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Every column of the table but the primary key: the given values, the audit values, then the defaults."""
    meta = model._meta
    if connection.vendor == "postgresql" and audit.now.tzinfo is not None:
        # The same instant as text, formatted once: COPY would format the datetime twice on every row (a third of
        # its time on the client). PostgreSQL reads the ISO form with its offset as the same timestamptz.
        now = audit.now.isoformat()
    else:
        now = connection.ops.adapt_datetimefield_value(audit.now)
    audit_values = (now, now, audit.user_id, audit.user_id)
    given = [meta.get_field(name).column for name in fields]
    others = [
        field
        for field in meta.concrete_fields
        if field is not meta.pk and field.column not in given and field.attname not in AUDIT_FIELDS
    ]
    defaults = tuple(field.get_db_prep_save(field.get_default(), connection) for field in others)
    columns = [*given, *(meta.get_field(name).column for name in AUDIT_FIELDS), *(field.column for field in others)]
    return columns, [(*row, *audit_values, *defaults) for row in batch]


def _copy(model: type[Model], columns: list[str], values: list[tuple[Any, ...]]) -> list[int]:
    """PostgreSQL: take primary keys from the table's sequence, then COPY the rows in with them."""
    meta = model._meta
    with connection.cursor() as cursor:
        # The sequence is named as a constant: looked up in the same statement, it was looked up again for every
        # key, and 100,000 keys took 0.7 s instead of 0.1 s.
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [meta.db_table, meta.pk.column])
        ((sequence,),) = cursor.fetchall()
        cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, len(values)])
        pks = [pk for (pk,) in cursor.fetchall()]
        names = ", ".join(_q(column) for column in [meta.pk.column, *columns])
        with cursor.cursor.copy(f"COPY {_q(meta.db_table)} ({names}) FROM STDIN") as copy:
            for pk, row in zip(pks, values, strict=True):
                copy.write_row((pk, *row))
    return pks


def _insert_sqlite(model: type[Model], columns: list[str], values: list[tuple[Any, ...]]) -> list[int]:
    """SQLite: the first row with INSERT ... RETURNING, the others with the keys that follow its key.

    The keys are the ones SQLite would give the rows itself. The first insert takes the database's write lock,
    which the transaction keeps to its end, so no other connection adds a row in between; and SQLite gives a
    new row a key above every key the table has held (the tables are AUTOINCREMENT), so the keys after it are
    free. The other rows then go through executemany, one prepared statement run row after row. Multi-row
    INSERT ... RETURNING statements were the slowest part of a SQLite import: Django rewrites every placeholder
    of a statement of tens of thousands of parameters, and SQLite parses it.
    """
    meta = model._meta
    table, pk_column = _q(meta.db_table), _q(meta.pk.column)
    names = ", ".join(_q(column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({names}) VALUES ({marks}) RETURNING {pk_column}",  # noqa: S608
            values[0],
        )
        ((first,),) = cursor.fetchall()
        pks = list(range(first, first + len(values)))
        cursor.executemany(
            f"INSERT INTO {table} ({pk_column}, {names}) VALUES (%s, {marks})",  # noqa: S608
            [(pk, *row) for pk, row in zip(pks[1:], values[1:], strict=True)],
        )
    return pks


def _copy_history(model: type[Model], pks: list[int], audit: Audit, history_type: str) -> None:
    """Record the history of the rows just written with one INSERT ... SELECT: each copies the row as it now is.

    The rows are named by a range of keys when theirs are consecutive (as those drawn for one import usually
    are: the range then holds exactly them), else by one array (PostgreSQL) or JSON list (SQLite) parameter:
    never by a statement of thousands of parameters, which psycopg would spend seconds preparing.
    """
    history = model.history.model  # type: ignore[attr-defined]
    meta = model._meta
    source_columns = {field.column for field in meta.concrete_fields}
    targets, selected, params = [], [], []
    own = {
        "history_date": connection.ops.adapt_datetimefield_value(audit.now),
        "history_change_reason": audit.reason[:100],
        "history_type": history_type,
        "history_user_id": audit.user_id,
    }
    for field in history._meta.concrete_fields:
        if field.attname == "history_id":
            continue
        targets.append(_q(field.column))
        if field.attname in own:
            selected.append("%s")
            params.append(own[field.attname])
        else:
            if field.column not in source_columns:
                raise RuntimeError(f"{history._meta.db_table}.{field.column} has no column in {meta.db_table}.")
            selected.append(_q(field.column))
    pk = _q(meta.pk.column)
    first, last = min(pks), max(pks)
    if last - first + 1 == len(pks) == len(set(pks)):
        where, where_params = f"{pk} BETWEEN %s AND %s", [first, last]
    else:
        where, where_params = keys_in(pk, pks)
    sql = (
        f"INSERT INTO {_q(history._meta.db_table)} ({', '.join(targets)}) "  # noqa: S608
        f"SELECT {', '.join(selected)} FROM {_q(meta.db_table)} WHERE {where} ORDER BY {pk}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *where_params])


def keys_in(column: str, keys: Sequence[int]) -> tuple[str, list[Any]]:
    """SQL saying that the (quoted) integer ``column`` is one of ``keys``, with its one parameter."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s::bigint[])", [list(keys)]
    if connection.vendor == "sqlite":
        return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(keys))]  # noqa: S608
    return f"{column} IN ({', '.join(['%s'] * len(keys))})", list(keys)


# ---------------------------------------------------------------------------
# Through simple-history's own bulk functions, where the database cannot return the keys of inserted rows.
# ---------------------------------------------------------------------------
def _insert_with_orm(
    model: type[Model], fields: Sequence[str], batch: list[Sequence[Any]], *, audit: Audit
) -> list[int]:
    objects = []
    for row in batch:
        instance = model(**dict(zip(fields, row, strict=True)))
        instance.created_at = instance.updated_at = audit.now
        instance.created_by_id = instance.updated_by_id = audit.user_id
        objects.append(instance)
    created = bulk_create_with_history(
        objects,
        model,
        batch_size=ORM_BATCH_SIZE,
        default_user=_user(audit),
        default_change_reason=audit.reason[:100],
        default_date=audit.now,
    )
    return [instance.pk for instance in created]


def _update_with_orm(model: type[Model], fields: Sequence[str], batch: list[Sequence[Any]], *, audit: Audit) -> None:
    stored = model._default_manager.in_bulk([row[0] for row in batch])
    changed = []
    for pk, *values in batch:
        instance = stored[pk]
        for name, value in zip(fields, values, strict=True):
            setattr(instance, name, value)
        instance.updated_at = audit.now
        instance.updated_by_id = audit.user_id
        changed.append(instance)
    bulk_update_with_history(
        changed,
        model,
        [*fields, "updated_at", "updated_by_id"],
        batch_size=ORM_BATCH_SIZE,
        default_user=_user(audit),
        default_change_reason=audit.reason[:100],
        default_date=audit.now,
    )


def _user(audit: Audit) -> Any:
    if audit.user_id is None:
        return None
    from django.contrib.auth import get_user_model

    return get_user_model()(pk=audit.user_id)
