"""The baseline for the indicator benchmarks: the totals of spec section 3 in one hand-written SQL statement.

One statement answers every indicator set the benchmarks time: one authority at one date, every authority at one
date (``GROUP BY`` authority) and one authority at 24 month ends (the dates are a ``VALUES`` list). It is what an
expert would write by hand for this schema, using the same indexes as the application: the assignments that count
are filtered once (a materialised CTE), each figure is a conditional aggregate over them joined to the dates, the
per-team vacancy clamp is a ``CASE`` over per-team rows, the internal-move rule is a ``NOT EXISTS`` probe on the
worker's assignments and the latest caseload record in the window a top-1 subquery on the ``(worker, date)`` index
(the usual portable "latest row per group"; a join to the records with ``NOT EXISTS`` of a later one let SQLite
drive the join from the date index over every authority's records).

It works on PostgreSQL and SQLite; the only backend-specific fragment is "the day before a date". Every value is a
bound parameter. The row of each (date, authority) gives the exact totals that ``workforce.indicators.Totals``
holds, so the benchmarks compare the two by building ``Indicators`` from both (``indicators_from_totals``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import connection

from workforce.indicators import CASELOAD_WINDOW_DAYS, Totals, year_before

# Column order of a result row after (i, authority_id): the names of workforce.indicators.Totals.
TOTAL_COLUMNS = (
    "social_workers_fte",
    "social_workers_headcount",
    "manager_social_workers_fte",
    "agency_fte",
    "agency_headcount",
    "agency_covering_vacancies_fte",
    "leavers_fte",
    "leavers_headcount",
    "manager_leavers_fte",
    "starters_fte",
    "starters_headcount",
    "vacancy_fte",
    "case_holders_fte",
    "cases",
    "sickness_days_lost",
)

DAY_BEFORE = {"postgresql": "(a.start_date - 1)", "sqlite": "date(a.start_date, '-1 day')"}

# {authorities} is "" or "AND t.authority_id IN (%s, ...)"; {day_before} the backend's fragment. No value is
# formatted into the statement: dates and authority ids are parameters.
STATEMENT = """
WITH dates (i, d, y, since) AS (VALUES {date_rows}),
sa AS (
    SELECT a.id, a.worker_id, a.team_id, t.authority_id, a.role, a.contract, a.fte, a.start_date, a.end_date,
           a.leaving_reason, a.covers_vacancy
    FROM workforce_assignment a
    JOIN workforce_team t ON t.id = a.team_id
    JOIN workforce_worker w ON w.id = a.worker_id AND w.authority_id = t.authority_id
    WHERE w.archived_at IS NULL AND a.role <> 'other' {authorities}
),
posts AS (
    SELECT dates.i, sa.authority_id,
        SUM(CASE WHEN sa.start_date <= dates.d AND (sa.end_date IS NULL OR sa.end_date > dates.d)
                  AND sa.contract = 'permanent' THEN sa.fte END) AS social_workers_fte,
        COUNT(DISTINCT CASE WHEN sa.start_date <= dates.d AND (sa.end_date IS NULL OR sa.end_date > dates.d)
                  AND sa.contract = 'permanent' THEN sa.worker_id END) AS social_workers_headcount,
        SUM(CASE WHEN sa.start_date <= dates.d AND (sa.end_date IS NULL OR sa.end_date > dates.d)
                  AND sa.contract = 'permanent' AND sa.role IN ({managers}) THEN sa.fte END)
            AS manager_social_workers_fte,
        SUM(CASE WHEN sa.start_date <= dates.d AND (sa.end_date IS NULL OR sa.end_date > dates.d)
                  AND sa.contract = 'agency' THEN sa.fte END) AS agency_fte,
        COUNT(DISTINCT CASE WHEN sa.start_date <= dates.d AND (sa.end_date IS NULL OR sa.end_date > dates.d)
                  AND sa.contract = 'agency' THEN sa.worker_id END) AS agency_headcount,
        SUM(CASE WHEN sa.start_date <= dates.d AND (sa.end_date IS NULL OR sa.end_date > dates.d)
                  AND sa.contract = 'agency' AND sa.covers_vacancy THEN sa.fte END) AS agency_covering_vacancies_fte,
        SUM(CASE WHEN sa.end_date > dates.y AND sa.end_date <= dates.d AND sa.contract = 'permanent'
                  AND sa.leaving_reason <> 'internal_move' THEN sa.fte END) AS leavers_fte,
        COUNT(DISTINCT CASE WHEN sa.end_date > dates.y AND sa.end_date <= dates.d AND sa.contract = 'permanent'
                  AND sa.leaving_reason <> 'internal_move' THEN sa.worker_id END) AS leavers_headcount,
        SUM(CASE WHEN sa.end_date > dates.y AND sa.end_date <= dates.d AND sa.contract = 'permanent'
                  AND sa.leaving_reason <> 'internal_move' AND sa.role IN ({managers}) THEN sa.fte END)
            AS manager_leavers_fte
    FROM dates JOIN sa ON sa.start_date <= dates.d AND (sa.end_date IS NULL OR sa.end_date > dates.y)
    GROUP BY dates.i, sa.authority_id
),
starters AS (
    SELECT dates.i, a.authority_id, SUM(a.fte) AS starters_fte, COUNT(DISTINCT a.worker_id) AS starters_headcount
    FROM dates JOIN sa a ON a.start_date > dates.y AND a.start_date <= dates.d
    WHERE a.contract = 'permanent' AND NOT EXISTS (
        SELECT 1 FROM workforce_assignment p
        WHERE p.worker_id = a.worker_id AND p.leaving_reason = 'internal_move' AND p.id <> a.id
          AND (p.end_date = a.start_date OR p.end_date = {day_before})
    )
    GROUP BY dates.i, a.authority_id
),
team_social_workers AS (
    SELECT dates.i, sa.team_id, SUM(sa.fte) AS fte
    FROM dates JOIN sa ON sa.start_date <= dates.d AND (sa.end_date IS NULL OR sa.end_date > dates.d)
    WHERE sa.contract = 'permanent'
    GROUP BY dates.i, sa.team_id
),
team_establishment AS (
    SELECT dates.i, t.id AS team_id, t.authority_id, (
        SELECT e.establishment_fte FROM workforce_establishment e
        WHERE e.team_id = t.id AND e.effective_from <= dates.d
        ORDER BY e.effective_from DESC LIMIT 1
    ) AS fte
    FROM dates CROSS JOIN workforce_team t
    WHERE 1 = 1 {authorities}
),
vacancies AS (
    SELECT e.i, e.authority_id,
        SUM(CASE WHEN COALESCE(e.fte, 0) > COALESCE(s.fte, 0)
                 THEN ROUND(COALESCE(e.fte, 0) - COALESCE(s.fte, 0), 4) ELSE 0 END) AS vacancy_fte
    FROM team_establishment e LEFT JOIN team_social_workers s ON s.i = e.i AND s.team_id = e.team_id
    GROUP BY e.i, e.authority_id
),
caseloads AS (
    SELECT latest.i, latest.authority_id, SUM(latest.fte) AS case_holders_fte, SUM(latest.cases) AS cases
    FROM (
        SELECT dates.i, sa.authority_id, sa.fte, (
            SELECT r.cases FROM workforce_caseloadrecord r
            WHERE r.worker_id = sa.worker_id AND r.date > dates.since AND r.date <= dates.d
            ORDER BY r.date DESC LIMIT 1
        ) AS cases
        FROM dates JOIN sa ON sa.start_date <= dates.d AND (sa.end_date IS NULL OR sa.end_date > dates.d)
    ) latest
    WHERE latest.cases >= 1
    GROUP BY latest.i, latest.authority_id
),
sickness AS (
    SELECT dates.i, sa.authority_id, SUM(ab.working_days_lost) AS sickness_days_lost
    FROM dates
    JOIN workforce_absence ab ON ab.start_date > dates.y AND ab.start_date <= dates.d AND ab.type = 'sickness'
    JOIN sa ON sa.worker_id = ab.worker_id AND sa.contract = 'permanent'
        AND sa.start_date <= ab.start_date AND (sa.end_date IS NULL OR sa.end_date > ab.start_date)
    GROUP BY dates.i, sa.authority_id
),
scopes AS (
    SELECT dates.i, t.id AS authority_id FROM dates CROSS JOIN workforce_authority t WHERE 1 = 1 {authority_ids}
)
SELECT scopes.i, scopes.authority_id,
    p.social_workers_fte, p.social_workers_headcount, p.manager_social_workers_fte,
    p.agency_fte, p.agency_headcount, p.agency_covering_vacancies_fte,
    p.leavers_fte, p.leavers_headcount, p.manager_leavers_fte,
    st.starters_fte, st.starters_headcount, v.vacancy_fte, c.case_holders_fte, c.cases, s.sickness_days_lost
FROM scopes
LEFT JOIN posts p ON p.i = scopes.i AND p.authority_id = scopes.authority_id
LEFT JOIN starters st ON st.i = scopes.i AND st.authority_id = scopes.authority_id
LEFT JOIN vacancies v ON v.i = scopes.i AND v.authority_id = scopes.authority_id
LEFT JOIN caseloads c ON c.i = scopes.i AND c.authority_id = scopes.authority_id
LEFT JOIN sickness s ON s.i = scopes.i AND s.authority_id = scopes.authority_id
ORDER BY scopes.authority_id, scopes.i
"""

MANAGER_ROLES = ("senior_manager", "middle_manager", "first_line_manager")


def statement(dates: Sequence[dt.date], authority_ids: Sequence[int] | None) -> tuple[str, list[Any]]:
    """The statement and its parameters for the dates and the authorities (every authority when None)."""
    adapt = connection.ops.adapt_datefield_value
    window = dt.timedelta(days=CASELOAD_WINDOW_DAYS)
    marks = ", ".join(["%s"] * len(authority_ids)) if authority_ids else ""
    sql = STATEMENT.format(
        date_rows=", ".join(["(%s, %s, %s, %s)"] * len(dates)),
        managers=", ".join(["%s"] * len(MANAGER_ROLES)),
        authorities=f"AND t.authority_id IN ({marks})" if authority_ids else "",
        authority_ids=f"AND t.id IN ({marks})" if authority_ids else "",
        day_before=DAY_BEFORE[connection.vendor],
    )
    date_params = [v for i, on in enumerate(dates) for v in (i, adapt(on), adapt(year_before(on)), adapt(on - window))]
    ids = list(authority_ids or [])
    # The placeholders in the order they appear: dates, sa's authorities, posts' two manager lists, the
    # establishments' authorities, the scopes' authorities.
    params = [*date_params, *ids, *MANAGER_ROLES, *MANAGER_ROLES, *ids, *ids]
    return sql, params


def baseline_totals(
    dates: Sequence[dt.date], authority_ids: Sequence[int] | None = None
) -> dict[tuple[int, dt.date], Totals]:
    """The exact totals of every (authority, date), from the one statement."""
    sql, params = statement(dates, authority_ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    out = {}
    for i, authority_id, *values in rows:
        totals = Totals()
        for name, value in zip(TOTAL_COLUMNS, values, strict=True):
            totals.set(name, value)
        out[(authority_id, dates[i])] = totals
    return out
