"""`make bench`: synthetic data at three scales on SQLite and PostgreSQL, each measurement against a baseline in the
same run; writes docs/benchmarks.md. The design is in docs/adr/0026-benchmarks.md.

    python -m benchmarks.run [--scales authority,region,england] [--no-england-sqlite] [--rows 100000]
                             [--workers 1000] [--no-postgres] [--no-sqlite] [--no-load]

PostgreSQL is used when BENCH_DATABASE_URL is set (`make bench` starts a throw-away server on loopback); each scale
gets its own database there (bench_authority, bench_region, bench_england, and bench_leavers for the workbook's
50,000 leavers), copied from a migrated template. SQLite databases are files in a temporary directory. Every scale
runs on both backends by default (about 4 minutes on two quiet cores, 9 on busy ones); --no-england-sqlite keeps
England to PostgreSQL on a slower machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "benchmarks.md"
SCALES = ("authority", "region", "england")
STARTED = time.perf_counter()

# Targets of issue 9.
IMPORT_TARGET = 3.0
INDICATORS_TARGET = 2.0
WORKBOOK_TARGET = 1.3
PAGE_TARGET_MS = 300
ENGLAND_TARGET_S = 5.0
RUN_TARGET_S = 15 * 60


def _progress(message: str) -> None:
    print(f"[{time.perf_counter() - STARTED:6.0f} s] {message}", flush=True)


def _case(name: str, url: str, arg: str = "") -> dict[str, Any]:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-W", "ignore", "-m", "benchmarks.case", name, arg],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    if result.returncode:
        raise SystemExit(f"benchmark {name} {arg} failed:\n{result.stderr.strip()[-3000:]}")
    out = json.loads(result.stdout.strip().splitlines()[-1])
    out["process_seconds"] = round(time.perf_counter() - started, 1)
    return out


def _load(url: str, users: int, seconds: int) -> dict[str, Any]:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "benchmarks.load", url, "--users", str(users), "--seconds", str(seconds)],
        cwd=ROOT, capture_output=True, text=True, timeout=seconds + 900, check=False,
    )  # fmt: skip
    if result.returncode:
        raise SystemExit(f"load test failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------------------------------------
# Databases: one per scale, copied from a migrated template (migrating takes longer than loading a region).
# ---------------------------------------------------------------------------------------------------------------
class SqliteDatabases:
    label = "SQLite"

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def url(self, name: str) -> str:
        return f"sqlite:///{self.directory / name}.sqlite3"

    def template(self) -> dict[str, Any]:
        return _case("template", self.url("bench_template"))

    def create(self, name: str) -> str:
        shutil.copyfile(self.directory / "bench_template.sqlite3", self.directory / f"{name}.sqlite3")
        return self.url(name)

    def drop(self, name: str) -> None:
        (self.directory / f"{name}.sqlite3").unlink(missing_ok=True)


class PostgresDatabases:
    label = "PostgreSQL"

    def __init__(self, server_url: str) -> None:
        self.server_url = server_url

    def url(self, name: str) -> str:
        return urlunsplit(urlsplit(self.server_url)._replace(path=f"/{name}"))

    def _admin(self, *statements: str) -> None:
        import psycopg

        with psycopg.connect(self.server_url, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def template(self) -> dict[str, Any]:
        self._admin("DROP DATABASE IF EXISTS bench_template", "CREATE DATABASE bench_template")
        return _case("template", self.url("bench_template"))

    def create(self, name: str) -> str:
        self._admin(f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name} TEMPLATE bench_template")
        return self.url(name)

    def drop(self, name: str) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {name}")


def _largest(sizes: dict[str, int]) -> str:
    return max(sizes, key=lambda code: (sizes[code], code))


def run_backend(dbs: Any, args: argparse.Namespace, scales: list[str], staff: Path) -> dict[str, Any]:
    """Every measurement of the scales on one backend; each its own process."""
    from benchmarks import data

    label = dbs.label
    results: dict[str, Any] = {}
    _progress(f"[{label}] migrating the template database...")
    results["template"] = dbs.template()
    for scale in scales:
        options = {
            "scale": scale,
            "workers": args.workers,
            "leavers": args.leavers,
            "region_mean": args.region_mean,
            "england": args.england_workers,
        }
        sizes = data.scale_sizes(scale, workers=args.workers, region_mean=args.region_mean,
                                 england=args.england_workers)  # fmt: skip
        url = dbs.create(f"bench_{scale}")
        _progress(f"[{label}] {scale}: generating {len(sizes)} authorities, {sum(sizes.values()):,} workers...")
        r: dict[str, Any] = {"sizes": sizes, "generate": _case("generate", url, json.dumps(options))}
        _progress(f"[{label}] {scale}: {r['generate']['rows']:,} rows in {r['generate']['seconds']} s")
        first = "LA" if scale == "authority" else min(sizes)
        cases = [("indicators", first if scale == "authority" else f"{first}:all"), ("pages", _largest(sizes))]
        if scale == "authority":
            cases += [("portfolio_pdf", ""), ("portfolio_pdf_baseline", "")]
        for name, arg in cases:
            _progress(f"[{label}] {scale}: {name} {arg}...")
            r[name] = _case(name, url, arg)
        if scale == "authority":
            leavers_url = dbs.create("bench_leavers")
            _progress(f"[{label}] leavers: generating LEAVE with {args.leavers:,} leavers...")
            r["generate_leavers"] = _case("generate", leavers_url, json.dumps({**options, "scale": "leavers"}))
            for name in ("workbook", "workbook_baseline"):
                _progress(f"[{label}] leavers: {name}...")
                r[name] = _case(name, leavers_url)
            dbs.drop("bench_leavers")
        if scale == "authority" and label == "PostgreSQL" and not args.no_load:
            _progress(f"[{label}] load test: {args.load_users} users for {args.load_seconds} s...")
            r["load"] = _load(url, args.load_users, args.load_seconds)
        dbs.drop(f"bench_{scale}")
        results[scale] = r
    if "authority" in scales:
        url = dbs.create("bench_import")
        for name in ("import_staff", "import_baseline"):
            _progress(f"[{label}] {name} ({args.rows:,} rows)...")
            results[name] = _case(name, url, str(staff))
        dbs.drop("bench_import")
    dbs.drop("bench_template")
    return results


# ---------------------------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------------------------
def _machine() -> list[str]:
    import django

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")),
        "0",
    )
    lines = [
        f"- machine: {os.cpu_count()} cores ({cpu}), {int(memory) / 1024 / 1024:.0f} GB memory, "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, Django {django.get_version()}, SQLite {sqlite3.sqlite_version}",
    ]
    try:
        pg = subprocess.run(["psql", "--version"], capture_output=True, text=True, check=False).stdout.strip()  # noqa: S607
        lines.append(f"- {pg.replace('psql (PostgreSQL)', 'PostgreSQL')} (server started by scripts/pg.sh: fsync off)")
    except OSError:
        pass
    return lines


def _ratio(ours: float, base: float) -> float:
    return ours / base if base else float("inf")


def _met_ratio(ratio: float, target: float) -> str:
    return "yes" if ratio <= target else f"**no**: {ratio / target:.1f}× the target"


def _s(seconds: float) -> str:
    return f"{seconds:.3f} s" if seconds < 1 else f"{seconds:.2f} s"


def _mb(value: Any) -> str:
    return f"{value} MB" if value is not None else "–"


def _indicator_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    return result.get("rows", []) if result else []


def _targets(all_results: dict[str, dict[str, Any]], total: float) -> list[str]:
    lines = ["| target (issue 9) | backend | measured | met? |", "|---|---|---|---|"]
    for label, r in all_results.items():
        if "import_staff" in r:
            ratio = _ratio(r["import_staff"]["seconds"], r["import_baseline"]["seconds"])
            lines.append(f"| staff import ≤ {IMPORT_TARGET:g}× the csv + bulk insert baseline | {label} | "
                         f"{ratio:.2f}× | {_met_ratio(ratio, IMPORT_TARGET)} |")  # fmt: skip
        for scale in SCALES:
            for row in _indicator_rows(r.get(scale, {}).get("indicators")):
                lines.append(f"| {row['label']} ({scale}) ≤ {INDICATORS_TARGET:g}× hand-written SQL | {label} | "
                             f"{row['ratio']:.2f}× | {_met_ratio(row['ratio'], INDICATORS_TARGET)} |")  # fmt: skip
        if "workbook" in r.get("authority", {}):
            a = r["authority"]
            ratio = _ratio(a["workbook"]["seconds"], a["workbook_baseline"]["seconds"])
            lines.append(f"| turnover workbook ≤ {WORKBOOK_TARGET:g}× bare openpyxl write-only | {label} | "
                         f"{ratio:.2f}× | {_met_ratio(ratio, WORKBOOK_TARGET)} |")  # fmt: skip
        for scale in SCALES:
            pages = r.get(scale, {}).get("pages")
            if not pages:
                continue
            slow = {n: v[0] * 1000 for n, v in _page_items(pages) if v[0] * 1000 >= PAGE_TARGET_MS}
            worst = max((v[0] * 1000 for _, v in _page_items(pages)), default=0)
            met = (
                "yes"
                if not slow
                else "**no**: "
                + ", ".join(f"{n} {ms:.0f} ms ({ms - PAGE_TARGET_MS:.0f} ms over)" for n, ms in slow.items())
            )
            code = _largest(r[scale]["sizes"])
            lines.append(f"| main pages < {PAGE_TARGET_MS} ms ({code}, {pages['workers']:,} workers) | {label} | "
                         f"slowest {worst:.0f} ms | {met} |")  # fmt: skip
        constant = _constant_queries(r)
        if constant is not None:
            lines.append(f"| constant number of queries per page, whatever the authority's size | {label} | "
                         f"{constant[1]} | {constant[0]} |")  # fmt: skip
        if label == "PostgreSQL":
            for row in _indicator_rows(r.get("england", {}).get("indicators")):
                if row["label"].startswith("indicators, all"):
                    met = "yes" if row["seconds"] < ENGLAND_TARGET_S else (
                        f"**no**: {row['seconds'] - ENGLAND_TARGET_S:.1f} s over"
                    )  # fmt: skip
                    lines.append(f"| England-wide indicators for all authorities < {ENGLAND_TARGET_S:g} s | "
                                 f"{label} | {_s(row['seconds'])} | {met} |")  # fmt: skip
    met = "yes" if total < RUN_TARGET_S else f"**no**: {(total - RUN_TARGET_S) / 60:.1f} min over"
    lines.append(f"| the whole run < 15 min on this machine | both | {total / 60:.1f} min | {met} |")
    return lines


def _page_items(pages: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    return [(name, v) for name, v in pages.items() if isinstance(v, list)]


def _constant_queries(r: dict[str, Any]) -> tuple[str, str] | None:
    """Whether every page made the same number of queries for authorities of different sizes."""
    measured = [(scale, r[scale]["pages"]) for scale in SCALES if r.get(scale, {}).get("pages")]
    if len(measured) < 2:
        return None
    names = [n for n, _ in _page_items(measured[0][1])]
    differing = [n for n in names if len({p[n][1] for _, p in measured if n in p}) > 1]
    sizes = " / ".join(f"{p['workers']:,}" for _, p in measured)
    if not differing:
        return "yes", f"same queries at {sizes} workers"
    return "**no**: " + ", ".join(differing), f"compared at {sizes} workers"


def _generation(all_results: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        "| scale | backend | authorities | workers | rows written | generate (s) | peak memory |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, r in all_results.items():
        for scale in SCALES:
            if scale not in r:
                continue
            g, sizes = r[scale]["generate"], r[scale]["sizes"]
            counts = g["counts"]
            lines.append(
                f"| {scale} | {label} | {len(sizes)} | {sum(sizes.values()):,} | {g['rows']:,} "
                f"({counts.get('workforce_caseloadrecord', 0):,} caseload records, "
                f"{counts.get('workforce_assignment', 0):,} assignments, {counts.get('cpd_cpdrecord', 0):,} CPD "
                f"records, {counts.get('careers_evidence', 0):,} pieces of evidence) | {g['seconds']} | "
                f"{_mb(g['peak_mb'])} |"
            )
            if "generate_leavers" in r[scale]:
                g = r[scale]["generate_leavers"]
                lines.append(
                    f"| leavers (LEAVE, for the workbook; a database of its own) | {label} | 1 | "
                    f"{g['counts'].get('workforce_worker', 0):,} | {g['rows']:,} | {g['seconds']} | "
                    f"{_mb(g['peak_mb'])} |"
                )
    for label, r in all_results.items():
        lines.append(f"| (template: migrate + load_reference_data) | {label} | | | | {r['template']['seconds']} | |")
    return lines


def _measurements(label: str, r: dict[str, Any], rows: int) -> list[str]:
    lines = [
        f"### {label}",
        "",
        "| scale | measurement | ours | baseline | ratio | target | met? | peak memory (ours / baseline) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    bulk = "COPY" if label == "PostgreSQL" else "executemany"
    if "import_staff" in r:
        imp, base = r["import_staff"], r["import_baseline"]
        ratio = _ratio(imp["seconds"], base["seconds"])
        lines.append(
            f"| – | `import_workforce staff`, {rows:,} rows, vs csv module + {bulk} | {_s(imp['seconds'])} | "
            f"{_s(base['seconds'])} | {ratio:.2f}× | ≤ {IMPORT_TARGET:g}× | {_met_ratio(ratio, IMPORT_TARGET)} | "
            f"{_mb(imp['peak_mb'])} / {_mb(base['peak_mb'])} |"
        )
    for scale in SCALES:
        if scale not in r:
            continue
        s = r[scale]
        ind = s.get("indicators", {})
        if ind.get("missing"):
            lines.append(f"| {scale} | indicators | not measured: {ind['missing']} | | | | | |")
        for row in _indicator_rows(ind):
            match = "" if row.get("match", True) else " (**figures differ from the baseline's**)"
            lines.append(
                f"| {scale} | {row['label']}{match}, {row['queries']} queries | {_s(row['seconds'])} | "
                f"{_s(row['baseline_seconds'])} | {row['ratio']:.2f}× | ≤ {INDICATORS_TARGET:g}× | "
                f"{_met_ratio(row['ratio'], INDICATORS_TARGET)} | {_mb(row.get('peak_mb'))} (one process) |"
            )
        if "workbook" in s:
            wb, base = s["workbook"], s["workbook_baseline"]
            ratio = _ratio(wb["seconds"], base["seconds"])
            lines.append(
                f"| {scale} | turnover workbook, {wb['leaver_rows']:,} leaver rows (all sheets, {wb['queries']} "
                f"queries) vs bare openpyxl write-only of the leaver rows | {_s(wb['seconds'])} | "
                f"{_s(base['seconds'])} | {ratio:.2f}× | ≤ {WORKBOOK_TARGET:g}× | "
                f"{_met_ratio(ratio, WORKBOOK_TARGET)} | {_mb(wb['peak_mb'])} / {_mb(base['peak_mb'])} |"
            )
        if "portfolio_pdf" in s:
            pdf, base = s["portfolio_pdf"], s["portfolio_pdf_baseline"]
            lines.append(
                f"| {scale} | portfolio PDF of {pdf['pieces']} pieces of evidence ({pdf['pages']} pages, "
                f"{pdf['bytes'] / 1024:.0f} KB, {pdf['queries']} queries) vs bare reportlab of the same texts "
                f"({base['pages']} pages) | {_s(pdf['seconds'])} | {_s(base['seconds'])} | "
                f"{_ratio(pdf['seconds'], base['seconds']):.2f}× | none set | – | "
                f"{_mb(pdf['peak_mb'])} / {_mb(base['peak_mb'])} |"
            )
    return [*lines, ""]


def _pages(label: str, r: dict[str, Any]) -> list[str]:
    measured = [(scale, r[scale]["pages"], _largest(r[scale]["sizes"])) for scale in SCALES if r.get(scale, {})]
    measured = [m for m in measured if m[1]]
    if not measured:
        return []
    head = " | ".join(f"{code} ({p['workers']:,} workers, {scale})" for scale, p, code in measured)
    lines = [
        f"Main pages on {label} (Django test client, warm, median of 5; time and queries; the officer's pages and",
        f"My CPD of a social worker with {measured[0][1]['cpd_records']} CPD records):",
        "",
        f"| page | {head} | < {PAGE_TARGET_MS} ms? | constant queries? |",
        "|---|" + "---|" * len(measured) + "---|---|",
    ]
    for name, _ in _page_items(measured[0][1]):
        cells = [p[name] for _, p, _ in measured]
        fast = "yes" if all(c[0] * 1000 < PAGE_TARGET_MS for c in cells) else "**no**"
        constant = "yes" if len({c[1] for c in cells}) == 1 else "**no**"
        row = " | ".join(f"{c[0] * 1000:.0f} ms, {c[1]} queries" for c in cells)
        lines.append(f"| {name} | {row} | {fast} | {constant if len(cells) > 1 else '–'} |")
    peaks = ", ".join(f"{code} {_mb(p['peak_mb'])}" for _, p, code in measured)
    return [*lines, "", f"Peak memory of the page processes: {peaks}.", ""]


def _load_lines(load: dict[str, Any]) -> list[str]:
    total = load["total"]
    lines = [
        f"Load test (`benchmarks/load.py`): locust with {load['users']} simulated users for {load['seconds']} s "
        f"(think time 0.5–2 s) against gunicorn ({load['gunicorn']}, production settings) on loopback, on this",
        "PostgreSQL with the authority scale. Officers look at the dashboard and the staff list, team managers at",
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


def report(all_results: dict[str, dict[str, Any]], args: argparse.Namespace, command: str, total: float) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`{command}`) on {dt.date.today().isoformat()}; the whole run took "  # noqa: DTZ011
        f"{total / 60:.1f} min ({total:.0f} s). The design (scales, baselines, what is counted) is in",
        "[ADR 26](adr/0026-benchmarks.md). Every figure below was measured in this run: each measurement in a process",
        "of its own (peak memory is that process's maximum resident set, Django included), times are medians of",
        "repeated runs where a case repeats, and each baseline ran in the same run on the same data.",
        "",
        *_machine(),
        "",
        "## Targets",
        "",
        *_targets(all_results, total),
        "",
        "## Data",
        "",
        "Synthetic and seeded (benchmarks/data.py), written with COPY (PostgreSQL) or executemany (SQLite) in one",
        "transaction per scale; no history rows. Each worker has five years of assignments to the as-at date",
        "30 September 2025 (starters, leavers, internal moves, agency, part-time, every role including managers and",
        "posts that are not social work), monthly caseload records while in a case-holding role, absences (sickness",
        "and other), 2–4 CPD records in each of the current and previous registration years while in post, and 0–3",
        "pieces of evidence in mixed states; each team has establishment records. PostgreSQL is ANALYZEd after",
        "loading.",
        "",
        *_generation(all_results),
        "",
        "## Measurements",
        "",
    ]
    for label, r in all_results.items():
        lines += _measurements(label, r, args.rows)
        lines += _pages(label, r)
        if "load" in r.get("authority", {}):
            lines += _load_lines(r["authority"]["load"])
    skipped = []
    if "england" not in args.scale_list:
        skipped.append("the England scale (`--scales authority,region,england`)")
    elif not args.england_sqlite:
        skipped.append("the England scale on SQLite (`--no-england-sqlite`)")
    if args.no_load:
        skipped.append("the load test (`--no-load`)")
    if skipped:
        lines += ["Not run in this run: " + "; ".join(skipped) + ".", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="authority,region,england", help="comma-separated: " + ", ".join(SCALES))
    parser.add_argument(
        "--england-sqlite",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="run the England scale on SQLite too (default; it adds about 100 s)",
    )
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the staff file to import")
    parser.add_argument("--workers", type=int, default=1000, help="workers of the authority scale's LA")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-load", action="store_true", help="skip the load test (locust against gunicorn)")
    parser.add_argument("--load-users", type=int, default=20)
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the report")
    # Smaller data for trying the benchmarks out; the report says which sizes it measured.
    parser.add_argument("--leavers", type=int, default=50_000, help=argparse.SUPPRESS)
    parser.add_argument("--region-mean", type=int, default=300, help=argparse.SUPPRESS)
    parser.add_argument("--england-workers", type=int, default=45_000, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.scale_list = [s for s in SCALES if s in args.scales.split(",")]
    sys.path.insert(0, str(ROOT))
    from benchmarks.files import staff_file

    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        staff = staff_file(Path(tmp) / "staff.csv", args.rows)
        if not args.no_sqlite:
            scales = [s for s in args.scale_list if s != "england" or args.england_sqlite]
            results["SQLite"] = run_backend(SqliteDatabases(Path(tmp)), args, scales, staff)
        pg = os.environ.get("BENCH_DATABASE_URL")
        if pg and not args.no_postgres:
            results["PostgreSQL"] = run_backend(PostgresDatabases(pg), args, args.scale_list, staff)
    command = "python -m benchmarks.run " + " ".join(sys.argv[1:])
    total = time.perf_counter() - STARTED
    args.out.write_text(report(results, args, command.strip(), total))
    _progress(f"Wrote {args.out} ({total / 60:.1f} min)")


if __name__ == "__main__":
    main()
