"""Synthetic data for the benchmarks, written with bulk_create (no history: this is not user data)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from benchmarks.files import STAFF_HEADER  # noqa: F401  (re-exported for the cases)
from workforce.codes import AbsenceType, Contract, LeavingReason, Role
from workforce.models import Absence, Assignment, Authority, CaseloadRecord, Establishment, ServiceArea, Team, Worker

AS_AT = dt.date(2025, 9, 30)
ROLES = [Role.CASE_HOLDER] * 6 + [Role.SENIOR_PRACTITIONER, Role.FIRST_LINE_MANAGER, Role.QUALIFIED_NO_CASES]
REASONS = [LeavingReason.RESIGNATION] * 5 + [LeavingReason.RETIRED, LeavingReason.DISMISSED, LeavingReason.OTHER]


def _teams(authority: Authority, count: int) -> list[Team]:
    area = ServiceArea.objects.create(authority=authority, code="SA", name="Children's services")
    return Team.objects.bulk_create(
        Team(authority=authority, service_area=area, code=f"T{i:03d}", name=f"Team {i}") for i in range(count)
    )


def authority_with_history(code: str, workers: int, *, years: int = 5, seed: int = 1) -> Authority:
    """An authority of `workers` social workers with `years` of assignments, monthly caseloads and absences."""
    rng = random.Random(seed)
    authority = Authority.objects.create(code=code, name=f"{code} Council")
    teams = _teams(authority, max(5, workers // 25))
    for team in teams:
        Establishment.objects.create(
            team=team, effective_from=AS_AT.replace(year=AS_AT.year - years), establishment_fte=26
        )
    first_day = AS_AT.replace(year=AS_AT.year - years)
    span = (AS_AT - first_day).days
    people = Worker.objects.bulk_create(
        Worker(authority=authority, worker_id=f"{code}{i:06d}", first_name="Alex", last_name=f"Worker{i}",
               swe_registration=f"SW{i + 1}")
        for i in range(workers)
    )  # fmt: skip
    assignments, caseloads, absences = [], [], []
    for worker in people:
        start = first_day + dt.timedelta(days=rng.randrange(span)) if rng.random() < 0.6 else first_day
        end = start + dt.timedelta(days=rng.randrange(200, 1500)) if rng.random() < 0.3 else None
        if end is not None and end > AS_AT:
            end = None
        contract = Contract.AGENCY if rng.random() < 0.15 else Contract.PERMANENT
        assignments.append(
            Assignment(worker=worker, team=rng.choice(teams), role=rng.choice(ROLES), contract=contract,
                       fte=Decimal(rng.choice(["1", "1", "1", "0.8", "0.6"])), start_date=start, end_date=end,
                       leaving_reason=rng.choice(REASONS) if end else "",
                       covers_vacancy=(rng.random() < 0.7) if contract == Contract.AGENCY else None)
        )  # fmt: skip
        month = dt.date(start.year, start.month, 1)
        last = end or AS_AT
        while month <= last:
            month_end = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            caseloads.append(CaseloadRecord(worker=worker, date=month_end, cases=rng.randrange(0, 28)))
            month = month_end + dt.timedelta(days=1)
        for _ in range(rng.randrange(0, 4)):
            day = start + dt.timedelta(days=rng.randrange(max(1, (last - start).days)))
            absences.append(
                Absence(worker=worker, start_date=day, end_date=day + dt.timedelta(days=2),
                        type=AbsenceType.SICKNESS if rng.random() < 0.8 else AbsenceType.OTHER,
                        working_days_lost=Decimal(rng.randrange(1, 4)))
            )  # fmt: skip
    Assignment.objects.bulk_create(assignments, batch_size=2000)
    CaseloadRecord.objects.bulk_create(caseloads, batch_size=5000)
    Absence.objects.bulk_create(absences, batch_size=2000, ignore_conflicts=True)
    return authority


def authority_with_leavers(code: str, leavers: int) -> Authority:
    """An authority whose year to AS_AT has `leavers` permanent leavers (and as many people in post)."""
    authority = Authority.objects.create(code=code, name=f"{code} Council")
    teams = _teams(authority, 40)
    people = Worker.objects.bulk_create(
        (Worker(authority=authority, worker_id=f"{code}{i:06d}", first_name="Sam", last_name=f"Leaver{i}")
         for i in range(leavers * 2)),
        batch_size=5000,
    )  # fmt: skip
    start = dt.date(2015, 4, 1)
    rows = []
    for i, worker in enumerate(people):
        leaves = i % 2 == 0
        rows.append(
            Assignment(worker=worker, team=teams[i % len(teams)], role=ROLES[i % len(ROLES)],
                       contract=Contract.PERMANENT,
                       fte=Decimal("1"), start_date=start,
                       end_date=AS_AT - dt.timedelta(days=i % 360) if leaves else None,
                       leaving_reason=REASONS[i % len(REASONS)] if leaves else "")
        )  # fmt: skip
    Assignment.objects.bulk_create(rows, batch_size=5000)
    return authority
