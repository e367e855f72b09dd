"""Writing many rows quickly, each with its django-simple-history row and its audit fields.

simple-history's ``bulk_create_with_history`` builds a model instance and a historical instance per row and goes
through the ORM's per-value preparation: on this project's reference machine a 100,000-row staff file took about
90 seconds to write that way. Here the rows go to the database in large statements (PostgreSQL: COPY, with the
primary keys drawn from the table's sequence first; SQLite: multi-row INSERT ... RETURNING), and the history rows
are copied from the rows just written with one ``INSERT INTO <historical table> ... SELECT ... FROM <table>`` per
batch, exactly as simple-history would record them: every tracked column, the history date, type ("+" created,
"~" changed), user and change reason. The same import then takes a few seconds.

A database without RETURNING (SQLite before 3.35) goes through simple-history's own bulk functions instead.
The caller holds the transaction. SQL is built only from the models' own table and column names, quoted by the
database backend; every value goes as a parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Model
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

BATCH_SIZE = 2000
HISTORY_CREATED, HISTORY_CHANGED = "+", "~"
AUDIT_FIELDS = ("created_at", "updated_at", "created_by_id", "updated_by_id")
HISTORY_OWN_FIELDS = {"history_id", "history_date", "history_change_reason", "history_type", "history_user_id"}
SQLITE_DEFAULT_VARIABLES = 999


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
    return connection.vendor == "postgresql" or connection.features.can_return_rows_from_bulk_insert


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
    for batch in batches(rows):
        count += len(batch)
        if not _fast():
            pks = _insert_with_orm(model, fields, batch, audit=audit)
        else:
            columns, values = _full_rows(model, fields, batch, audit)
            if connection.vendor == "postgresql":
                pks = _copy(model, columns, values)
            else:
                pks = _insert_returning(model, columns, values)
            _copy_history(model, pks, audit, HISTORY_CREATED)
        if into is not None and key_index is not None:
            into.update((row[key_index], pk) for pk, row in zip(pks, batch, strict=True))
    return count


def update_with_history(
    model: type[Model], fields: Sequence[str], rows: Iterable[Sequence[Any]], *, audit: Audit
) -> None:
    """Update rows given as ``(pk, *values of fields)`` and record their "~" history rows."""
    for batch in batches(rows):
        if not _fast():
            _update_with_orm(model, fields, batch, audit=audit)
            continue
        meta = model._meta
        names = (*fields, "updated_at", "updated_by_id")
        assignments = ", ".join(f"{_q(meta.get_field(name).column)} = %s" for name in names)
        sql = f"UPDATE {_q(meta.db_table)} SET {assignments} WHERE {_q(meta.pk.column)} = %s"  # noqa: S608
        now = connection.ops.adapt_datetimefield_value(audit.now)
        with connection.cursor() as cursor:
            cursor.executemany(sql, [(*row[1:], now, audit.user_id, row[0]) for row in batch])
        _copy_history(model, [row[0] for row in batch], audit, HISTORY_CHANGED)


def _full_rows(
    model: type[Model], fields: Sequence[str], batch: list[Sequence[Any]], audit: Audit
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Every column of the table but the primary key: the given values, the audit values, then the defaults."""
    meta = model._meta
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
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(values)],
        )
        pks = [pk for (pk,) in cursor.fetchall()]
        names = ", ".join(_q(column) for column in [meta.pk.column, *columns])
        with cursor.cursor.copy(f"COPY {_q(meta.db_table)} ({names}) FROM STDIN") as copy:
            for pk, row in zip(pks, values, strict=True):
                copy.write_row((pk, *row))
    return pks


def _insert_returning(model: type[Model], columns: list[str], values: list[tuple[Any, ...]]) -> list[int]:
    """Multi-row INSERT ... RETURNING, as many rows per statement as the database takes parameters."""
    meta = model._meta
    connection.ensure_connection()
    limit = _max_variables()
    per_statement = max(1, limit // len(columns))
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    head = f"INSERT INTO {_q(meta.db_table)} ({', '.join(_q(c) for c in columns)}) VALUES "  # noqa: S608
    pks: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(values), per_statement):
            chunk = values[start : start + per_statement]
            # The keys of one statement's rows ascend in the order of its VALUES: sorting restores that order.
            cursor.execute(
                head + ", ".join([one] * len(chunk)) + f" RETURNING {_q(meta.pk.column)}",
                [value for row in chunk for value in row],
            )
            returned = [pk for (pk,) in cursor.fetchall()]
            pks += sorted(returned)
    return pks


def _max_variables() -> int:
    raw = getattr(connection.connection, "getlimit", None)
    if raw is None:
        return SQLITE_DEFAULT_VARIABLES
    import sqlite3

    return raw(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


def _copy_history(model: type[Model], pks: list[int], audit: Audit, history_type: str) -> None:
    """One INSERT ... SELECT per batch: each history row copies the row as it now is."""
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
    with connection.cursor() as cursor:
        limit = BATCH_SIZE if connection.vendor == "postgresql" else max(1, _max_variables() - len(params))
        for start in range(0, len(pks), limit):
            chunk = pks[start : start + limit]
            sql = (
                f"INSERT INTO {_q(history._meta.db_table)} ({', '.join(targets)}) "  # noqa: S608
                f"SELECT {', '.join(selected)} FROM {_q(meta.db_table)} "
                f"WHERE {_q(meta.pk.column)} IN ({', '.join(['%s'] * len(chunk))})"
            )
            cursor.execute(sql, [*params, *chunk])


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
        batch_size=BATCH_SIZE,
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
        batch_size=BATCH_SIZE,
        default_user=_user(audit),
        default_change_reason=audit.reason[:100],
        default_date=audit.now,
    )


def _user(audit: Audit) -> Any:
    if audit.user_id is None:
        return None
    from django.contrib.auth import get_user_model

    return get_user_model()(pk=audit.user_id)
