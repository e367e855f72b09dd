"""The workforce indicators of spec section 3, computed in the database.

One module serves the dashboard, the exports, the import preview and the ``workforce_indicators`` command, so
they always agree. Every figure is a database aggregate; Python only rounds and divides the totals (and clamps
each team's vacancy in Decimal).

The ORM chooses the rows that count (the scope's assignments, the starters without a continuation, the sickness
absences with the assignment in effect); their compiled SQL is joined to the as-at dates, a ``VALUES`` list, and
aggregated per date. So a list of dates, or all authorities at once (``indicators_by_authority``), takes five
queries whatever the number of dates, rows, teams or authorities: in post/agency/leavers, starters, vacancies,
sickness absence and caseloads. See ``docs/indicators.md`` and ADR 24.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connections
from django.db.models import (
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)

from workforce.codes import MANAGER_ROLES, AbsenceType, Contract, LeavingReason, Role
from workforce.models import Assignment, Authority, CaseloadRecord, Establishment, ServiceArea, Team, Worker

SERIES_MONTHS = 24
CASELOAD_WINDOW_DAYS = 31
WORKING_DAYS_PER_FTE = 253
AUTHORITY_SCOPE = "authority"

ZERO = Decimal("0")
ONE = Decimal("1")
HUNDRED = Decimal("100")
RATE_QUANTUM = Decimal("0.1")
FTE_QUANTUM = Decimal("0.01")

# The keys of the command's JSON object, in the order spec section 5 gives them.
INDICATOR_KEYS = (
    "as_at",
    "period_start",
    "period_end",
    "scope",
    "social_workers_headcount",
    "social_workers_fte",
    "agency_headcount",
    "agency_fte",
    "leavers_headcount",
    "leavers_fte",
    "starters_headcount",
    "starters_fte",
    "turnover_rate",
    "agency_rate",
    "vacancy_fte",
    "vacancy_rate",
    "case_holders_fte",
    "cases",
    "average_caseload",
    "sickness_days_lost",
    "absence_rate",
    "practice_leader_turnover_rate",
)
INTEGER_KEYS = frozenset(
    {"social_workers_headcount", "agency_headcount", "leavers_headcount", "starters_headcount", "cases"}
)
DATE_KEYS = frozenset({"as_at", "period_start", "period_end"})
RATE_KEYS = (
    "turnover_rate",
    "agency_rate",
    "vacancy_rate",
    "average_caseload",
    "absence_rate",
    "practice_leader_turnover_rate",
)
# The dashboard's extra figures (spec section 3, "as the DfE's children's social care dashboard shows them").
EXTRA_RATE_KEYS = ("headcount_turnover_rate", "agency_cover_rate", "vacancy_agency_cover_rate", "days_lost_per_fte")

INDICATOR_LABELS = {
    "as_at": "As at",
    "period_start": "Year from",
    "period_end": "Year to",
    "scope": "Scope",
    "social_workers_headcount": "Social workers in post (headcount)",
    "social_workers_fte": "Social workers in post (FTE)",
    "agency_headcount": "Agency workers in post (headcount)",
    "agency_fte": "Agency workers in post (FTE)",
    "leavers_headcount": "Leavers in the year (headcount)",
    "leavers_fte": "Leavers in the year (FTE)",
    "starters_headcount": "Starters in the year (headcount)",
    "starters_fte": "Starters in the year (FTE)",
    "turnover_rate": "Turnover rate (%)",
    "agency_rate": "Agency rate (%)",
    "vacancy_fte": "Vacancies (FTE)",
    "vacancy_rate": "Vacancy rate (%)",
    "case_holders_fte": "Case holders (FTE)",
    "cases": "Cases",
    "average_caseload": "Average caseload",
    "sickness_days_lost": "Sickness days lost in the year",
    "absence_rate": "Sickness absence rate (%)",
    "practice_leader_turnover_rate": "Practice leader turnover rate (%)",
    "manager_leavers_fte": "Manager leavers in the year (FTE)",
    "manager_social_workers_fte": "Managers in post (FTE)",
    "agency_covering_vacancies_fte": "Agency workers covering vacancies (FTE)",
    "headcount_turnover_rate": "Turnover rate, headcount (%)",
    "agency_cover_rate": "Agency cover rate (%)",
    "vacancy_agency_cover_rate": "Vacancies covered by agency workers (%)",
    "days_lost_per_fte": "Sickness days lost per FTE",
}

INDICATOR_DEFINITIONS = {
    "social_workers_fte": "Permanent assignments (fixed-term included) in post at the date; role 'other' left out.",
    "agency_fte": "Agency assignments in post at the date.",
    "leavers_fte": "Permanent assignments that ended in the year for a reason other than an internal move.",
    "starters_fte": "Permanent assignments that started in the year and do not continue an internal move.",
    "turnover_rate": "Leavers FTE ÷ social workers FTE × 100.",
    "agency_rate": "Agency FTE ÷ (agency FTE + social workers FTE) × 100.",
    "vacancy_fte": "For each team, establishment FTE at the date less its social workers FTE (never below 0).",
    "vacancy_rate": "Vacancy FTE ÷ (vacancy FTE + social workers FTE) × 100.",
    "case_holders_fte": "Workers in post whose latest caseload record in the 31 days to the date shows a case.",
    "cases": "Cases on the case holders' latest caseload records.",
    "average_caseload": "Cases ÷ case holders FTE.",
    "sickness_days_lost": "Working days lost to sickness absences that started in the year, permanent staff.",
    "absence_rate": "Sickness days lost ÷ (social workers FTE × 253 working days) × 100.",
    "practice_leader_turnover_rate": "Manager leavers FTE ÷ managers in post FTE × 100 (managers: senior, middle "
    "and first-line).",
}

NO_SOCIAL_WORKERS = "no social workers in post at this date"
NULL_REASONS = {
    "turnover_rate": NO_SOCIAL_WORKERS,
    "agency_rate": "no social workers or agency workers in post at this date",
    "vacancy_rate": "no social workers in post and no vacancies at this date",
    "average_caseload": "no case holders at this date (no caseload record with cases in the 31 days to it)",
    "absence_rate": NO_SOCIAL_WORKERS,
    "practice_leader_turnover_rate": "no managers in post at this date",
    "headcount_turnover_rate": NO_SOCIAL_WORKERS,
    "agency_cover_rate": "no agency workers in post at this date",
    "vacancy_agency_cover_rate": "no vacancies at this date",
    "days_lost_per_fte": NO_SOCIAL_WORKERS,
}


# ---------------------------------------------------------------------------
# Rounding and rates: the published national figures are reproduced through these (tests/workforce).
# ---------------------------------------------------------------------------
def _decimal(value: Decimal | int | float | str | None) -> Decimal:
    if value is None:
        return ZERO
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # SQLite hands back sums as floats; 15 significant digits drop the binary noise (as Django does).
        return Decimal(repr(value)) if abs(value) >= 1e15 else Decimal(f"{value:.15g}")
    return Decimal(value)


def round_rate(value: Decimal | int) -> Decimal:
    """A rate or an average to one decimal place, half up, as the DfE publishes them."""
    return _decimal(value).quantize(RATE_QUANTUM, rounding=ROUND_HALF_UP)


def round_fte(value: Decimal | int | None) -> Decimal:
    """An FTE or a number of days to two decimal places, half up."""
    return _decimal(value).quantize(FTE_QUANTUM, rounding=ROUND_HALF_UP)


round_days = round_fte


def rate(
    numerator: Decimal | int | str, denominator: Decimal | int | str, *, per: Decimal | int = HUNDRED
) -> Decimal | None:
    """``numerator ÷ denominator × per``, rounded like a published rate; None when the denominator is zero."""
    denominator = _decimal(denominator)
    if denominator == 0:
        return None
    return round_rate(_decimal(numerator) * _decimal(per) / denominator)


def average(numerator: Decimal | int | str, denominator: Decimal | int | str) -> Decimal | None:
    """``numerator ÷ denominator`` to one decimal place (the average caseload); None when nothing to divide by."""
    return rate(numerator, denominator, per=ONE)


# ---------------------------------------------------------------------------
# Dates.
# ---------------------------------------------------------------------------
def year_before(on: dt.date) -> dt.date:
    """The same day a year earlier; 29 February gives 28 February."""
    try:
        return on.replace(year=on.year - 1)
    except ValueError:
        return on.replace(year=on.year - 1, day=28)


def period_start(on: dt.date) -> dt.date:
    """The first day of the year ending on a date: P = (on minus one year, on]."""
    return year_before(on) + dt.timedelta(days=1)


def month_end(on: dt.date) -> dt.date:
    """The last day of the month of a date."""
    next_month = (on.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return next_month - dt.timedelta(days=1)


def month_ends(end: dt.date, months: int = SERIES_MONTHS) -> list[dt.date]:
    """The ``months`` month ends up to ``end`` (``end`` itself when it is a month end), oldest first."""
    last = end if month_end(end) == end else end.replace(day=1) - dt.timedelta(days=1)
    dates = [last]
    while len(dates) < months:
        dates.append(dates[-1].replace(day=1) - dt.timedelta(days=1))
    return dates[::-1]


class DayBefore(Func):
    """The day before a date column, as a DATE on every backend.

    Django's ``date - timedelta`` gives a datetime string on SQLite, which never equals a stored date.
    """

    output_field = DateField()
    template = "(%(expressions)s - 1)"  # PostgreSQL: date - integer is a date

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, list[Any]]:
        return super().as_sql(compiler, connection, template="date(%(expressions)s, '-1 day')", **extra_context)


# ---------------------------------------------------------------------------
# The result.
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Indicators:
    """The indicators for one scope and as-at date; the first fields are the JSON keys of spec section 5."""

    as_at: dt.date
    period_start: dt.date
    period_end: dt.date
    scope: str
    social_workers_headcount: int
    social_workers_fte: Decimal
    agency_headcount: int
    agency_fte: Decimal
    leavers_headcount: int
    leavers_fte: Decimal
    starters_headcount: int
    starters_fte: Decimal
    turnover_rate: Decimal | None
    agency_rate: Decimal | None
    vacancy_fte: Decimal
    vacancy_rate: Decimal | None
    case_holders_fte: Decimal
    cases: int
    average_caseload: Decimal | None
    sickness_days_lost: Decimal
    absence_rate: Decimal | None
    practice_leader_turnover_rate: Decimal | None
    # Components and the dashboard's extra figures; not in the command's JSON.
    manager_leavers_fte: Decimal = ZERO
    manager_social_workers_fte: Decimal = ZERO
    agency_covering_vacancies_fte: Decimal = ZERO
    headcount_turnover_rate: Decimal | None = None
    agency_cover_rate: Decimal | None = None
    vacancy_agency_cover_rate: Decimal | None = None
    days_lost_per_fte: Decimal | None = None

    def as_json_dict(self) -> dict[str, Any]:
        """The spec's JSON object: dates as ISO strings, headcounts and cases as int, the rest float or None."""
        out: dict[str, Any] = {}
        for key in INDICATOR_KEYS:
            value = getattr(self, key)
            if key in DATE_KEYS:
                out[key] = value.isoformat()
            elif key == "scope":
                out[key] = value
            elif key in INTEGER_KEYS:
                out[key] = int(value)
            else:
                out[key] = None if value is None else float(value)
        return out

    def null_reason(self, key: str) -> str | None:
        """Why a rate is null (for pages and the command), or None when it has a value."""
        if key in NULL_REASONS and getattr(self, key) is None:
            return NULL_REASONS[key]
        return None

    @property
    def null_reasons(self) -> dict[str, str]:
        return {key: reason for key in NULL_REASONS if (reason := self.null_reason(key))}


INDICATOR_FIELDS = tuple(f.name for f in fields(Indicators))


@dataclass
class Totals:
    """The exact (unrounded) totals behind the indicators of one scope at one date.

    The database fills them in; the national figures test fills them with the DfE's published components.
    """

    social_workers_headcount: int = 0
    social_workers_fte: Decimal = ZERO
    agency_headcount: int = 0
    agency_fte: Decimal = ZERO
    agency_covering_vacancies_fte: Decimal = ZERO
    leavers_headcount: int = 0
    leavers_fte: Decimal = ZERO
    manager_leavers_fte: Decimal = ZERO
    manager_social_workers_fte: Decimal = ZERO
    starters_headcount: int = 0
    starters_fte: Decimal = ZERO
    vacancy_fte: Decimal = ZERO
    case_holders_fte: Decimal = ZERO
    cases: int = 0
    sickness_days_lost: Decimal = ZERO

    def set(self, name: str, value: Any) -> None:
        current = getattr(self, name)
        setattr(self, name, int(value or 0) if isinstance(current, int) else _decimal(value))


def indicators_from_totals(*, as_at: dt.date, scope: str, totals: Totals) -> Indicators:
    """The indicators from exact totals: every rate is computed here, before any rounding, then rounded."""
    on, f = as_at, totals
    return Indicators(
        as_at=on,
        period_start=period_start(on),
        period_end=on,
        scope=scope,
        social_workers_headcount=f.social_workers_headcount,
        social_workers_fte=round_fte(f.social_workers_fte),
        agency_headcount=f.agency_headcount,
        agency_fte=round_fte(f.agency_fte),
        leavers_headcount=f.leavers_headcount,
        leavers_fte=round_fte(f.leavers_fte),
        starters_headcount=f.starters_headcount,
        starters_fte=round_fte(f.starters_fte),
        turnover_rate=rate(f.leavers_fte, f.social_workers_fte),
        agency_rate=rate(f.agency_fte, f.agency_fte + f.social_workers_fte),
        vacancy_fte=round_fte(f.vacancy_fte),
        vacancy_rate=rate(f.vacancy_fte, f.vacancy_fte + f.social_workers_fte),
        case_holders_fte=round_fte(f.case_holders_fte),
        cases=f.cases,
        average_caseload=average(f.cases, f.case_holders_fte),
        sickness_days_lost=round_days(f.sickness_days_lost),
        absence_rate=rate(f.sickness_days_lost, f.social_workers_fte * WORKING_DAYS_PER_FTE),
        practice_leader_turnover_rate=rate(f.manager_leavers_fte, f.manager_social_workers_fte),
        manager_leavers_fte=round_fte(f.manager_leavers_fte),
        manager_social_workers_fte=round_fte(f.manager_social_workers_fte),
        agency_covering_vacancies_fte=round_fte(f.agency_covering_vacancies_fte),
        headcount_turnover_rate=rate(f.leavers_headcount, f.social_workers_headcount),
        agency_cover_rate=rate(f.agency_covering_vacancies_fte, f.agency_fte),
        vacancy_agency_cover_rate=rate(f.agency_covering_vacancies_fte, f.vacancy_fte),
        days_lost_per_fte=average(f.sickness_days_lost, f.social_workers_fte),
    )


# ---------------------------------------------------------------------------
# The queries. Each adds {group key: [figures per date]} to ``out``; the group key is None for a whole scope.
#
# The rows that count are chosen by the ORM (the scope's assignments, the starters without a continuation, the
# absences with the assignment in effect), compiled to SQL and used as a CTE; the dates are a VALUES list joined to
# those rows, so each figure is one aggregate grouped by date instead of one conditional aggregate per date (a
# 24-month series compiled 300 ORM expressions and spent most of its time in Python). Every value is a bound
# parameter: the SQL text holds only table and column names.
# ---------------------------------------------------------------------------
NO_GROUP = Value(None, output_field=IntegerField())


def social_work_assignments(
    authority: Authority, *, team: Team | None = None, service_area: ServiceArea | None = None
) -> QuerySet[Assignment]:
    """Assignments that count in indicators: the authority's, role `other` and archived workers left out."""
    # The authority's current workers as a semi-join: in a database of many authorities this keeps the planner
    # from hashing every worker of every authority to test `archived_at`.
    workers = Worker.objects.filter(authority=authority, archived_at__isnull=True)
    qs = Assignment.objects.filter(team__authority=authority, worker__in=workers).exclude(role=Role.OTHER)
    if team is not None:
        qs = qs.filter(team=team)
    if service_area is not None:
        qs = qs.filter(team__service_area=service_area)
    return qs


def national_assignments(authority_ids: Sequence[int] | None = None) -> QuerySet[Assignment]:
    """The assignments that count in indicators for many authorities at once (all when ``authority_ids`` is None).

    The rules of ``social_work_assignments`` for every authority together: an assignment counts for its team's
    authority when its worker belongs to that authority and is not archived, and its role is not `other`.
    """
    qs = Assignment.objects.filter(worker__archived_at__isnull=True, worker__authority=F("team__authority"))
    if authority_ids is not None:
        qs = qs.filter(team__authority__in=authority_ids)
    return qs.exclude(role=Role.OTHER)


def in_period(on: dt.date, field_name: str) -> Q:
    """``field_name`` in the year ending on ``on``: (on minus one year, on]."""
    return Q(**{f"{field_name}__gt": year_before(on), f"{field_name}__lte": on})


def _select(
    dates: Sequence[dt.date],
    scopes: dict[str, tuple[QuerySet, dict[str, Any]]],
    body: str,
    params: Sequence[Any],
    *,
    more_ctes: Sequence[str] = (),
) -> list[tuple[Any, ...]]:
    """Run ``body`` after the CTEs ``dates (i, d, y, since)``, one per scope, then ``more_ctes``.

    ``dates`` holds each as-at date D as ``d`` with its index ``i``, the day a year before as ``y`` (the year is
    (y, d]) and D minus the caseload window as ``since``. Each scope is ``name: (queryset, {column: ORM path or
    expression})``: the queryset's ``values_list`` of those paths, compiled, with the columns named as given.
    """
    connection = connections[next(iter(scopes.values()))[0].db]
    adapt = connection.ops.adapt_datefield_value
    window = dt.timedelta(days=CASELOAD_WINDOW_DAYS)
    ctes = ["dates (i, d, y, since) AS (VALUES " + ", ".join(["(%s, %s, %s, %s)"] * len(dates)) + ")"]
    all_params: list[Any] = [
        value for i, on in enumerate(dates) for value in (i, adapt(on), adapt(year_before(on)), adapt(on - window))
    ]
    # SQLite inlines the scope into the join with the dates and so evaluates its filters (the semi-joins to workers
    # and caseload records, the absence's assignment in effect) once per row and date: materialised, they run once
    # per row (a 100,000-assignment series: 5.0 s -> 1.0 s). For one date inlining costs nothing and keeps indexes.
    # PostgreSQL plans the inlined CTE well, and a materialised one would hide the tables' statistics from it.
    materialized = "MATERIALIZED " if connection.vendor == "sqlite" and len(dates) > 1 else ""
    for name, (qs, columns) in scopes.items():
        rows = qs.order_by().values_list(*columns.values())
        sql, scope_params = rows.query.get_compiler(connection=connection).as_sql()
        ctes.append(f"{name} ({', '.join(columns)}) AS {materialized if name == 'scope' else ''}({sql})")
        all_params += scope_params
    ctes += more_ctes
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(ctes)} {body}", [*all_params, *params])
        return cursor.fetchall()


def _by_date(
    qs: QuerySet,
    columns: dict[str, str],
    dates: Sequence[dt.date],
    group: str | None,
    join: str,
    figures: Sequence[tuple[str, str, Sequence[Any]]],
    out: dict,
) -> None:
    """One query: the ``figures`` (Totals name, SQL aggregate over ``scope`` and ``dates``, its parameters) of the
    rows of ``qs`` joined to each date on ``join``, grouped by date and ``group``."""
    aggregates = ", ".join(sql for _, sql, _ in figures)
    body = f"SELECT dates.i, scope.grp, {aggregates} FROM dates JOIN scope ON {join} GROUP BY dates.i, scope.grp"  # noqa: S608
    params = [value for _, _, values in figures for value in values]
    scope = (qs, {**columns, "grp": group or NO_GROUP})
    for i, key, *values in _select(dates, {"scope": scope}, body, params):
        totals = out.setdefault(key, [Totals() for _ in dates])[i]
        for (name, _, _), value in zip(figures, values, strict=True):
            totals.set(name, value)


def _in_post(alias: str) -> str:
    return f"{alias}.start_date <= dates.d AND ({alias}.end_date IS NULL OR {alias}.end_date > dates.d)"


def _posts_and_leavers(qs: QuerySet, dates: Sequence[dt.date], group: str | None, out: dict) -> None:
    """In post, agency and leaver figures at every date, in one query.

    The scope's rows are grouped by their dates and categories before they meet the dates: the 100,000 assignments
    of a large scope share a few thousand (start, end, contract, ...) combinations, so joining 24 dates costs
    thousands of rows rather than millions. A headcount counts distinct workers: it is the number of rows less the
    duplicates, and a duplicate needs a worker with more than one row of the same contract, so only such workers'
    rows meet the dates one by one. The rule that a worker's assignments never overlap leaves none for the in-post
    figures, but the figures stay exact when stored data breaks it (and a worker may leave twice in a year).
    """
    marks = ", ".join(["%s"] * len(MANAGER_ROLES))
    permanent, agency = Contract.PERMANENT, Contract.AGENCY

    def leaver(alias: str) -> str:
        return (
            f"{alias}.contract = %s AND {alias}.end_date > dates.y AND {alias}.end_date <= dates.d "
            f"AND {alias}.leaves = 1"
        )

    grouped = f"""grouped AS (
        SELECT grp, contract, start_date, end_date, CASE WHEN role IN ({marks}) THEN 1 ELSE 0 END AS manager,
               CASE WHEN leaving_reason <> %s THEN 1 ELSE 0 END AS leaves,
               CASE WHEN covers_vacancy THEN 1 ELSE 0 END AS covers, SUM(fte) AS fte, COUNT(*) AS n
        FROM scope GROUP BY 1, 2, 3, 4, 5, 6, 7
    )"""  # noqa: S608  (names only; every value is a parameter)
    flagged = """flagged AS (
        SELECT worker_id, grp, contract, start_date, end_date,
               CASE WHEN leaving_reason <> %s THEN 1 ELSE 0 END AS leaves,
               COUNT(*) OVER (PARTITION BY worker_id, contract) AS same_contract
        FROM scope
    )"""
    g_in_post, m_in_post = _in_post("g"), _in_post("m")
    body = f"""
        SELECT 0, dates.i, g.grp,
            SUM(CASE WHEN {g_in_post} AND g.contract = %s THEN g.fte END),
            SUM(CASE WHEN {g_in_post} AND g.contract = %s AND g.manager = 1 THEN g.fte END),
            SUM(CASE WHEN {g_in_post} AND g.contract = %s THEN g.fte END),
            SUM(CASE WHEN {g_in_post} AND g.contract = %s AND g.covers = 1 THEN g.fte END),
            SUM(CASE WHEN {leaver("g")} THEN g.fte END),
            SUM(CASE WHEN {leaver("g")} AND g.manager = 1 THEN g.fte END),
            SUM(CASE WHEN {g_in_post} AND g.contract = %s THEN g.n END),
            SUM(CASE WHEN {g_in_post} AND g.contract = %s THEN g.n END),
            SUM(CASE WHEN {leaver("g")} THEN g.n END)
        FROM dates JOIN grouped g ON g.start_date <= dates.d AND (g.end_date IS NULL OR g.end_date > dates.y)
        GROUP BY dates.i, g.grp
        UNION ALL
        SELECT 1, dates.i, m.grp, NULL, NULL, NULL, NULL, NULL, NULL,
            COUNT(CASE WHEN {m_in_post} AND m.contract = %s THEN 1 END)
                - COUNT(DISTINCT CASE WHEN {m_in_post} AND m.contract = %s THEN m.worker_id END),
            COUNT(CASE WHEN {m_in_post} AND m.contract = %s THEN 1 END)
                - COUNT(DISTINCT CASE WHEN {m_in_post} AND m.contract = %s THEN m.worker_id END),
            COUNT(CASE WHEN {leaver("m")} THEN 1 END) - COUNT(DISTINCT CASE WHEN {leaver("m")} THEN m.worker_id END)
        FROM dates JOIN flagged m
            ON m.same_contract > 1 AND m.start_date <= dates.d AND (m.end_date IS NULL OR m.end_date > dates.y)
        GROUP BY dates.i, m.grp
    """  # noqa: S608
    params = [
        *MANAGER_ROLES, LeavingReason.INTERNAL_MOVE,  # grouped
        LeavingReason.INTERNAL_MOVE,  # flagged
        permanent, permanent, agency, agency, permanent, permanent,  # the sums
        permanent, agency, permanent,  # the row counts
        permanent, permanent, agency, agency, permanent, permanent,  # the duplicates
    ]  # fmt: skip
    columns = {name: name for name in ("fte", "role", "contract", "start_date", "end_date", "leaving_reason")}
    columns |= {"worker_id": "worker", "covers_vacancy": "covers_vacancy", "grp": group or NO_GROUP}
    # Only assignments in post or ending during the span of the years matter; the rest of the history is skipped.
    relevant = Q(start_date__lte=max(dates)) & (Q(end_date__isnull=True) | Q(end_date__gt=year_before(min(dates))))
    sums = ("social_workers_fte", "manager_social_workers_fte", "agency_fte", "agency_covering_vacancies_fte",
            "leavers_fte", "manager_leavers_fte")  # fmt: skip
    heads = ("social_workers_headcount", "agency_headcount", "leavers_headcount")
    counts: dict[tuple[int, Any], list[int]] = {}
    rows = _select(dates, {"scope": (qs.filter(relevant), columns)}, body, params, more_ctes=[grouped, flagged])
    for kind, i, key, *values in rows:
        totals = out.setdefault(key, [Totals() for _ in dates])[i]
        if kind == 0:
            for name, value in zip(sums, values[: len(sums)], strict=True):
                totals.set(name, value)
        # Rows counted, then the duplicates taken away: the headcounts of distinct workers.
        sign = 1 if kind == 0 else -1
        tally = counts.setdefault((i, key), [0, 0, 0])
        for n, value in enumerate(values[len(sums) :]):
            tally[n] += sign * int(value or 0)
    for (i, key), tally in counts.items():
        for name, value in zip(heads, tally, strict=True):
            out[key][i].set(name, value)


def continuation_of_internal_move() -> Exists:
    """True for an assignment that continues the same worker's internal move: not a starter (spec section 3).

    The continuation starts on the day the previous assignment ended with ``internal_move``, or the day after.
    """
    return Exists(
        Assignment.objects.filter(worker=OuterRef("worker"), leaving_reason=LeavingReason.INTERNAL_MOVE)
        .filter(Q(end_date=OuterRef("start_date")) | Q(end_date=DayBefore(OuterRef("start_date"))))
        .exclude(pk=OuterRef("pk"))
    )


def _starters(qs: QuerySet, dates: Sequence[dt.date], group: str | None, out: dict) -> None:
    # The Exists runs once per candidate row (in WHERE), not once per date.
    candidates = qs.filter(
        contract=Contract.PERMANENT,
        start_date__gt=year_before(min(dates)),
        start_date__lte=max(dates),
    ).filter(~continuation_of_internal_move())
    figures = [
        ("starters_fte", "SUM(scope.fte)", []),
        ("starters_headcount", "COUNT(DISTINCT scope.worker_id)", []),
    ]
    columns = {"worker_id": "worker", "fte": "fte", "start_date": "start_date"}
    join = "scope.start_date > dates.y AND scope.start_date <= dates.d"
    _by_date(candidates, columns, dates, group, join, figures, out)


# The column of a team's row that gives its group, for each grouping of assignments.
_TEAM_KEYS = {None: "NULL", "team": "teams.id", "team__service_area": "teams.service_area_id",
              "team__authority": "teams.authority_id"}  # fmt: skip


def _vacancies(
    assignments: QuerySet[Assignment], teams: QuerySet[Team], dates: Sequence[dt.date], group: str | None, out: dict
) -> None:
    """Each team's establishment and social workers FTE at each date (one row per team and date), then the
    vacancy max(0, establishment - FTE) of each team, summed over the teams of a group.

    The clamp is per team, so it is applied in Python to the per-team rows, in Decimal. The team's FTE comes from
    a join to the per-team sums: a correlated SUM per team and date made PostgreSQL evaluate (or JIT-compile)
    thousands of subplans. The establishment at D is a top-1 subquery on the index ``(team, effective_from)``.
    """
    in_range = Q(start_date__lte=max(dates)) & (Q(end_date__isnull=True) | Q(end_date__gt=min(dates)))
    scope = assignments.filter(in_range, contract=Contract.PERMANENT)
    columns = {"team_id": "team", "fte": "fte", "start_date": "start_date", "end_date": "end_date"}
    team_columns = {"id": "pk", "service_area_id": "service_area", "authority_id": "authority"}
    body = f"""
        SELECT dates.i, {_TEAM_KEYS[group]}, (
            SELECT e.establishment_fte FROM {Establishment._meta.db_table} e
            WHERE e.team_id = teams.id AND e.effective_from <= dates.d
            ORDER BY e.effective_from DESC LIMIT 1
        ), social_workers.fte
        FROM dates CROSS JOIN teams
        LEFT JOIN (
            SELECT dates.i, posts.team_id, SUM(posts.fte) AS fte
            FROM dates JOIN (
                SELECT team_id, start_date, end_date, SUM(fte) AS fte FROM scope GROUP BY team_id, start_date, end_date
            ) posts ON {_in_post("posts")}
            GROUP BY dates.i, posts.team_id
        ) social_workers ON social_workers.i = dates.i AND social_workers.team_id = teams.id
    """  # noqa: S608  (names only; every value is a parameter)
    for i, key, establishment, fte in _select(dates, {"scope": (scope, columns), "teams": (teams, team_columns)},
                                              body, []):  # fmt: skip
        figures = out.setdefault(key, [Totals() for _ in dates])
        # A team with no establishment record gives max(0, 0 - FTE) = 0, as the spec asks.
        figures[i].vacancy_fte += max(ZERO, _decimal(establishment) - _decimal(fte))


def _sickness(qs: QuerySet, dates: Sequence[dt.date], group: str | None, out: dict) -> None:
    absence_start = F("worker__absences__start_date")
    # One filter() call, so the assignment "in effect on the absence's start date" and the absence share one join.
    in_effect = qs.filter(
        Q(
            contract=Contract.PERMANENT,
            worker__absences__type=AbsenceType.SICKNESS,
            worker__absences__start_date__gt=year_before(min(dates)),
            worker__absences__start_date__lte=max(dates),
            start_date__lte=absence_start,
        )
        & (Q(end_date__isnull=True) | Q(end_date__gt=absence_start))
    )
    columns = {"absence_start": "worker__absences__start_date", "days": "worker__absences__working_days_lost"}
    join = "scope.absence_start > dates.y AND scope.absence_start <= dates.d"
    _by_date(in_effect, columns, dates, group, join, [("sickness_days_lost", "SUM(scope.days)", [])], out)


def _caseloads(qs: QuerySet, dates: Sequence[dt.date], group: str | None, out: dict) -> None:
    """Case holders and cases at every date in one query.

    Every assignment in post at a date is paired with that date and with the cases of its worker's latest record
    in the window (D - 31 days, D]: a top-1 subquery on the caseload index ``(worker, date)``, one probe per
    assignment and date (a later record replaces an earlier one, so a latest record of 0 cases is no case holder).
    """
    relevant = Q(start_date__lte=max(dates)) & (Q(end_date__isnull=True) | Q(end_date__gt=min(dates)))
    # Only workers with a record in one of the windows are probed: one semi-join per assignment instead of a probe
    # per assignment and date for the workers who hold no cases (an agency's or a leavers' register).
    has_records = Exists(
        CaseloadRecord.objects.filter(
            worker=OuterRef("worker"),
            date__gt=min(dates) - dt.timedelta(days=CASELOAD_WINDOW_DAYS),
            date__lte=max(dates),
        )
    )
    columns = {"worker_id": "worker", "fte": "fte", "start_date": "start_date", "end_date": "end_date"}
    # MATERIALIZED, so that each probe runs once: inlined, the subquery would be copied into both SUMs and WHERE.
    latest = f"""latest AS MATERIALIZED (
        SELECT dates.i, scope.grp, scope.fte, (
            SELECT r.cases FROM {CaseloadRecord._meta.db_table} r
            WHERE r.worker_id = scope.worker_id AND r.date > dates.since AND r.date <= dates.d
            ORDER BY r.date DESC LIMIT 1
        ) AS cases
        FROM dates JOIN scope ON {_in_post("scope")}
    )"""  # noqa: S608  (names only; every value is a parameter)
    body = "SELECT i, grp, SUM(fte), SUM(cases) FROM latest WHERE cases >= 1 GROUP BY i, grp"
    if len(dates) > 1:  # for one date the latest-record probe is all there is to do
        qs = qs.filter(has_records)
    scope = (qs.filter(relevant), {**columns, "grp": group or NO_GROUP})
    for i, key, holders_fte, cases in _select(dates, {"scope": scope}, body, [], more_ctes=[latest]):
        figures = out.setdefault(key, [Totals() for _ in dates])
        figures[i].set("case_holders_fte", holders_fte)
        figures[i].set("cases", cases)


def _figures_of(
    assignments: QuerySet[Assignment], teams: QuerySet[Team], dates: Sequence[dt.date], group: str | None
) -> dict[Any, list[Totals]]:
    """Every figure at every date for the scope given by its assignments and teams, grouped by ``group`` (None for
    the whole scope, or "team", "team__service_area", "team__authority"): five queries whatever the dates."""
    out: dict[Any, list[Totals]] = {}
    _posts_and_leavers(assignments, dates, group, out)
    _starters(assignments, dates, group, out)
    _vacancies(assignments, teams, dates, group, out)
    _sickness(assignments, dates, group, out)
    _caseloads(assignments, dates, group, out)
    return out


def _figures(
    authority: Authority,
    dates: Sequence[dt.date],
    *,
    team: Team | None = None,
    service_area: ServiceArea | None = None,
    group: str | None = None,
) -> dict[Any, list[Totals]]:
    """Every figure for every date, optionally by team ("team") or by service area ("team__service_area")."""
    assignments = social_work_assignments(authority, team=team, service_area=service_area)
    teams = Team.objects.filter(authority=authority)
    if team is not None:
        teams = teams.filter(pk=team.pk)
    if service_area is not None:
        teams = teams.filter(service_area=service_area)
    return _figures_of(assignments, teams, dates, group)


def _check_scope(authority: Authority, team: Team | None, service_area: ServiceArea | None) -> str:
    if team is not None and service_area is not None:
        raise ValueError("Give a team or a service area, not both.")
    if team is not None:
        if team.authority_id != authority.pk:
            raise ValueError(f"Team {team.code} is not in {authority.code}.")
        return team.code
    if service_area is not None:
        if service_area.authority_id != authority.pk:
            raise ValueError(f"Service area {service_area.code} is not in {authority.code}.")
        return service_area.code
    return AUTHORITY_SCOPE


# ---------------------------------------------------------------------------
# Public API.
# ---------------------------------------------------------------------------
def indicators_for_dates(
    *,
    authority: Authority,
    dates: Iterable[dt.date],
    team: Team | None = None,
    service_area: ServiceArea | None = None,
) -> list[Indicators]:
    """The indicators at each date, for the authority, a team or a service area, in the order given."""
    dates = list(dates)
    scope = _check_scope(authority, team, service_area)
    if not dates:
        return []
    figures = _figures(authority, dates, team=team, service_area=service_area).get(None)
    return _series(scope, dates, figures)


def compute_indicators(
    *, authority: Authority, as_at: dt.date, team: Team | None = None, service_area: ServiceArea | None = None
) -> Indicators:
    """The indicators of spec section 3 at a date, for the authority, a team or a service area."""
    return indicators_for_dates(authority=authority, dates=[as_at], team=team, service_area=service_area)[0]


def indicator_series(
    *,
    authority: Authority,
    end: dt.date,
    months: int = SERIES_MONTHS,
    team: Team | None = None,
    service_area: ServiceArea | None = None,
) -> list[Indicators]:
    """The indicators at each of the ``months`` month ends up to ``end``, oldest first."""
    return indicators_for_dates(
        authority=authority, dates=month_ends(end, months), team=team, service_area=service_area
    )


def indicators_by_team(*, authority: Authority, as_at: dt.date) -> list[tuple[Team, Indicators]]:
    """Every team of the authority with its indicators (teams add up to the authority), by team name."""
    return [(team, series[0]) for team, series in _by_group(authority, [as_at], "team")]


def indicators_by_service_area(*, authority: Authority, as_at: dt.date) -> list[tuple[ServiceArea, Indicators]]:
    """Every service area of the authority with its indicators, by name. Teams without a service area are left out."""
    return [(area, series[0]) for area, series in _by_group(authority, [as_at], "team__service_area")]


def indicator_series_by_team(
    *, authority: Authority, end: dt.date, months: int = SERIES_MONTHS
) -> list[tuple[Team, list[Indicators]]]:
    """Every team with its month-end series, in the same number of queries as one series."""
    return _by_group(authority, month_ends(end, months), "team")


def indicator_series_by_service_area(
    *, authority: Authority, end: dt.date, months: int = SERIES_MONTHS
) -> list[tuple[ServiceArea, list[Indicators]]]:
    """Every service area with its month-end series, in the same number of queries as one series."""
    return _by_group(authority, month_ends(end, months), "team__service_area")


def indicators_by_authority(
    *, as_at: dt.date, authorities: QuerySet[Authority] | None = None
) -> list[tuple[Authority, Indicators]]:
    """Every authority (or those given), by code, with exactly the indicators ``compute_indicators`` gives it.

    One query lists the authorities and the figures of all of them come from the same five queries as one
    authority's, grouped by the team's authority; an authority without any record gets zeros and null rates.
    """
    chosen = list((Authority.objects.all() if authorities is None else authorities).order_by("code"))
    if not chosen:
        return []
    ids = None if authorities is None else [authority.pk for authority in chosen]
    teams = Team.objects.all() if ids is None else Team.objects.filter(authority__in=ids)
    figures = _figures_of(national_assignments(ids), teams, [as_at], "team__authority")
    return [(authority, _series(AUTHORITY_SCOPE, [as_at], figures.get(authority.pk))[0]) for authority in chosen]


def _series(scope: str, dates: Sequence[dt.date], figures: list[Totals] | None) -> list[Indicators]:
    """Indicators from the totals of a scope; a scope without any row gets zeros (and null rates)."""
    figures = figures or [Totals() for _ in dates]
    return [indicators_from_totals(as_at=on, scope=scope, totals=f) for on, f in zip(dates, figures, strict=True)]


def _by_group(authority: Authority, dates: Sequence[dt.date], group: str) -> list[tuple[Any, list[Indicators]]]:
    model = Team if group == "team" else ServiceArea
    objects = model.objects.filter(authority=authority).order_by("name", "code")
    figures = _figures(authority, dates, group=group)
    return [(obj, _series(obj.code, dates, figures.get(obj.pk))) for obj in objects]


__all__ = [
    "AUTHORITY_SCOPE",
    "CASELOAD_WINDOW_DAYS",
    "INDICATOR_DEFINITIONS",
    "INDICATOR_FIELDS",
    "INDICATOR_KEYS",
    "INDICATOR_LABELS",
    "NULL_REASONS",
    "SERIES_MONTHS",
    "WORKING_DAYS_PER_FTE",
    "DayBefore",
    "Indicators",
    "Totals",
    "average",
    "compute_indicators",
    "indicator_series",
    "indicator_series_by_service_area",
    "indicator_series_by_team",
    "indicators_by_authority",
    "indicators_by_service_area",
    "indicators_by_team",
    "indicators_for_dates",
    "indicators_from_totals",
    "month_end",
    "month_ends",
    "period_start",
    "rate",
    "round_days",
    "round_fte",
    "round_rate",
    "year_before",
]
