"""One benchmark measurement in a process of its own: `python -m benchmarks.case NAME [ARG]` prints JSON.

DATABASE_URL names the database: the `template` case migrates it and loads the reference data, `generate` writes
one scale into a copy of it (benchmarks/data.py), and the other cases measure. A process per measurement keeps
each peak memory figure (the process's maximum resident set) its own.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
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


def template(arg: str) -> dict[str, Any]:
    """Migrate an empty database and load the reference data; the scales' databases are copies of it."""
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", stdout=io.StringIO())
    return {"seconds": round(time.perf_counter() - start, 1)}


def generate(arg: str) -> dict[str, Any]:
    """Write one scale (arg: JSON of `data.generate`'s arguments); ANALYZE on PostgreSQL, as autovacuum would."""
    options = json.loads(arg)
    start = time.perf_counter()
    counts = data.generate(**options)
    written = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "seconds": round(time.perf_counter() - start, 1),
        "write_seconds": round(written, 1),
        "rows": sum(counts.values()),
        "counts": counts,
        "peak_mb": _peak_mb(),
    }


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
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    call_command("import_workforce", "staff", str(path), "--authority", "IMP", stdout=out, stderr=err)
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
    """Interface 2 (docs/adr/0026-benchmarks.md): the indicators helper's `measure`, rows of dicts.

    arg: "CODE" for one authority, "CODE:all" to add the all-authorities row.
    """
    code, _, scope = arg.partition(":")
    try:
        from benchmarks.indicators_cases import measure
    except ImportError:
        return {"rows": [], "missing": "benchmarks/indicators_cases.py is not there yet", "peak_mb": _peak_mb()}
    rows = measure(authority_code=code, all_authorities=scope == "all")
    return {"rows": rows, "peak_mb": _peak_mb()}


def _application() -> Any:
    from careers.models import ProgressionApplication

    return ProgressionApplication.objects.get(worker__authority__code="LA", worker__worker_id="LA000001")


def portfolio_pdf(arg: str) -> dict[str, Any]:
    """What the panel's download does: the portfolio selector, then the PDF (careers/views/panels.py)."""
    from careers.exports.portfolio_pdf import PortfolioPdf
    from careers.selectors.applications import current_team, portfolio_for

    application = _application()

    def render() -> bytes:
        portfolio = portfolio_for(application=application)
        team = current_team(worker=application.worker, on=data.AS_AT)
        return PortfolioPdf(portfolio, team=team).render()

    seconds, queries, content = _timed(render, 3)
    return {
        "seconds": seconds,
        "queries": queries,
        "pieces": application.evidence.count(),
        "pages": len(re.findall(rb"/Type /Page[^s]", content)),
        "bytes": len(content),
        "peak_mb": _peak_mb(),
    }


def portfolio_pdf_baseline(arg: str) -> dict[str, Any]:
    """Bare reportlab: the same pieces' titles and three texts as paragraphs, fetched with one query, no tables."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    application = _application()

    def render() -> bytes:
        styles = getSampleStyleSheet()
        story = []
        rows = application.evidence.order_by("practice_date", "pk").values_list(
            "title", "what_happened", "what_i_did", "impact"
        )
        for title, *texts in rows:
            story.append(Paragraph(title, styles["Heading2"]))
            story += [Paragraph(text, styles["BodyText"]) for text in texts]
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer, pagesize=A4).build(story)
        return buffer.getvalue()

    seconds, queries, content = _timed(render, 3)
    return {
        "seconds": seconds,
        "queries": queries,
        "pages": len(re.findall(rb"/Type /Page[^s]", content)),
        "bytes": len(content),
        "peak_mb": _peak_mb(),
    }


def pages(arg: str) -> dict[str, Any]:
    """The main pages for authority `arg`: a workforce officer's, and My CPD of worker 0 (data.MY_CPD_RECORDS)."""
    from django.test import Client
    from django.urls import reverse

    from workforce.codes import UserRole
    from workforce.models import Authority, Team, Worker
    from workforce.services.accounts import role_assign, user_create, worker_link_user

    authority = Authority.objects.get(code=arg)
    team = Team.objects.get(authority=authority, code="T000")
    officer = user_create(email=f"bench.officer.{arg.lower()}@example.org")  # force_login: no password needed
    if not officer.role_assignments.exists():
        role_assign(user=officer, authority=authority, role=UserRole.WORKFORCE_OFFICER)
    social_worker = user_create(email=f"bench.worker.{arg.lower()}@example.org")
    worker = Worker.objects.get(authority=authority, worker_id=f"{arg}000000")
    if worker.user_id is None:
        worker_link_user(worker=worker, user=social_worker)
    if not social_worker.role_assignments.exists():
        role_assign(user=social_worker, authority=authority, role=UserRole.SOCIAL_WORKER)
    urls = {
        "dashboard": (officer, reverse("workforce:dashboard")),
        "staff list": (officer, reverse("workforce:staff_list")),
        "team page": (officer, reverse("workforce:team_detail", kwargs={"pk": team.pk})),
        "team caseloads": (officer, reverse("workforce:team_caseloads", kwargs={"pk": team.pk})),
        "My CPD": (social_worker, reverse("cpd:my_cpd")),
    }
    results: dict[str, Any] = {
        "workers": Worker.objects.filter(authority=authority).count(),
        "team_workers": team.assignments.filter(end_date__isnull=True).count(),
        "cpd_records": worker.cpd_records.count(),
    }
    for name, (user, url) in urls.items():
        client = Client()
        client.force_login(user)
        client.get(url)  # warm up
        seconds, queries, response = _timed(lambda client=client, url=url: client.get(url), REPEAT)
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
    team = Team.objects.get(authority=authority, code="T000")
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
    "template": template,
    "generate": generate,
    "load_users": load_users,
    "workbook": workbook,
    "workbook_baseline": workbook_baseline,
    "import_staff": import_staff,
    "import_baseline": import_baseline,
    "indicators": indicators,
    "portfolio_pdf": portfolio_pdf,
    "portfolio_pdf_baseline": portfolio_pdf_baseline,
    "pages": pages,
}

if __name__ == "__main__":
    name, arg = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "")
    print(json.dumps(CASES[name](arg)))
