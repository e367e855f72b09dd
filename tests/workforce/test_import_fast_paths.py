"""The shortcuts that make a large import fast decide exactly as the slower code they stand in for (ADR 23)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DataError, connection, transaction
from django.utils import timezone

from tests.workforce.factories import AuthorityFactory
from workforce.imports import bulk
from workforce.imports.parsing import ABSENT, INVALID, is_email, parse_date
from workforce.imports.report import Report
from workforce.imports.schemas import column_names
from workforce.imports.validation import StaffChecker, check_header, one_of
from workforce.imports.validation.base import QUERY_CHUNK
from workforce.models import Worker

ADDRESSES = [
    "asha.begum@example.org",
    "A.B@Example.ORG",
    "o'neil+hr@example.co.uk",
    '"quoted user"@example.org',
    '"a\\"b"@example.org',
    "user@localhost",
    "user@[127.0.0.1]",
    "user@[999.1.1.1]",
    "user@[IPv6:::1]",
    "ſmith@example.org",  # a long s: matches [A-Z] when case is ignored, as in Django's own pattern
    "K@example.org",  # Kelvin sign
    "user@exämple.org",
    "user@xn--exmple-cua.org",
    "user@-bad.org",
    "user@bad-.org",
    "user..dots@example.org",
    ".user@example.org",
    "user.@example.org",
    "user@example",
    "user@example.c",
    "user@example.123",
    "user@ex_ample.org",
    "us er@example.org",
    "user@@example.org",
    "a@b@example.org",
    "üser@example.org",
    "user@example.org.",
    "user@.example.org",
    "user@",
    "@example.org",
    "user",
    "x" * 64 + "@example.org",
    "a@" + "b" * 63 + ".org",
    "a@" + "b" * 64 + ".org",
    "a@" + ".".join(["b" * 60] * 5) + ".org",  # longer than 320 characters in all
    "user@example.xn--p1ai",
    "user@example.рф",
    "user\n@example.org",
]


def _django_accepts(address: str) -> bool:
    try:
        validate_email(address)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("address", ADDRESSES)
def test_the_email_check_accepts_and_refuses_what_djangos_validator_does(address: str) -> None:
    assert is_email(address) == _django_accepts(address)


ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _by_patterns(text: str) -> object:
    """What parse_date gave before it read the usual form with date.fromisoformat."""
    match = ISO_DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = UK_DATE.match(text)
        if not match:
            return INVALID
        day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return INVALID


@pytest.mark.parametrize(
    "text",
    [
        "2024-04-01",
        "2024-02-29",
        "2023-02-29",
        "2024-02-30",
        "2024-13-01",
        "0000-01-01",
        "9999-12-31",
        "2024-4-1",
        "2024-04-1x",
        "+024-04-01",
        "2024-W01-1",
        "20240401",
        "2024-04-01 00:00",
        "2024-04-01T00:00:00",
        "٢٠٢٤-٠٤-٠١",
        "2024-04-01\n",
        "01/04/2024",
        "1/4/2024",
        "30/02/2024",
    ],
)
def test_reading_dates_gives_what_the_patterns_gave(text: str) -> None:
    assert parse_date(text) == _by_patterns(text)


def test_cells_in_schema_order_are_what_each_cell_lookup_gives() -> None:
    report = Report("staff")
    header = ["first_name", "worker_id", "", "last_name", "team_code", "fte", "start_date"]
    checker = StaffChecker(authority=AuthorityFactory.build(), report=report)
    checker.use_columns(check_header("staff", header, report))
    for cells in [
        ("Nia", "N1", "", "Owens", "FD", "1", "2024-04-01"),
        ("Nia", "N1"),  # a short row
        ("Nia", "N1", "x", "Owens", "FD", "1", "2024-04-01", "extra", "cells"),
        (),
    ]:
        expected = tuple(checker._raw(cells, name) for name in column_names("staff"))
        assert checker.in_schema_order(cells) == expected
    assert checker.in_schema_order(())[column_names("staff").index("email")] is ABSENT


@pytest.mark.django_db
def test_one_of_finds_what_a_list_of_values_finds() -> None:
    authority = AuthorityFactory()
    Worker.objects.bulk_create(
        Worker(authority=authority, worker_id=f"W{i}", first_name="A", last_name=f"B{i}") for i in range(50)
    )
    wanted = [f"W{i}" for i in range(0, 50, 3)] + [f"missing{i}" for i in range(QUERY_CHUNK * 2)] + ["w3", "W3 "]
    found = set(Worker.objects.filter(one_of("worker_id", wanted, db_type="text")).values_list("worker_id", flat=True))
    assert found == {f"W{i}" for i in range(0, 50, 3)}
    pks = list(Worker.objects.values_list("pk", flat=True)[:5])
    assert set(Worker.objects.filter(one_of("pk", pks, db_type="bigint")).values_list("pk", flat=True)) == set(pks)
    assert not Worker.objects.filter(one_of("pk", [], db_type="bigint")).exists()


def _audit() -> bulk.Audit:
    return bulk.Audit(user_id=None, now=timezone.now(), reason="Imported from a staff file")


@pytest.mark.django_db
def test_inserted_rows_get_their_own_keys_and_one_history_row_each() -> None:
    authority = AuthorityFactory()
    keys: dict[str, int] = {}
    with transaction.atomic():
        count = bulk.insert_with_history(
            Worker,
            ["authority_id", "worker_id", "first_name", "last_name"],
            [(authority.pk, f"W{i}", "A", f"B{i}") for i in range(25)],
            audit=_audit(),
            key="worker_id",
            into=keys,
        )
    assert count == 25
    assert dict(Worker.objects.values_list("worker_id", "pk")) == keys
    history = list(Worker.history.values_list("id", "worker_id", "history_type"))
    assert sorted(history) == sorted((pk, worker_id, "+") for worker_id, pk in keys.items())


@pytest.mark.django_db
def test_updating_rows_whose_keys_are_not_consecutive_records_only_their_history() -> None:
    authority = AuthorityFactory()
    keys: dict[str, int] = {}
    with transaction.atomic():
        bulk.insert_with_history(
            Worker,
            ["authority_id", "worker_id", "first_name", "last_name"],
            [(authority.pk, f"W{i}", "A", f"B{i}") for i in range(10)],
            audit=_audit(),
            key="worker_id",
            into=keys,
        )
        changed = [keys["W1"], keys["W4"], keys["W8"]]
        bulk.update_with_history(
            Worker,
            ["first_name", "date_of_birth"],
            [(pk, "Changed", dt.date(1990, 1, 2)) for pk in changed],
            audit=_audit(),
        )
    assert set(Worker.objects.filter(first_name="Changed").values_list("pk", flat=True)) == set(changed)
    assert set(Worker.objects.filter(date_of_birth=dt.date(1990, 1, 2)).values_list("pk", flat=True)) == set(changed)
    updates = Worker.history.filter(history_type="~")
    assert sorted(updates.values_list("id", "first_name")) == sorted((pk, "Changed") for pk in changed)


@pytest.mark.django_db
def test_an_update_refuses_a_text_too_long_for_its_column_as_before() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite does not limit the length of text")
    worker = Worker.objects.create(authority=AuthorityFactory(), worker_id="W1", first_name="A", last_name="B")
    with pytest.raises(DataError), transaction.atomic():
        bulk.update_with_history(Worker, ["first_name"], [(worker.pk, "N" * 101)], audit=_audit())
