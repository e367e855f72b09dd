"""One benchmark measurement in a process of its own: `python -m benchmarks.case NAME [ARG]` prints JSON.

DATABASE_URL names the database, already migrated and loaded by the `setup` case.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks import data  # noqa: E402

REPEAT = 5


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _timed(func: Callable[[], Any], repeat: int = 1) -> tuple[float, int, Any]:
    """Median seconds over `repeat` runs, the queries of one run, and its result."""
    times, result, queries = [], None, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            result = func()
            times.append(time.perf_counter() - start)
        queries = len(ctx.captured_queries)
    return round(statistics.median(times), 4), queries, result


def setup(arg: str) -> dict[str, Any]:
    call_command("migrate", verbosity=0)
    workers = int(arg or 1000)
    start = time.perf_counter()
    data.authority_with_history("LA", workers)
    data.authority_with_leavers("LEAVE", 50_000)
    if connection.vendor == "postgresql":
        # A live database has statistics (autovacuum keeps them); a freshly bulk-loaded one does not.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"seconds": round(time.perf_counter() - start, 1), "workers": workers}


def workbook(arg: str) -> dict[str, Any]:
    from workforce.models import Authority
    from workforce.turnover import TurnoverScope, write_turnover_workbook

    scope = TurnoverScope(authority=Authority.objects.get(code="LEAVE"))
    with tempfile.TemporaryDirectory() as tmp:
        seconds, queries, counts = _timed(
            lambda: write_turnover_workbook(scope=scope, as_at=data.AS_AT, target=str(Path(tmp) / "t.xlsx"))
        )
        size = (Path(tmp) / "t.xlsx").stat().st_size
    return {
        "seconds": seconds,
        "queries": queries,
        "leaver_rows": counts["Leavers"],
        "bytes": size,
        "peak_mb": _peak_mb(),
    }


def workbook_baseline(arg: str) -> dict[str, Any]:
    """Bare openpyxl write-only: the same leaver rows, fetched with one plain query, on one sheet."""
    from openpyxl import Workbook

    from workforce.models import Assignment

    def run() -> int:
        rows = (
            Assignment.objects.filter(team__authority__code="LEAVE", end_date__isnull=False)
            .values_list(
                "worker__worker_id", "worker__first_name", "worker__last_name", "team__name", "role", "contract",
                "fte", "start_date", "end_date", "leaving_reason",
            )
            .iterator(chunk_size=5000)
        )  # fmt: skip
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Leavers")
        ws.append(["worker_id", "first", "last", "team", "role", "contract", "fte", "start", "end", "reason"])
        count = 0
        for row in rows:
            ws.append(list(row))
            count += 1
        with tempfile.TemporaryDirectory() as tmp:
            wb.save(str(Path(tmp) / "b.xlsx"))
        return count

    seconds, queries, count = _timed(run)
    return {"seconds": seconds, "queries": queries, "leaver_rows": count, "peak_mb": _peak_mb()}


def import_staff(arg: str) -> dict[str, Any]:
    path = Path(arg)
    code = f"IMP{int(time.time() * 1000) % 10_000_000}"
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    call_command("import_workforce", "staff", str(path), "--authority", code, stdout=out, stderr=err)
    seconds = round(time.perf_counter() - start, 2)
    return {"seconds": seconds, "summary": out.getvalue().strip()[:200], "peak_mb": _peak_mb()}


def import_baseline(arg: str) -> dict[str, Any]:
    """The same rows parsed with the csv module and inserted as they are: COPY on PostgreSQL, executemany on SQLite."""
    path = Path(arg)
    columns = ", ".join(f"{c} text" for c in data.STAFF_HEADER)
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_staff")
        cursor.execute(f"CREATE TABLE bench_staff ({columns})")  # noqa: S608
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            next(reader)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY bench_staff ({', '.join(data.STAFF_HEADER)}) FROM STDIN") as copy:
                    for row in reader:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" * len(data.STAFF_HEADER))
                cursor.executemany(f"INSERT INTO bench_staff VALUES ({marks})", list(reader))  # noqa: S608
        cursor.execute("DROP TABLE bench_staff")
    return {"seconds": round(time.perf_counter() - start, 2), "peak_mb": _peak_mb()}


def indicators(arg: str) -> dict[str, Any]:
    from workforce.indicators import compute_indicators, indicator_series, indicators_by_team
    from workforce.models import Authority

    authority = Authority.objects.get(code="LA")
    one, one_q, result = _timed(lambda: compute_indicators(authority=authority, as_at=data.AS_AT), REPEAT)
    series, series_q, _ = _timed(lambda: indicator_series(authority=authority, end=data.AS_AT), 3)
    teams, teams_q, _ = _timed(lambda: indicators_by_team(authority=authority, as_at=data.AS_AT), REPEAT)
    return {
        "one_date": [one, one_q],
        "series_24": [series, series_q],
        "by_team": [teams, teams_q],
        "turnover_rate": str(result.turnover_rate),
        "peak_mb": _peak_mb(),
    }


def pages(arg: str) -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse

    from workforce.codes import UserRole
    from workforce.models import Authority, Team
    from workforce.services.accounts import role_assign, user_create

    authority = Authority.objects.get(code="LA")
    team = Team.objects.filter(authority=authority).order_by("code").first()
    officer = user_create(email="bench.officer@example.org")  # force_login: no password needed
    role_assign(user=officer, authority=authority, role=UserRole.WORKFORCE_OFFICER)
    client = Client()
    client.force_login(officer)
    urls = {
        "dashboard": reverse("workforce:dashboard"),
        "staff list": reverse("workforce:staff_list"),
        "team page": reverse("workforce:team_detail", kwargs={"pk": team.pk}),
        "team caseloads": reverse("workforce:caseload_overview") + f"?team={team.pk}",
    }
    results = {}
    for name, url in urls.items():
        client.get(url)  # warm up
        seconds, queries, response = _timed(lambda url=url: client.get(url), REPEAT)
        results[name] = [seconds, queries, response.status_code]
    results["peak_mb"] = _peak_mb()
    return results


def load_users(arg: str) -> dict[str, Any]:
    """Logins for the load test in the large authority (password `arg`): a workforce officer, the first team's
    manager, and a social worker linked to a worker in post in that team. Idempotent.
    """
    from axes.models import AccessAttempt

    from workforce.codes import UserRole
    from workforce.models import Assignment, Authority, Team, Worker
    from workforce.services.accounts import role_assign, user_create, worker_link_user

    authority = Authority.objects.get(code="LA")
    team = Team.objects.filter(authority=authority).order_by("code").first()
    logins = {
        "officer": ("load.officer@example.org", UserRole.WORKFORCE_OFFICER, {}),
        "manager": ("load.manager@example.org", UserRole.TEAM_MANAGER, {"team": team}),
        "worker": ("load.worker@example.org", UserRole.SOCIAL_WORKER, {}),
    }
    users = {}
    AccessAttempt.objects.all().delete()  # a fresh run starts with no lock-outs
    for key, (email, role, kwargs) in logins.items():
        users[key] = user = user_create(email=email, password=arg)
        user.set_password(arg)  # with the hasher of the settings in force (the server's)
        user.save(update_fields=["password"])
        if not user.role_assignments.filter(role=role).exists():
            role_assign(user=user, authority=authority, role=role, **kwargs)
    worker = Worker.objects.filter(user=users["worker"]).first()
    if worker is None:
        in_post = Assignment.objects.filter(team=team, end_date__isnull=True, worker__user__isnull=True)
        worker = in_post.select_related("worker").order_by("worker__worker_id").first().worker
        worker_link_user(worker=worker, user=users["worker"])
    return {"logins": {k: v[0] for k, v in logins.items()}, "team_pk": team.pk, "worker_pk": worker.pk}


CASES = {
    "load_users": load_users,
    "setup": setup,
    "workbook": workbook,
    "workbook_baseline": workbook_baseline,
    "import_staff": import_staff,
    "import_baseline": import_baseline,
    "indicators": indicators,
    "pages": pages,
}

if __name__ == "__main__":
    name, arg = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "")
    started = dt.datetime.now(tz=dt.UTC)
    print(json.dumps(CASES[name](arg)))
