"""`make bench`: measure on SQLite and PostgreSQL, each against a baseline in the same run; write docs/benchmarks.md.

    python -m benchmarks.run [--rows 100000] [--workers 1000] [--no-postgres]

PostgreSQL is used when BENCH_DATABASE_URL is set (`make bench` starts one on loopback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "benchmarks.md"


def _case(name: str, url: str, arg: str = "") -> dict[str, Any]:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "benchmarks.case", name, arg],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    if result.returncode:
        raise SystemExit(f"benchmark {name} failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _load(url: str, users: int, seconds: int) -> dict[str, Any]:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "benchmarks.load", url, "--users", str(users), "--seconds", str(seconds)],
        cwd=ROOT, capture_output=True, text=True, timeout=seconds + 900, check=False,
    )  # fmt: skip
    if result.returncode:
        raise SystemExit(f"load test failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _load_lines(load: dict[str, Any]) -> list[str]:
    total = load["total"]
    lines = [
        f"Load test (`benchmarks/load.py`): locust with {load['users']} simulated users for {load['seconds']} s "
        f"(think time 0.5–2 s) against gunicorn ({load['gunicorn']}, production settings) on loopback, on this",
        "PostgreSQL with the authority above. Officers look at the dashboard and the staff list, team managers at",
        "their team's caseloads and enter a caseload, social workers open My CPD and record a piece of CPD; each",
        "signs in first.",
        "",
        f"**All requests: {total['rps']} requests/s, p50 {total['p50_ms']} ms, p95 {total['p95_ms']} ms, "
        f"{total['failures']} error{'s' if total['failures'] != 1 else ''} in {total['requests']} requests.**",
        "",
        "| request | count | errors | p50 | p95 |",
        "|---|---|---|---|---|",
        *(
            f"| {name} | {v['requests']} | {v['failures']} | {v['p50_ms']} ms | {v['p95_ms']} ms |"
            for name, v in sorted(load["requests"].items())
        ),
        "",
    ]
    for error in load.get("errors", []):
        lines.append(f"- error: {error['request']}: {error['error']} ({error['count']}×)")
    if load.get("errors"):
        lines.append("")
    return lines


def _machine() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    import django

    lines = [
        f"- machine: {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, Django {django.get_version()}, SQLite {sqlite3.sqlite_version}",
    ]
    try:
        pg = subprocess.run(["psql", "--version"], capture_output=True, text=True, check=False).stdout.strip()  # noqa: S607
        lines.append(f"- {pg}")
    except OSError:
        pass
    return lines


def _ratio(ours: float, base: float) -> str:
    return f"{ours / base:.2f}×" if base else "–"


def run_backend(label: str, url: str, rows: int, workers: int, staff: Path) -> dict[str, Any]:
    print(f"[{label}] loading data ({workers} workers with 5 years of history; 50,000 leavers)...", flush=True)
    results: dict[str, Any] = {"setup": _case("setup", url, str(workers))}
    for name, arg in (
        ("workbook", ""),
        ("workbook_baseline", ""),
        ("import_staff", str(staff)),
        ("import_baseline", str(staff)),
        ("indicators", ""),
        ("pages", ""),
    ):
        print(f"[{label}] {name}...", flush=True)
        results[name] = _case(name, url, arg)
    return results


def report(all_results: dict[str, dict[str, Any]], rows: int, workers: int, seconds: float) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`python -m benchmarks.run --rows {rows} --workers {workers}`) on "
        f"{dt.date.today().isoformat()}; the whole run took {seconds:.0f} s. Each figure comes from its own process",  # noqa: DTZ011
        "(peak memory is that process's maximum resident set, Django included); times are medians where a case",
        "repeats. Baselines run in the same run on the same data.",
        "",
        *_machine(),
        "",
    ]
    for label, r in all_results.items():
        wb, wbb = r["workbook"], r["workbook_baseline"]
        imp, impb = r["import_staff"], r["import_baseline"]
        ind, pages = r["indicators"], r["pages"]
        baseline = "COPY" if label == "PostgreSQL" else "executemany"
        lines += [
            f"## {label}",
            "",
            "| measurement | ours | baseline | ratio | peak memory |",
            "|---|---|---|---|---|",
            f"| turnover workbook, {wb['leaver_rows']:,} leaver rows (all six sheets) vs bare openpyxl write-only of "
            f"the leaver rows | {wb['seconds']:.2f} s, {wb['queries']} queries | {wbb['seconds']:.2f} s | "
            f"{_ratio(wb['seconds'], wbb['seconds'])} | {wb['peak_mb']} MB (baseline {wbb['peak_mb']} MB) |",
            f"| `import_workforce staff`, {rows:,} rows vs csv module + {baseline} | {imp['seconds']:.2f} s | "
            f"{impb['seconds']:.2f} s | {_ratio(imp['seconds'], impb['seconds'])} | {imp['peak_mb']} MB |",
            "",
            f"Indicators for one authority of {workers:,} workers (5 years of history), seconds and queries:",
            "",
            "| call | time | queries |",
            "|---|---|---|",
            f"| `compute_indicators` at one date | {ind['one_date'][0]:.3f} s | {ind['one_date'][1]} |",
            f"| `indicator_series` (24 month ends) | {ind['series_24'][0]:.3f} s | {ind['series_24'][1]} |",
            f"| `indicators_by_team` | {ind['by_team'][0]:.3f} s | {ind['by_team'][1]} |",
            "",
            "Pages for that authority as a workforce officer (test client, median of 5):",
            "",
            "| page | time | queries | status |",
            "|---|---|---|---|",
            *(f"| {name} | {v[0] * 1000:.0f} ms | {v[1]} | {v[2]} |" for name, v in pages.items() if name != "peak_mb"),
            "",
        ]
        if "load" in r:
            lines += _load_lines(r["load"])
    lines += [
        "Not yet measured here (issue 9): the region and England scales, the hand-written SQL baseline for the",
        "indicators, the portfolio PDF of 100 pieces of evidence, and the My CPD page in the page table (it is in",
        "the load test).",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the staff file to import")
    parser.add_argument("--workers", type=int, default=1000, help="workers of the benchmark authority")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-load", action="store_true", help="skip the load test (locust against gunicorn)")
    parser.add_argument("--load-users", type=int, default=20)
    parser.add_argument("--load-seconds", type=int, default=60)
    args = parser.parse_args()
    started = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    from benchmarks.files import staff_file

    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        staff = staff_file(Path(tmp) / "staff.csv", args.rows)
        results["SQLite"] = run_backend("SQLite", f"sqlite:///{tmp}/bench.sqlite3", args.rows, args.workers, staff)
        pg = os.environ.get("BENCH_DATABASE_URL")
        if pg and not args.no_postgres:
            results["PostgreSQL"] = run_backend("PostgreSQL", pg, args.rows, args.workers, staff)
            if not args.no_load:
                print(f"[PostgreSQL] load test: {args.load_users} users for {args.load_seconds} s...", flush=True)
                results["PostgreSQL"]["load"] = _load(pg, args.load_users, args.load_seconds)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    OUT.write_text(report(results, args.rows, args.workers, time.perf_counter() - started))
    print(f"Wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
