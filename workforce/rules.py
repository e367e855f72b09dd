"""Rules about workforce records that both the forms' services and the importers apply."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

OVERLAPPING_ASSIGNMENT = (
    "This assignment overlaps another assignment of the same worker: a worker holds one post at a time."
)


def periods_overlap(a_start: dt.date, a_end: dt.date | None, b_start: dt.date, b_end: dt.date | None) -> bool:
    """Two assignments overlap when each starts before the other ends (no end date: never ends).

    A following assignment may start on the day the previous one ends (spec section 3), so touching
    periods do not overlap.
    """
    a_starts_before_b_ends = b_end is None or a_start < b_end
    b_starts_before_a_ends = a_end is None or b_start < a_end
    return a_starts_before_b_ends and b_starts_before_a_ends


def overlapping_q(start: dt.date, end: dt.date | None) -> Q:
    """A filter for stored assignments that overlap the period [start, end)."""
    q = Q(end_date__isnull=True) | Q(end_date__gt=start)
    if end is not None:
        q &= Q(start_date__lt=end)
    return q
