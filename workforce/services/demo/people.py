"""The generator's people, tenures and absences in memory, and the small draws that finish them.

Nothing here touches the database: the generator builds these, and ``authority`` turns them into records.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from workforce.codes import PostQualifyingStatus, StartOrigin
from workforce.services.demo.plans import FLM, MM, SM, PinnedPerson, TeamPlan


@dataclass(eq=False)
class _Person:
    agency: bool
    social_worker: bool
    gender: str
    age_at_start: int
    origin: str
    pinned: PinnedPerson | None = None
    tenures: list[_Tenure] = field(default_factory=list)
    destination: str = ""
    maternity: tuple[dt.date, dt.date] | None = None


@dataclass(eq=False)
class _Tenure:
    person: _Person
    post: int
    team: TeamPlan
    role: str
    contract: str
    fte: Decimal
    start: dt.date
    end: dt.date | None = None
    reason: str = ""
    covers_vacancy: bool | None = None

    def in_post(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or self.end > on)


@dataclass(frozen=True)
class _Absence:
    person: _Person
    start: dt.date
    end: dt.date
    type: str
    days: Decimal


def _pick(rng: random.Random, weights: dict) -> object:  # noqa: ANN401 (the dict's key type)
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth), for the number of absences in a stretch of time."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _days(weekdays: int, fte: Decimal) -> Decimal:
    """Working days lost: a part-timer loses only the days they would have worked, to the half day."""
    return max(Decimal("0.5"), (Decimal(weekdays) * fte * 2).to_integral_value() / 2)


def _email(first: str, last: str, domain: str, used: set[str]) -> str:
    local = re.sub(r"[^a-z.]", "", unicodedata.normalize("NFKD", f"{first}.{last}").lower())
    email, n = f"{local}@{domain}", 1
    while email in used:
        n += 1
        email = f"{local}{n}@{domain}"
    used.add(email)
    return email


def _registration_number(rng: random.Random, qualified: int, used: set[int]) -> int:
    """Later qualifiers have larger numbers, as registers issue them in order."""
    while True:
        number = 10000 + max(0, qualified - 2008) * 7000 + rng.randint(0, 6999)
        if number not in used:
            used.add(number)
            return number


def _pq_status(person: _Person, today: dt.date) -> str:
    role = person.tenures[-1].role
    if role == FLM:
        return PostQualifyingStatus.PRACTICE_SUPERVISOR
    if role in (MM, SM):
        return PostQualifyingStatus.PRACTICE_LEADER
    until = person.tenures[-1].end or today
    if person.origin == StartOrigin.NEWLY_QUALIFIED and (until - person.tenures[0].start).days < 365:
        return PostQualifyingStatus.ASYE
    return PostQualifyingStatus.PRACTITIONER
