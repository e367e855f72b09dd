"""Date arithmetic for the demo generator: weekdays, month ends, registration years and financial years."""

from __future__ import annotations

import datetime as dt

from workforce.services.demo.plans import DAY


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _monday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=-day.weekday() % 7)


def _weekday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)


def _add_weekdays(day: dt.date, weekdays: int) -> dt.date:
    """The last day of ``weekdays`` working days starting on ``day`` (a weekday)."""
    while weekdays > 1:
        day += DAY
        if day.weekday() < 5:
            weekdays -= 1
    return day


def _weekdays_between(start: dt.date, end: dt.date) -> int:
    return sum(1 for n in range((end - start).days + 1) if (start + dt.timedelta(days=n)).weekday() < 5)


def _month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - DAY


def _month_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """The month ends in [start, end]."""
    out, day = [], _month_end(start)
    while day <= end:
        out.append(day)
        day = _month_end(day + DAY)
    return out


def _next_renewal(today: dt.date) -> dt.date:
    """The end of the Social Work England registration year (1 December to 30 November) containing today."""
    renewal = dt.date(today.year, 11, 30)
    return renewal if today <= renewal else dt.date(today.year + 1, 11, 30)


def _april_on_or_before(day: dt.date) -> dt.date:
    return dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)
