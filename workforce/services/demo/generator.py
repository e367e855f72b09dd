"""The workforce history generator of the demo data.

It simulates each funded post of each team over the last three years: a permanent worker holds it until they
leave; the vacancy is then covered by agency workers, or not, until a new starter arrives. Afterwards some leavers
are turned into internal moves, some posts change FTE or role, some workers go on maternity leave with agency cover,
and every leaving reason of the census is given out. Draws come from a fixed seed, so the same day always gives the
same data.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from decimal import Decimal

from workforce.codes import MANAGER_ROLES, AbsenceType, Contract, Gender, LeaverDestination, LeavingReason, StartOrigin
from workforce.models import CASE_TYPE_FIELDS
from workforce.services.demo.dates import (
    _add_weekdays,
    _april_on_or_before,
    _monday_on_or_after,
    _month_ends,
    _weekday_on_or_after,
    _weekdays_between,
    _years_before,
)
from workforce.services.demo.names import (
    DESTINATIONS,
    EVERY_REASON,
    FTE_WEIGHTS,
    GENDER_WEIGHTS,
    ORIGIN_WEIGHTS,
    REASON_WEIGHTS,
    D,
)
from workforce.services.demo.people import _Absence, _days, _Person, _pick, _poisson, _Tenure
from workforce.services.demo.plans import (
    _LEAVES,
    CASE_HOLDING_ROLES,
    CH,
    DAY,
    FLM,
    HISTORY_YEARS,
    MM,
    OTHER,
    SEED,
    SM,
    SP,
    AuthorityPlan,
    PinnedPerson,
    TeamPlan,
)


class _Generator:
    """Builds an authority's people, assignments, caseloads and absences in memory, for ``authority`` to write."""

    def __init__(self, plan: AuthorityPlan, today: dt.date) -> None:
        self.plan = plan
        self.today = today
        self.start = _years_before(today, HISTORY_YEARS)
        self.rng = random.Random(f"{SEED}:{plan.code}")  # noqa: S311 (demo data, not security)
        self.people: list[_Person] = []
        self.tenures: list[_Tenure] = []
        self.absences: list[_Absence] = []
        self.pinned_left = list(plan.pinned)
        self.base_april = _april_on_or_before(self.start)
        self.growth_april = dt.date(self.base_april.year + 1, 4, 1)

    # -- people and posts ------------------------------------------------------------------------------------
    def _person(self, role: str, *, agency: bool = False, pinned: PinnedPerson | None = None) -> _Person:
        rng = self.rng
        if pinned is not None:
            person = _Person(False, True, pinned.gender, pinned.age_at_start, pinned.origin, pinned=pinned)
        else:
            origins = {k: w for k, w in ORIGIN_WEIGHTS.items() if role == CH or k != StartOrigin.NEWLY_QUALIFIED}
            origin = "" if agency else _pick(rng, origins)
            if origin == StartOrigin.NEWLY_QUALIFIED:
                age = min(45, 22 + int(rng.expovariate(1 / 4)))
            else:
                low = {SP: 29, FLM: 32, MM: 38, SM: 42}.get(role, 24)
                age = rng.randint(low, 56)
            person = _Person(agency, role != OTHER, _pick(rng, GENDER_WEIGHTS), age, origin)
        self.people.append(person)
        return person

    def _tenure(self, person: _Person, post: int, team: TeamPlan, role: str, start: dt.date, **kw: object) -> _Tenure:
        fte = kw.pop("fte", None) or (
            Decimal("1") if role in MANAGER_ROLES or person.pinned else _pick(self.rng, FTE_WEIGHTS)
        )
        contract = Contract.AGENCY if person.agency else Contract.PERMANENT
        tenure = _Tenure(person, post, team, role, contract, fte, start, **kw)  # type: ignore[arg-type]
        person.tenures.append(tenure)
        self.tenures.append(tenure)
        return tenure

    def _stay(self, tenure: _Tenure) -> dt.date:
        """When a permanent worker leaves their post (memoryless: a yearly leaving rate)."""
        rate = tenure.team.leave_rate * (0.9 if tenure.role in MANAGER_ROLES else 1.0)
        return max(tenure.start, self.start) + dt.timedelta(days=int(self.rng.expovariate(rate) * 365) + 30)

    def _simulate_post(self, post: int, team: TeamPlan, role: str, opens: dt.date) -> None:
        rng, today = self.rng, self.today
        pinned = next((p for p in self.pinned_left if p.team == team.code and p.role == role), None)
        if pinned is not None:
            self.pinned_left.remove(pinned)
            pinned_start = _monday_on_or_after(self.start + dt.timedelta(days=pinned.start_offset_days))
            if pinned_start <= self.start:
                self._tenure(self._person(role, pinned=pinned), post, team, role, pinned_start)
                return
        holder: _Tenure | None = None
        if opens > self.start:
            vacant_from = opens
        elif rng.random() < team.vacant_at_start:
            vacant_from = self.start - dt.timedelta(days=rng.randint(20, 150))
        else:
            first = self.start - dt.timedelta(days=rng.randint(60, 12 * 365))
            holder = self._tenure(self._person(role), post, team, role, first)
        while True:
            if holder is not None:
                leaves = self._stay(holder)
                if pinned is not None:
                    leaves = max(
                        holder.start + dt.timedelta(days=200), pinned_start - dt.timedelta(days=rng.randint(40, 120))
                    )
                if leaves >= today:
                    return
                holder.end, holder.reason = leaves, _LEAVES
                vacant_from = leaves
            arrives = _monday_on_or_after(vacant_from + dt.timedelta(days=rng.randint(*team.recruitment_days)))
            if pinned is not None:
                arrives = pinned_start
            # Agency workers cover vacancies expected to last; engaging one takes a few weeks.
            if (arrives - vacant_from).days > 120 and rng.random() < team.agency_cover:
                self._agency_cover(post, team, role, vacant_from + dt.timedelta(days=rng.randint(14, 45)), arrives)
            if arrives > today:
                return
            holder = self._tenure(self._person(role, pinned=pinned), post, team, role, arrives)
            if pinned is not None:
                return

    def _agency_cover(
        self, post: int, team: TeamPlan, role: str, start: dt.date, until: dt.date, *, covers_vacancy: bool = True
    ) -> None:
        """Agency workers, one after another, from ``start`` until the day before ``until``."""
        rng = self.rng
        start = _monday_on_or_after(start)
        while start < min(until, self.today):
            end = min(start + dt.timedelta(days=rng.randint(300, 700)), until - DAY)
            if end < start:
                return
            ended = end < self.today
            self._tenure(
                self._person(role, agency=True),
                post,
                team,
                role,
                start,
                fte=Decimal("1") if rng.random() < 0.9 else Decimal("0.8"),
                end=end if ended else None,
                reason=LeavingReason.OTHER if ended else "",
                covers_vacancy=covers_vacancy,
            )
            if not ended or end >= until - DAY:
                return
            start = _monday_on_or_after(end + dt.timedelta(days=rng.randint(1, 10)))

    def simulate(self) -> None:
        post = 0
        for team in self.plan.teams:
            posts = [(role, self.start - dt.timedelta(days=3650)) for role, n in team.posts for _ in range(n)]
            posts += [(CH, self.growth_april)] * team.new_posts
            for role, opens in posts:
                self._simulate_post(post, team, role, opens)
                post += 1
            for _ in range(team.extra_agency):
                start = self.today - dt.timedelta(days=self.rng.randint(400, 700))
                self._agency_cover(post, team, CH, start, dt.date.max, covers_vacancy=False)
                post += 1
        self._internal_moves()
        self._agency_conversions()
        self._manager_departures()
        self._role_changes()
        self._maternity_leaves()
        self._leaving_reasons()

    # -- afterwards: moves, conversions, changes of post, maternity leave, leaving reasons ---------------------
    def _reassign(self, tenure: _Tenure, person: _Person) -> None:
        """Give a generated person's only tenure to someone already here; the generated person goes."""
        self.people.remove(tenure.person)
        tenure.person = person
        person.tenures.append(tenure)

    def _internal_moves(self) -> None:
        """Some leavers instead move to a new post in another team, starting the same day or the next."""
        rng = self.rng
        leavers = [t for t in self.tenures if t.reason == _LEAVES and t.role != OTHER and t.person.pinned is None]
        rng.shuffle(leavers)
        moves = 0
        for leaver in leavers:
            if moves >= self.plan.internal_moves:
                return
            starters = [
                t
                for t in self.tenures
                if t.contract == Contract.PERMANENT
                and t.team is not leaver.team
                and t.role != OTHER
                and t.person.pinned is None
                and len(t.person.tenures) == 1
                and t.start > self.start
                and t.start > leaver.start + dt.timedelta(days=180)
                and abs((t.start - leaver.end).days) <= 45  # type: ignore[operator]
            ]
            if not starters:
                continue
            starter = min(starters, key=lambda t: abs((t.start - leaver.end).days))  # type: ignore[operator]
            leaver.end = starter.start - dt.timedelta(days=rng.choice((0, 1)))
            leaver.reason = LeavingReason.INTERNAL_MOVE
            self._reassign(starter, leaver.person)
            moves += 1

    def _agency_conversions(self) -> None:
        """An agency worker takes the permanent post they covered; a leaver comes back through an agency."""
        for agency in self.tenures:
            if agency.contract != Contract.AGENCY or agency.end is None or len(agency.person.tenures) != 1:
                continue
            successor = next(
                (
                    t
                    for t in self.tenures
                    if t.post == agency.post and t.contract == Contract.PERMANENT and t.start == agency.end + DAY
                    and len(t.person.tenures) == 1 and t.person.pinned is None
                ),
                None,
            )  # fmt: skip
            if successor is not None and successor.role == CH:
                self._reassign(successor, agency.person)
                agency.person.origin = StartOrigin.AGENCY
                break
        for leaver in self.tenures:
            if leaver.reason != _LEAVES or leaver.role not in CASE_HOLDING_ROLES or leaver.person.pinned is not None:
                continue
            comeback = next(
                (
                    t
                    for t in self.tenures
                    if t.contract == Contract.AGENCY and t.post != leaver.post and len(t.person.tenures) == 1
                    and leaver.end + dt.timedelta(days=14) < t.start < leaver.end + dt.timedelta(days=85)  # type: ignore[operator]
                ),
                None,
            )  # fmt: skip
            if comeback is not None:
                self._reassign(comeback, leaver.person)
                leaver.reason, leaver.person.destination = LeavingReason.RESIGNATION, LeaverDestination.AGENCY
                return

    def _manager_departures(self) -> None:
        """Managers who leave at set points, so that practice leader turnover shows in every year."""
        rng = self.rng
        for offset in self.plan.manager_departures:
            on = self.start + dt.timedelta(days=offset)
            managers = [
                t
                for t in self.tenures
                if t.role in MANAGER_ROLES
                and t.contract == Contract.PERMANENT
                and t.end is None
                and t.person.pinned is None
                and t.start < on - dt.timedelta(days=200)
            ]
            if not managers:
                continue
            tenure = rng.choice(managers)
            tenure.end, tenure.reason = on, _LEAVES
            arrives = _monday_on_or_after(on + dt.timedelta(days=rng.randint(60, 150)))
            self._agency_cover(tenure.post, tenure.team, tenure.role, on + dt.timedelta(days=7), arrives)
            if arrives <= self.today:
                self._tenure(self._person(tenure.role), tenure.post, tenure.team, tenure.role, arrives)

    def _split(self, tenure: _Tenure, on: dt.date, **changes: object) -> _Tenure:
        """End a tenure with an internal move and continue the post from the same day with some changes."""
        after = _Tenure(**{**tenure.__dict__, "start": on, **changes})  # type: ignore[arg-type]
        tenure.end, tenure.reason = on, LeavingReason.INTERNAL_MOVE
        tenure.person.tenures.append(after)
        self.tenures.append(after)
        return after

    def _long_permanent(self, days: int) -> list[_Tenure]:
        """Permanent tenures with at least ``days`` of history, excluding the demo logins' records."""
        return [
            t
            for t in self.tenures
            if t.contract == Contract.PERMANENT
            and t.person.pinned is None
            and t.role in CASE_HOLDING_ROLES
            and ((t.end or self.today) - max(t.start, self.start)).days > days
        ]

    def _role_changes(self) -> None:
        """Promotions to senior practitioner and changes of hours: same post, new assignment."""
        rng = self.rng
        candidates = self._long_permanent(240)
        for tenure in rng.sample(candidates, min(self.plan.role_changes, len(candidates))):
            first, last = (
                max(tenure.start, self.start) + dt.timedelta(days=90),
                (tenure.end or self.today) - dt.timedelta(days=90),
            )
            if first >= last:
                continue
            on = _monday_on_or_after(first + dt.timedelta(days=rng.randint(0, (last - first).days)))
            if tenure.role == CH and rng.random() < 0.5:
                self._split(tenure, on, role=SP)
            else:
                self._split(tenure, on, fte=Decimal("0.8") if tenure.fte == 1 else Decimal("1"))

    def _maternity_leaves(self) -> None:
        """Maternity leave with an agency worker covering (not a vacancy); some return part-time."""
        rng = self.rng
        candidates = [
            t for t in self._long_permanent(420) if t.person.gender == Gender.FEMALE and t.person.age_at_start < 34
            and t.end is None and len(t.person.tenures) == 1
        ]  # fmt: skip
        for tenure in rng.sample(candidates, min(self.plan.maternity_leaves, len(candidates))):
            latest = (self.today - dt.timedelta(days=300) - max(tenure.start, self.start)).days
            if latest < 60:
                continue
            leave = _monday_on_or_after(max(tenure.start, self.start) + dt.timedelta(days=rng.randint(60, latest)))
            back = _monday_on_or_after(leave + dt.timedelta(days=rng.randint(190, 280)))
            tenure.person.maternity = (leave, back)
            days = _weekdays_between(leave, back - DAY)
            self.absences.append(_Absence(tenure.person, leave, back - DAY, AbsenceType.OTHER, _days(days, tenure.fte)))
            self._agency_cover(tenure.post, tenure.team, tenure.role, leave + DAY, back, covers_vacancy=False)
            if rng.random() < 0.6:
                self._split(tenure, back, fte=Decimal("0.6"))

    def _leaving_reasons(self) -> None:
        """Census reasons for permanent leavers: each reason once or twice, then mostly resignations."""
        rng = self.rng
        leavers = [t for t in self.tenures if t.reason == _LEAVES]
        rng.shuffle(leavers)
        reasons = list(EVERY_REASON if self.plan.every_leaving_reason else ())[: len(leavers)]
        reasons += [_pick(rng, REASON_WEIGHTS) for _ in range(len(leavers) - len(reasons))]
        # Retirement goes to the oldest leavers, so that their dates of birth stay believable.
        retired = [r for r in reasons if r == LeavingReason.RETIRED]
        oldest = sorted(leavers, key=lambda t: t.person.age_at_start + (t.end - t.start).days / 365)[::-1]  # type: ignore[operator]
        oldest = oldest[: len(retired)]
        others = [t for t in leavers if t not in oldest]
        pairs = [
            *zip(oldest, retired, strict=True),
            *zip(others, [r for r in reasons if r != LeavingReason.RETIRED], strict=True),
        ]
        for tenure, reason in pairs:
            tenure.reason = reason
            if tenure.contract == Contract.PERMANENT:
                tenure.person.destination = _pick(rng, DESTINATIONS.get(reason, {D.NOT_KNOWN: 1}))

    # -- caseloads and absences ------------------------------------------------------------------------------
    def caseloads(self) -> list[tuple[_Person, dt.date, dict[str, int]]]:
        """Month-end caseloads of case holders by case type; a few have no record for the last month yet."""
        rng = self.rng
        month_ends = _month_ends(self.start, self.today)
        records = []
        for person in self.people:
            level, team, since = 0.0, None, min(t.start for t in person.tenures)
            for on in month_ends:
                tenure = next((t for t in person.tenures if t.in_post(on)), None)
                if tenure is None or tenure.role not in CASE_HOLDING_ROLES:
                    team = None
                    continue
                low, high = tenure.team.caseload
                usual = (low + high) / 2 * float(tenure.fte) * (0.75 if tenure.role == SP else 1.0)
                if team is not tenure.team:
                    team, level = tenure.team, rng.uniform(low, high) * usual / ((low + high) / 2)
                level = 0.7 * level + 0.3 * usual + rng.gauss(0, 1.2)
                cases = max(0.0, level)
                months_in = (on - since).days / 30.4
                if person.origin == StartOrigin.NEWLY_QUALIFIED and months_in < 12:
                    cases = min(cases, 5 + months_in * 0.8)  # the ASYE's protected caseload
                elif (on - tenure.start).days < 60:
                    cases *= ((on - tenure.start).days + 10) / 70
                if person.maternity and person.maternity[0] <= on < person.maternity[1]:
                    cases = 0
                count = round(cases)
                split = Counter(rng.choices(CASE_TYPE_FIELDS, weights=tenure.team.case_mix, k=count))
                records.append((person, on, {"cases": count} | {k: split[k] for k in CASE_TYPE_FIELDS}))
        last = month_ends[-1]
        late = [r for r in records if r[1] == last and r[0].pinned is None]
        for record in rng.sample(late, min(3, len(late))):
            records.remove(record)
        return records

    def sickness_and_leave(self) -> None:
        """Short sickness spells, a few long-term sickness absences, and other leave, for permanent workers."""
        rng = self.rng
        for tenure in [t for t in self.tenures if t.contract == Contract.PERMANENT]:
            first, last = max(tenure.start, self.start), min(tenure.end or self.today, self.today - DAY)
            years = (last - first).days / 365
            if years <= 0:
                continue
            for _ in range(_poisson(rng, 2.2 * years)):
                self._absence(
                    tenure, first, last, AbsenceType.SICKNESS, rng.choice((1, 1, 1, 2, 2, 3, 3, 4, 5, 5, 8, 10))
                )
            for _ in range(_poisson(rng, 0.5 * years)):
                self._absence(tenure, first, last, AbsenceType.OTHER, rng.choice((1, 1, 2, 3, 5)))
        long_ones = self._long_permanent(200)
        for tenure in rng.sample(long_ones, min(self.plan.long_term_sickness, len(long_ones))):
            first, last = max(tenure.start, self.start), min(tenure.end or self.today, self.today - DAY)
            self._absence(tenure, first, last, AbsenceType.SICKNESS, rng.randint(20, 65))

    def _absence(self, tenure: _Tenure, first: dt.date, last: dt.date, kind: str, weekdays: int) -> None:
        room = (last - first).days - math.ceil(weekdays * 7 / 5) - 3
        if room < 0:
            return
        start = _weekday_on_or_after(first + dt.timedelta(days=self.rng.randint(0, room)))
        end = _add_weekdays(start, weekdays)
        if end > last:
            return
        mine = [a for a in self.absences if a.person is tenure.person]
        if any(a.start <= end and start <= a.end for a in mine):
            return
        self.absences.append(_Absence(tenure.person, start, end, kind, _days(weekdays, tenure.fte)))
