"""Social Work England's registration year: 1 December to 30 November, named after the year it ends in."""

from __future__ import annotations

import datetime as dt

YEAR_START = (12, 1)  # month, day
YEAR_END = (11, 30)


def registration_year_for(day: dt.date) -> int:
    """The registration year a date falls in: 30 November 2026 is in 2026, 1 December 2026 in 2027."""
    return day.year + 1 if (day.month, day.day) >= YEAR_START else day.year


def year_start(year: int) -> dt.date:
    return dt.date(year - 1, *YEAR_START)


def year_end(year: int) -> dt.date:
    """The renewal deadline: 30 November of the year."""
    return dt.date(year, *YEAR_END)


def year_label(year: int) -> str:
    """As SWE writes it: "1 December 2025 to 30 November 2026"."""
    return f"1 December {year - 1} to 30 November {year}"


def days_left(year: int, today: dt.date) -> int:
    """Days from today until the deadline: 1 on 29 November, 0 on 30 November itself and after it."""
    return max(0, (year_end(year) - today).days)
