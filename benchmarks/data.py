"""Synthetic data for the benchmarks at three scales, written as rows (PostgreSQL COPY, SQLite executemany).

The rows go straight into the tables in one transaction, not through model instances: an England of 45,000 workers
has about two million caseload records, which `bulk_create` would take many minutes to write. No history rows are
written (this is synthetic data, not anyone's records), and the audit columns (`created_by`, `updated_by`) are empty.

Authority codes (see docs/adr/0026-benchmarks.md):
- authority scale: "LA" (1,000 workers, 5 years of history) and "LEAVE" (50,000 leavers, for the turnover workbook);
- region scale: "R01".."R15", about 300 workers each (seeded sizes);
- England scale: "E001".."E150", 45,000 workers in all.

Everything is seeded, so the same sizes give the same rows; only CPD records follow the run date (they fall in the
current and previous registration year, so that My CPD shows this year's records).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from benchmarks.files import STAFF_HEADER  # noqa: F401  (re-exported for the cases)

AS_AT = dt.date(2025, 9, 30)
YEARS = 5
FIRST_DAY = AS_AT.replace(year=AS_AT.year - YEARS)
STAMP = dt.datetime(2025, 10, 1, 9, 0, tzinfo=dt.UTC)  # created_at / updated_at of every row

# Roles with weights: mostly case holders, some seniors and managers, a few posts that are not social work.
ROLE_WEIGHTS = {
    "case_holder": 58,
    "senior_practitioner": 12,
    "qualified_no_cases": 10,
    "first_line_manager": 9,
    "middle_manager": 4,
    "senior_manager": 2,
    "other": 5,
}
ROLES, WEIGHTS = list(ROLE_WEIGHTS), list(ROLE_WEIGHTS.values())
CASES = {"case_holder": (8, 26), "senior_practitioner": (6, 20), "first_line_manager": (0, 4)}
REASONS = ["resignation"] * 6 + ["retired", "dismissed", "other", "voluntary_redundancy", "not_known"]
LEAVER_ROLES = ["case_holder"] * 6 + ["senior_practitioner", "first_line_manager", "qualified_no_cases"]
LEAVER_REASONS = ["resignation"] * 5 + ["retired", "dismissed", "other"]
FTES = ["1", "1", "1", "1", "0.8", "0.8", "0.6", "0.5"]
FIRST_NAMES = ["Alex", "Sam", "Jo", "Priya", "Tom", "Aisha", "Chris", "Mei", "Kofi", "Ruth", "Dan", "Zara"]
ETHNICITIES = ["WBRI"] * 6 + ["WIRI", "WOTH", "MWBC", "AIND", "APKN", "BAFR", "BCRB", "CHNE", "OOTH", "REFU"]
ACTIVITIES = ["course", "elearning", "conference", "reading", "supervision", "peer_learning", "shadowing"]
EVIDENCE_STATES = ["draft"] * 5 + ["submitted"] * 5 + ["returned"] * 3 + ["accepted"] * 7
MY_CPD_RECORDS = 10  # worker 0 of every authority: in post in team T000, with this many CPD records this year
PORTFOLIO_PIECES = 100  # worker 1 of "LA": a progression application with this many accepted pieces

TEXT = (
    "Worked with the family over six weeks to agree a safety plan with the wider network; used a strengths-based "
    "approach and checked the plan with the child at each visit."
)
LONG_TEXT = " ".join([TEXT] * 4)


def _month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    out, month = [], dt.date(first.year, first.month, 1)
    while month <= last:
        end = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        out.append(end)
        month = end + dt.timedelta(days=1)
    return out


MONTH_ENDS = _month_ends(FIRST_DAY, AS_AT)


def region_sizes(mean: int = 300, seed: int = 15) -> dict[str, int]:
    """R01..R15: seeded sizes between half and one and a half times `mean`."""
    rng = random.Random(seed)
    return {f"R{i:02d}": rng.randint(mean // 2, mean * 3 // 2) for i in range(1, 16)}


def england_sizes(total: int = 45_000, seed: int = 150) -> dict[str, int]:
    """E001..E150: seeded, skewed sizes (a few large counties, many small authorities) adding up to `total`."""
    rng = random.Random(seed)
    weights = [rng.lognormvariate(0, 0.5) for _ in range(150)]
    scale = total / sum(weights)
    sizes = [max(10, round(w * scale)) for w in weights]
    sizes[sizes.index(max(sizes))] += total - sum(sizes)
    return {f"E{i + 1:03d}": size for i, size in enumerate(sizes)}


# ---------------------------------------------------------------------------------------------------------------
# Writing rows
# ---------------------------------------------------------------------------------------------------------------
class Writer:
    """Writes tuples into tables on the Django connection: COPY on PostgreSQL, executemany on SQLite.

    Primary keys are given here (each table's next id is read once), so that rows can name each other without a
    round trip; `finish()` moves PostgreSQL's identity sequences past them.
    """

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.raw = connection.connection  # psycopg or sqlite3 connection
        self.ids: dict[str, int] = {}
        self.counts: dict[str, int] = {}
        # A timestamp as each backend stores it (Django keeps naive UTC text in SQLite).
        self.stamp = STAMP.isoformat(" ") if self.postgres else STAMP.replace(tzinfo=None).isoformat(" ")
        if self.postgres:
            # The rows name only rows written before them, so the foreign-key triggers (a check per row at commit)
            # are switched off for this transaction: they took most of the load time. Needs a superuser, which
            # the benchmark's throw-away server (scripts/pg.sh) has.
            self.raw.execute("SET LOCAL session_replication_role = replica")

    def ts(self, value: dt.datetime) -> str:
        return value.isoformat(" ") if self.postgres else value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")

    def one(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...]:
        """One row of a query written with %s placeholders, on either backend."""
        cursor = self.raw.cursor()
        try:
            cursor.execute(sql if self.postgres else sql.replace("%s", "?"), params)
            return cursor.fetchone()
        finally:
            cursor.close()

    def next_id(self, table: str) -> int:
        if table not in self.ids:
            self.ids[table] = self.one(f"SELECT COALESCE(MAX(id), 0) FROM {table}")[0]  # noqa: S608 - our tables
        self.ids[table] += 1
        return self.ids[table]

    def write(self, table: str, columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        count = 0
        if self.postgres:
            with self.raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        else:
            rows = list(rows)
            marks = ", ".join("?" * len(columns))
            self.raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608
            count = len(rows)
        self.counts[table] = self.counts.get(table, 0) + count

    def finish(self) -> None:
        if not self.postgres:
            return
        for table in self.ids:
            self.one(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")  # noqa: S608


@dataclass
class Tables:
    """The rows of one authority, by table, before they are written."""

    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        self.rows.setdefault(table, []).append(row)


COLUMNS: dict[str, tuple[str, ...]] = {
    "workforce_authority": ("id", "created_at", "updated_at", "code", "name"),
    "workforce_servicearea": ("id", "created_at", "updated_at", "authority_id", "code", "name"),
    "workforce_team": ("id", "created_at", "updated_at", "authority_id", "service_area_id", "code", "name"),
    "workforce_establishment": ("id", "created_at", "updated_at", "team_id", "effective_from", "establishment_fte"),
    "workforce_worker": (
        "id", "created_at", "updated_at", "authority_id", "worker_id", "first_name", "last_name", "email",
        "swe_registration", "gender", "ethnicity", "archived_reason", "qualification_route", "start_origin",
        "leaver_destination", "pq_status",
    ),
    "workforce_assignment": (
        "id", "created_at", "updated_at", "worker_id", "team_id", "role", "job_title", "contract", "fte", "start_date",
        "end_date", "leaving_reason", "covers_vacancy",
    ),
    "workforce_caseloadrecord": (
        "id", "created_at", "updated_at", "worker_id", "date", "cases", "child_in_need", "child_protection",
        "child_in_care", "care_leaver", "other_cases",
    ),
    "workforce_absence": (
        "id", "created_at", "updated_at", "worker_id", "start_date", "end_date", "type", "working_days_lost",
    ),
    "cpd_cpdrecord": (
        "id", "created_at", "updated_at", "worker_id", "kind", "status", "registration_year", "title", "activity_type",
        "start_date", "end_date", "description", "learning", "impact", "peer_reflection", "peer_name", "peer_role",
        "standards", "standard_4_parts", "hours", "recorded_at",
    ),
    "careers_careerssettings": (
        "id", "created_at", "updated_at", "authority_id", "framework_version_id", "review_overdue_days",
    ),
    "careers_evidence": (
        "id", "created_at", "updated_at", "worker_id", "framework_version_id", "title", "practice_date",
        "what_happened", "what_i_did", "impact", "status", "submitted_at", "decided_at",
    ),
    "careers_evidence_items": ("evidence_id", "frameworkitem_id"),
    "careers_evidencetransition": ("evidence_id", "action", "from_status", "to_status", "by_id", "at", "comment"),
    "careers_careerlevel": (
        "id", "created_at", "updated_at", "authority_id", "code", "name", "order", "description",
        "min_accepted_evidence", "min_months_at_previous_level",
    ),
    "careers_panel": ("id", "created_at", "updated_at", "authority_id", "name"),
    "careers_progressionapplication": (
        "id", "created_at", "updated_at", "worker_id", "current_level_id", "level_sought_id", "panel_id", "statement",
        "status", "applied_by_id", "applied_at", "decision_reasons",
    ),
    "careers_progressionapplication_evidence": ("progressionapplication_id", "evidence_id"),
}  # fmt: skip
ORDER = list(COLUMNS)  # parents before children


@dataclass
class Context:
    """What every authority's rows need: the writer, the framework in use, a reviewer, today's CPD year."""

    writer: Writer
    framework_version_id: int
    framework_items: list[int]
    reviewer_id: int
    cpd_year: int


# ---------------------------------------------------------------------------------------------------------------
# One authority with history
# ---------------------------------------------------------------------------------------------------------------
def _authority(ctx: Context, out: Tables, code: str, teams: int) -> tuple[int, list[int]]:
    w, s = ctx.writer, ctx.writer.stamp
    authority_id = w.next_id("workforce_authority")
    out.add("workforce_authority", (authority_id, s, s, code, f"{code} Council"))
    out.add(
        "careers_careerssettings",
        (w.next_id("careers_careerssettings"), s, s, authority_id, ctx.framework_version_id, 10),
    )
    areas = []
    for a in range(max(1, teams // 8)):
        areas.append(w.next_id("workforce_servicearea"))
        out.add("workforce_servicearea", (areas[-1], s, s, authority_id, f"SA{a:02d}", f"Service area {a}"))
    team_ids = []
    for t in range(teams):
        team_ids.append(w.next_id("workforce_team"))
        row = (team_ids[-1], s, s, authority_id, areas[t % len(areas)], f"T{t:03d}", f"{code} team {t:03d}")
        out.add("workforce_team", row)
    return authority_id, team_ids


def _worker_history(
    ctx: Context, out: Tables, rng: random.Random, worker_id: int, team_ids: list[int], special: bool
) -> tuple[int, str, dt.date, dt.date | None]:
    """One worker's assignments (perhaps an internal move), monthly caseloads and absences.

    Returns the team, role, first day and last day (None while in post) of the latest assignment.
    """
    w, s = ctx.writer, ctx.writer.stamp
    span = (AS_AT - FIRST_DAY).days
    if special:
        role, contract, fte, team = "case_holder", "permanent", "1", team_ids[0]
        start, end = FIRST_DAY - dt.timedelta(days=900), None
    else:
        role = rng.choices(ROLES, WEIGHTS)[0]
        contract = "agency" if rng.random() < 0.12 else "permanent"
        fte, team = rng.choice(FTES), rng.choice(team_ids)
        if rng.random() < 0.5:  # a starter in the five years
            start = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
        else:
            start = FIRST_DAY - dt.timedelta(days=rng.randrange(1, 3650))
        end = start + dt.timedelta(days=rng.randrange(120, 2000)) if rng.random() < 0.35 else None
        if end is not None and end >= AS_AT:
            end = None
    covers = (rng.random() < 0.7) if contract == "agency" else None
    # An internal move: the first assignment ends the day before the second starts, in another team.
    first_day_here = max(start, FIRST_DAY)
    last_day_here = end or AS_AT
    periods = [(team, role, start, end)]
    if not special and rng.random() < 0.1 and (last_day_here - first_day_here).days > 120:
        move = first_day_here + dt.timedelta(days=rng.randrange(60, (last_day_here - first_day_here).days - 30))
        new_role = "senior_practitioner" if role == "case_holder" and rng.random() < 0.5 else role
        periods = [(team, role, start, move - dt.timedelta(days=1)), (rng.choice(team_ids), new_role, move, end)]
    for i, (p_team, p_role, p_start, p_end) in enumerate(periods):
        reason = "internal_move" if i < len(periods) - 1 else (rng.choice(REASONS) if p_end else "")
        out.add(
            "workforce_assignment",
            (w.next_id("workforce_assignment"), s, s, worker_id, p_team, p_role, "", contract, fte, p_start, p_end,
             reason, covers),
        )  # fmt: skip
    last_team, last_role = periods[-1][0], periods[-1][1]
    low_high = CASES.get(role)
    if low_high is not None:
        split = rng.random() < 0.5
        for month_end in MONTH_ENDS:
            if month_end < first_day_here or month_end > last_day_here:
                continue
            cases = rng.randint(*low_high)
            if split:
                cin, cp = cases // 3, cases // 5
                cic, cl = cases // 4, cases // 10
                row = (cin, cp, cic, cl, cases - cin - cp - cic - cl)
            else:
                row = (None, None, None, None, None)
            out.add("workforce_caseloadrecord", (w.next_id("workforce_caseloadrecord"), s, s, worker_id, month_end,
                                                 cases, *row))  # fmt: skip
    days = (last_day_here - first_day_here).days
    starts = {first_day_here + dt.timedelta(days=rng.randrange(max(1, days))) for _ in range(rng.randrange(0, 4))}
    for day in sorted(starts):
        length = rng.choice([1, 1, 2, 3, 5, 10])
        sickness = rng.random() < 0.8
        out.add(
            "workforce_absence",
            (w.next_id("workforce_absence"), s, s, worker_id, day, day + dt.timedelta(days=length - 1),
             "sickness" if sickness else "other", str(min(length, 5) if length < 7 else length * 5 // 7)),
        )  # fmt: skip
    return last_team, last_role, start, end


def _cpd(ctx: Context, out: Tables, rng: random.Random, worker_id: int, count: int, year: int) -> None:
    """`count` CPD records of the worker in the registration year; most recorded, some with peer reflection."""
    w, s = ctx.writer, ctx.writer.stamp
    first = dt.date(year - 1, 12, 1)
    last = min(dt.date(year, 11, 30), dt.date.today())  # noqa: DTZ011 - registration years follow the run date
    days = max(1, (last - first).days)
    for n in range(count):
        day = first + dt.timedelta(days=rng.randrange(days))
        recorded = rng.random() < 0.85
        peer = rng.random() < 0.4
        standards = json.dumps(["4"] if rng.random() < 0.5 else ["1", "4"])
        out.add(
            "cpd_cpdrecord",
            (w.next_id("cpd_cpdrecord"), s, s, worker_id, "written", "recorded" if recorded else "draft", year,
             f"Learning {n + 1}: {rng.choice(ACTIVITIES).replace('_', ' ')}", rng.choice(ACTIVITIES), day, None,
             TEXT, "What I learned about planning with families.", "How I now plan visits with the child.",
             "Reflected with a colleague on the plan." if peer else "", "A colleague" if peer else "",
             "Social worker" if peer else "", standards, json.dumps(["4.3"]), str(rng.choice([1, 2, 3, 7])),
             w.ts(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)) if recorded else None),
        )  # fmt: skip


def _evidence(ctx: Context, out: Tables, rng: random.Random, worker_id: int, state: str, title: str, text: str) -> int:
    """A piece of evidence in `state`, linked to one to three framework items, with its review transitions."""
    w, s = ctx.writer, ctx.writer.stamp
    evidence_id = w.next_id("careers_evidence")
    day = AS_AT - dt.timedelta(days=rng.randrange(30, 700))
    submitted = dt.datetime.combine(day + dt.timedelta(days=7), dt.time(10), tzinfo=dt.UTC)
    decided = submitted + dt.timedelta(days=5)
    out.add(
        "careers_evidence",
        (evidence_id, s, s, worker_id, ctx.framework_version_id, title, day, text, text, text, state,
         w.ts(submitted) if state != "draft" else None, w.ts(decided) if state in ("returned", "accepted") else None),
    )  # fmt: skip
    for item in rng.sample(ctx.framework_items, rng.randint(1, 3)):
        out.add("careers_evidence_items", (evidence_id, item))
    if state != "draft":
        out.add("careers_evidencetransition", (evidence_id, "submit", "draft", "submitted", ctx.reviewer_id,
                                               w.ts(submitted), ""))  # fmt: skip
    if state == "accepted":
        out.add("careers_evidencetransition", (evidence_id, "accept", "submitted", "accepted", ctx.reviewer_id,
                                               w.ts(decided), "Good evidence of direct work."))  # fmt: skip
    elif state == "returned":
        out.add("careers_evidencetransition", (evidence_id, "return", "submitted", "returned", ctx.reviewer_id,
                                               w.ts(decided), "Please say more about the impact."))  # fmt: skip
    return evidence_id


def authority_with_history(ctx: Context, code: str, workers: int, *, seed: int) -> None:
    """An authority of `workers` with five years of assignments, caseloads, absences, CPD and evidence."""
    rng = random.Random(seed)
    w, s = ctx.writer, ctx.writer.stamp
    out = Tables()
    authority_id, team_ids = _authority(ctx, out, code, max(3, workers // 25))
    in_team: dict[int, float] = dict.fromkeys(team_ids, 0.0)
    for i in range(workers):
        worker_id = w.next_id("workforce_worker")
        out.add(
            "workforce_worker",
            (worker_id, s, s, authority_id, f"{code}{i:06d}", FIRST_NAMES[i % len(FIRST_NAMES)], f"Worker{i}", "",
             f"SW{seed * 1_000_000 + i}", rng.choice("1222"), rng.choice(ETHNICITIES), "", "", "", "", ""),
        )  # fmt: skip
        team, role, start, end = _worker_history(ctx, out, rng, worker_id, team_ids, special=i < 2)
        if end is None and role != "other":
            in_team[team] += 1
        if end is None:  # CPD: people in post record it
            if i == 0:
                _cpd(ctx, out, rng, worker_id, MY_CPD_RECORDS, ctx.cpd_year)
            else:
                _cpd(ctx, out, rng, worker_id, rng.randint(2, 4), ctx.cpd_year)
            _cpd(ctx, out, rng, worker_id, rng.randint(2, 4), ctx.cpd_year - 1)
        for n in range(rng.choice([0, 1, 1, 2, 2, 3])):
            _evidence(ctx, out, rng, worker_id, rng.choice(EVIDENCE_STATES), f"Direct work {n + 1}", TEXT)
    # Establishment: a record from the first day, and a change a year before the as-at date.
    for team, count in in_team.items():
        for day, extra in ((FIRST_DAY, 1), (AS_AT.replace(year=AS_AT.year - 1), 3)):
            row = (w.next_id("workforce_establishment"), s, s, team, day, f"{count + extra:.2f}")
            out.add("workforce_establishment", row)
    _write(w, out)


def _write(writer: Writer, out: Tables) -> None:
    for table in ORDER:
        if table in out.rows:
            writer.write(table, COLUMNS[table], out.rows[table])


def portfolio(ctx: Context, code: str, pieces: int = PORTFOLIO_PIECES, *, seed: int = 7) -> None:
    """Worker 1 of the authority applies to be a senior practitioner with `pieces` accepted pieces of evidence."""
    rng = random.Random(seed)
    w, s = ctx.writer, ctx.writer.stamp
    out = Tables()
    worker_id, authority_id = w.one(
        "SELECT w.id, w.authority_id FROM workforce_worker w JOIN workforce_authority a ON a.id = w.authority_id "
        "WHERE a.code = %s AND w.worker_id = %s",
        (code, f"{code}000001"),
    )
    levels = []
    for order, (level_code, name) in enumerate((("SW", "Social worker"), ("SP", "Senior practitioner")), start=1):
        levels.append(w.next_id("careers_careerlevel"))
        out.add("careers_careerlevel", (levels[-1], s, s, authority_id, level_code, name, order, "", 0, 0))
    panel = w.next_id("careers_panel")
    out.add("careers_panel", (panel, s, s, authority_id, "Progression panel"))
    application = w.next_id("careers_progressionapplication")
    out.add(
        "careers_progressionapplication",
        (application, s, s, worker_id, levels[0], levels[1], panel, LONG_TEXT, "submitted", ctx.reviewer_id,
         w.ts(dt.datetime.combine(AS_AT, dt.time(9), tzinfo=dt.UTC)), ""),
    )  # fmt: skip
    for n in range(pieces):
        evidence_id = _evidence(ctx, out, rng, worker_id, "accepted", f"Portfolio piece {n + 1}", LONG_TEXT)
        out.add("careers_progressionapplication_evidence", (application, evidence_id))
    _write(w, out)


def authority_with_leavers(ctx: Context, code: str, leavers: int) -> None:
    """An authority whose year to AS_AT has `leavers` permanent leavers (and as many people in post)."""
    w, s = ctx.writer, ctx.writer.stamp
    out = Tables()
    authority_id, team_ids = _authority(ctx, out, code, 40)
    start = dt.date(2015, 4, 1)
    for i in range(leavers * 2):
        worker_id = w.next_id("workforce_worker")
        out.add(
            "workforce_worker",
            (worker_id, s, s, authority_id, f"{code}{i:06d}", "Sam", f"Leaver{i}", "", "", "", "", "", "", "", "", ""),
        )
        leaves = i % 2 == 0
        out.add(
            "workforce_assignment",
            (w.next_id("workforce_assignment"), s, s, worker_id, team_ids[i % len(team_ids)],
             LEAVER_ROLES[i % len(LEAVER_ROLES)], "", "permanent", "1", start,
             AS_AT - dt.timedelta(days=i % 360) if leaves else None,
             LEAVER_REASONS[i % len(LEAVER_REASONS)] if leaves else "", None),
        )  # fmt: skip
    _write(w, out)


# ---------------------------------------------------------------------------------------------------------------
# Scales
# ---------------------------------------------------------------------------------------------------------------
def scale_sizes(scale: str, *, workers: int = 1000, region_mean: int = 300, england: int = 45_000) -> dict[str, int]:
    """The authorities of a scale and their numbers of workers (the "leavers" scale holds LEAVE, leavers only)."""
    if scale == "leavers":
        return {}
    if scale == "authority":
        return {"LA": workers}
    if scale == "region":
        return region_sizes(region_mean)
    if scale == "england":
        return england_sizes(england)
    raise ValueError(scale)


def _context(writer: Writer) -> Context:
    from careers.models import FrameworkItem, FrameworkVersion
    from core.models import User
    from cpd.years import registration_year_for

    version = FrameworkVersion.objects.get(code="national-2023-12")
    items = list(
        FrameworkItem.objects.filter(version=version, kind__in=["principle", "outcome"]).values_list("pk", flat=True)
    )
    reviewer, _ = User.objects.get_or_create(email="bench.reviewer@example.org", defaults={"full_name": "Team Manager"})
    return Context(writer, version.pk, items, reviewer.pk, registration_year_for(dt.date.today()))  # noqa: DTZ011


def generate(scale: str, *, workers: int = 1000, leavers: int = 50_000, region_mean: int = 300,
             england: int = 45_000) -> dict[str, int]:  # fmt: skip
    """Write one scale into the (migrated, reference-data-loaded) database of the Django connection.

    Returns the rows written per table.
    """
    from django.db import connection, transaction

    with transaction.atomic():
        writer = Writer(connection)
        ctx = _context(writer)
        sizes = scale_sizes(scale, workers=workers, region_mean=region_mean, england=england)
        for n, (code, size) in enumerate(sizes.items()):
            authority_with_history(ctx, code, size, seed=n + 1)
        if scale == "authority":
            portfolio(ctx, "LA")
        if scale == "leavers":
            # A database of its own: 100,000 assignments in 40 teams beside LA's 1,000 in 40 would teach the planner
            # that a team holds 1,250 assignments, and LA's pages would be planned for that (ADR 26).
            authority_with_leavers(ctx, "LEAVE", leavers)
        writer.finish()
    return writer.counts
