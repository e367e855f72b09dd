"""Input files for the benchmarks; no Django here, so the runner can write them before any process starts."""

from __future__ import annotations

import csv
from pathlib import Path

ROLES = ["case_holder"] * 6 + ["senior_practitioner", "first_line_manager", "qualified_no_cases"]
STAFF_HEADER = [
    "worker_id", "first_name", "last_name", "email", "swe_registration", "team_code", "team_name", "role",
    "contract", "fte", "start_date", "end_date", "leaving_reason",
]  # fmt: skip


def staff_file(path: Path, rows: int) -> Path:
    """A staff CSV of `rows` assignments of distinct workers, as an HR system would export it."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(STAFF_HEADER)
        for i in range(rows):
            ended = i % 4 == 0
            writer.writerow([
                f"S{i:07d}", "Robin", f"Staff{i}", f"robin.staff{i}@example.org", f"SW{i + 1}", f"T{i % 200:03d}",
                f"Team {i % 200}", ROLES[i % len(ROLES)], "agency" if i % 7 == 0 else "permanent",
                "1" if i % 3 else "0.6", "2019-04-01", "2024-06-30" if ended else "", "resignation" if ended else "",
            ])  # fmt: skip
    return path
