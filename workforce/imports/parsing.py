"""Reading values out of cells: dates, decimals, whole numbers and codes, with small caches.

Imported files repeat the same dates, FTEs and codes on many rows, so each distinct text is parsed once and
the same Python object is shared by every row that holds it: this keeps the rows of a large file compact.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, validate_email

from workforce.codes import (
    ABSENCE_CENSUS_CODES,
    LEAVING_REASON_CENSUS_CODES,
    ROLE_CENSUS_CODES,
    AbsenceType,
    Contract,
    Ethnicity,
    Gender,
    LeaverDestination,
    LeavingReason,
    Role,
    StartOrigin,
)


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name

    def __bool__(self) -> bool:
        return False


# The column is not in the file: the stored value is kept.
ABSENT: Any = _Marker("ABSENT")
# The cell holds a value that could not be read (an error has been reported for it).
INVALID: Any = _Marker("INVALID")

ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
ISO_DATE_LENGTH = 10
MAX_CACHE = 100_000
# An address of the usual form: the dot-atom branch of Django's EmailValidator.user_regex, "@", then its
# domain_regex, matched in one go. Neither part can hold an "@", so a match is exactly an address that
# validate_email accepts; anything else (quoted local parts, address literals, "localhost", ...) is left to
# validate_email, which stays the judge. Django's validator costs about 10 µs an address; this, under 1 µs.
PLAIN_EMAIL = re.compile(
    r"[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(?:\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*@"
    + EmailValidator.hostname_re
    + EmailValidator.domain_re
    + EmailValidator.tld_no_fqdn_re
    + r"\Z",
    re.IGNORECASE,
)
EMAIL_MAX = 320  # EmailValidator's limit


def _lookup(choices: Any, census: dict[str, Any] | None = None) -> dict[str, str]:
    table = {str(value).lower(): str(value) for value in choices.values}
    for code, value in (census or {}).items():
        table[code.lower()] = str(value)
    return table


ROLE_LOOKUP = _lookup(Role, ROLE_CENSUS_CODES)
CONTRACT_LOOKUP = _lookup(Contract)
LEAVING_REASON_LOOKUP = _lookup(LeavingReason, LEAVING_REASON_CENSUS_CODES)
GENDER_LOOKUP = _lookup(Gender)
ETHNICITY_LOOKUP = _lookup(Ethnicity)
START_ORIGIN_LOOKUP = _lookup(StartOrigin)
LEAVER_DESTINATION_LOOKUP = _lookup(LeaverDestination)
ABSENCE_TYPE_LOOKUP = _lookup(AbsenceType, ABSENCE_CENSUS_CODES)
YES_NO_LOOKUP = {"yes": True, "no": False, "y": True, "n": False, "true": True, "false": False}


class Values:
    """Parsers with per-import caches. Each returns None for a blank cell and INVALID for an unreadable one."""

    def __init__(self) -> None:
        self._dates: dict[Any, Any] = {}
        self._decimals: dict[tuple[str, int], Any] = {}
        self._texts: dict[str, str] = {}

    def shared(self, text: str) -> str:
        """The same string object for repeated texts (team codes, names)."""
        if len(self._texts) >= MAX_CACHE:
            return text
        return self._texts.setdefault(text, text)

    def date(self, cell: Any) -> Any:
        if isinstance(cell, dt.date):
            return cell
        if not cell:
            return None
        cached = self._dates.get(cell)
        if cached is not None:
            return cached
        value = parse_date(cell)
        if len(self._dates) < MAX_CACHE:
            self._dates[cell] = value
        return value

    def decimal(self, cell: Any, places: int) -> Any:
        """A finite decimal rounded to ``places`` decimal places."""
        if isinstance(cell, dt.date):
            return INVALID
        if not cell:
            return None
        key = (cell, places)
        cached = self._decimals.get(key)
        if cached is not None:
            return cached
        value = parse_decimal(cell, places)
        if len(self._decimals) < MAX_CACHE:
            self._decimals[key] = value
        return value


def parse_date(text: str) -> Any:
    """YYYY-MM-DD (a time of midnight is allowed after it) or DD/MM/YYYY; INVALID for anything else."""
    if len(text) == ISO_DATE_LENGTH and text[4] == "-" and text[7] == "-" and text.isascii():
        # The usual form, read in C. fromisoformat takes no other form of this shape (ASCII digits only), and
        # refuses a day that does not exist just as dt.date() does below; anything it refuses is looked at again.
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    match = ISO_DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = UK_DATE.match(text)
        if not match:
            return INVALID
        day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return INVALID


def is_email(text: str) -> bool:
    """Whether Django's validate_email accepts the address, deciding the usual ones without it."""
    if len(text) <= EMAIL_MAX and PLAIN_EMAIL.match(text):
        return True
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def parse_decimal(text: str, places: int) -> Any:
    try:
        value = Decimal(text.replace(",", "") if text.count(",") and "." in text else text)
    except InvalidOperation:
        return INVALID
    if not value.is_finite():
        return INVALID
    return (
        value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if value.as_tuple().exponent < -places
        else value
    )


def parse_whole(text: Any) -> Any:
    """A whole number (``12`` or ``12.0``); INVALID for other numbers and text; None when blank."""
    if isinstance(text, dt.date):
        return INVALID
    if not text:
        return None
    if text.isdigit():
        return int(text)
    try:
        value = Decimal(text)
    except InvalidOperation:
        return INVALID
    if not value.is_finite() or value != value.to_integral_value():
        return INVALID
    return int(value)


def is_number(text: Any) -> bool:
    if isinstance(text, dt.date) or not text:
        return False
    try:
        return Decimal(text).is_finite()
    except InvalidOperation:
        return False


def working_days(start: dt.date, end: dt.date) -> int:
    """Monday to Friday days from start to end, both included."""
    days = (end - start).days + 1
    if days <= 0:
        return 0
    weeks, extra = divmod(days, 7)
    first = start.weekday()
    return weeks * 5 + sum(1 for offset in range(extra) if (first + offset) % 7 < 5)


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def long_date(day: dt.date | None) -> str:
    """'30 September 2025', as the pages show dates."""
    return f"{day.day} {day:%B %Y}" if day else ""
