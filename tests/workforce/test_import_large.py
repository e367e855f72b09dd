"""A 100,000-row staff file imports in bounded memory: rows stream, are kept as compact tuples, and are written in
batches. Peak memory is measured with tracemalloc (which also slows Python down, so the time printed here is
longer than a real import's)."""

from __future__ import annotations

import csv
import datetime as dt
import time
import tracemalloc
from pathlib import Path

import pytest

from tests.workforce.factories import AuthorityFactory
from workforce.imports.runs import import_file
from workforce.imports.schemas import column_names
from workforce.models import Assignment, Team, Worker

ROWS = 100_000
PEAK_LIMIT_MB = 120
ROLES = ("case_holder", "case_holder", "case_holder", "senior_practitioner", "first_line_manager", "5", "other")
ETHNICITIES = ("WBRI", "WIRI", "AIND", "BAFR", "MWBC", "CHNE", "NOBT")


def _write_staff_file(path: Path, rows: int) -> None:
    """One assignment per worker, in 50 teams, with a leaver in every tenth row."""
    start = dt.date(2015, 1, 5)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(column_names("staff"))
        for i in range(rows):
            begins = start + dt.timedelta(days=i % 3000)
            leaver = i % 10 == 0
            team = i % 50
            writer.writerow(
                [
                    f"W{i:06d}",
                    f"First{i % 977}",
                    f"Last{i}",
                    f"person{i}@example.org" if i % 3 else "",
                    f"SW{1_000_000 + i}",
                    f"T{team:02d}",
                    f"Team {team:02d}",
                    ROLES[i % len(ROLES)],
                    "agency" if i % 9 == 0 else "permanent",
                    "1" if i % 4 else "0.6",
                    begins.isoformat(),
                    (begins + dt.timedelta(days=400)).isoformat() if leaver else "",
                    "resignation" if leaver else "",
                    dt.date(1960 + i % 35, 1 + i % 12, 1 + i % 28).isoformat(),
                    "2" if i % 2 else "1",
                    ETHNICITIES[i % len(ETHNICITIES)],
                    str(1 + i % 10),
                    "1" if leaver else "",
                    "yes" if i % 9 == 0 else "",
                ]
            )


@pytest.mark.django_db
def test_a_100000_row_staff_file_imports_in_bounded_memory(tmp_path) -> None:  # noqa: ANN001
    authority = AuthorityFactory(code="BIG")
    path = tmp_path / "staff.csv"
    _write_staff_file(path, ROWS)

    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = import_file(kind="staff", path=path, filename=path.name, authority=authority)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    peak_mb = peak / (1024 * 1024)
    print(f"\n{ROWS:,} staff rows ({path.stat().st_size / 1e6:.1f} MB): {elapsed:.1f} s, peak {peak_mb:.0f} MB traced")  # noqa: T201
    assert outcome.written, list(outcome.report.lines())[:5]
    assert outcome.plan.created == ROWS
    assert Worker.objects.filter(authority=authority).count() == ROWS
    assert Assignment.objects.filter(team__authority=authority).count() == ROWS
    assert Team.objects.filter(authority=authority).count() == 50
    assert Worker.history.filter(authority_id=authority.pk).count() == ROWS
    assert peak_mb < PEAK_LIMIT_MB
