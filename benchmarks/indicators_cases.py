"""The indicator benchmarks: ours (workforce.indicators) against one hand-written SQL statement (sql_baseline).

``measure`` runs in a process where Django is set up on a benchmark database (benchmarks.data's authorities). For
each indicator set it times ours and the baseline alternately (median of ``repeat`` after one untimed warm-up run
of each, so both meet warm caches), counts our queries, and checks that both give the same ``Indicators``: the
baseline's totals go through ``indicators_from_totals``, as ours do, so every rounded figure and rate is compared.
"""

from __future__ import annotations

import datetime as dt
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.data import AS_AT
from benchmarks.sql_baseline import baseline_totals
from workforce.indicators import (
    AUTHORITY_SCOPE,
    Indicators,
    compute_indicators,
    indicator_series,
    indicators_by_authority,
    indicators_from_totals,
    month_ends,
)
from workforce.models import Authority


def _peak_mb() -> float:
    """The process's peak resident set so far (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _from_baseline(dates: Sequence[dt.date], authority_ids: Sequence[int] | None) -> dict[int, list[Indicators]]:
    """The baseline's totals as Indicators, per authority id, one per date in order."""
    totals = baseline_totals(dates, authority_ids)
    out: dict[int, list[Indicators]] = {}
    for (authority_id, on), figures in sorted(totals.items()):
        out.setdefault(authority_id, []).append(indicators_from_totals(as_at=on, scope=AUTHORITY_SCOPE, totals=figures))
    return out


def _row(
    label: str, ours: Callable[[], Any], baseline: Callable[[], Any], same: Callable[[Any, Any], bool], repeat: int
) -> dict[str, Any]:
    ours_result, base_result = ours(), baseline()  # warm-up, and the results compared
    ours_times, base_times, queries = [], [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            ours()
            ours_times.append(time.perf_counter() - start)
        queries = len(captured.captured_queries)
        start = time.perf_counter()
        baseline()
        base_times.append(time.perf_counter() - start)
    seconds, baseline_seconds = statistics.median(ours_times), statistics.median(base_times)
    return {
        "label": label,
        "seconds": round(seconds, 4),
        "queries": queries,
        "baseline_seconds": round(baseline_seconds, 4),
        "ratio": round(seconds / baseline_seconds, 2) if baseline_seconds else 0.0,
        "match": same(ours_result, base_result),
        "peak_mb": _peak_mb(),
    }


def measure(*, authority_code: str, all_authorities: bool, repeat: int = 3) -> list[dict[str, Any]]:
    """One row per indicator set: one authority at AS_AT, its 24-month series, and (optionally) all authorities."""
    authority = Authority.objects.get(code=authority_code)
    dates = month_ends(AS_AT)
    rows = [
        _row(
            "indicators, one authority, one date",
            lambda: compute_indicators(authority=authority, as_at=AS_AT),
            lambda: _from_baseline([AS_AT], [authority.pk]),
            lambda ours, base: base == {authority.pk: [ours]},
            repeat,
        ),
        _row(
            "indicators, 24-month series",
            lambda: indicator_series(authority=authority, end=AS_AT),
            lambda: _from_baseline(dates, [authority.pk]),
            lambda ours, base: base == {authority.pk: ours},
            repeat,
        ),
    ]
    if all_authorities:
        count = Authority.objects.count()
        rows.append(
            _row(
                f"indicators, all {count} authorities, one date",
                lambda: indicators_by_authority(as_at=AS_AT),
                lambda: _from_baseline([AS_AT], None),
                lambda ours, base: base == {a.pk: [indicators] for a, indicators in ours},
                repeat,
            )
        )
    return rows


__all__ = ["AS_AT", "measure"]
