"""Demonstration data (spec section 5, ``seed_demo``): two authorities with workforce history, and the demo logins.

``seed_demo`` runs the steps in order, and each step is idempotent: an authority that already has workers is left
as it is, and the logins are only checked (and their passwords reset). Later issues add their own ``seed_*`` step
that takes the ``DemoWorkforce`` returned by ``seed_workforce``.

The generator simulates each funded post of each team over the last three years: a permanent worker holds it
until they leave; the vacancy is then covered by agency workers, or not, until a new starter arrives. Afterwards
some leavers are turned into internal moves, some posts change FTE or role, some workers go on maternity leave
with agency cover, and every leaving reason of the census is given out. Draws come from a fixed seed, so the same
day always gives the same data. The ``DemoWorkforce`` of the step tells later steps what was made.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.models import User
from workforce.codes import (
    MANAGER_ROLES,
    AbsenceType,
    Contract,
    Gender,
    LeaverDestination,
    LeavingReason,
    PostQualifyingStatus,
    QualificationRoute,
    Role,
    StartOrigin,
    UserRole,
)
from workforce.models import (
    CASE_TYPE_FIELDS,
    Absence,
    AgencyEngagement,
    AgencyJobType,
    Assignment,
    Authority,
    CaseloadRecord,
    Establishment,
    IndicatorKey,
    IndicatorTarget,
    RoleAssignment,
    ServiceArea,
    Team,
    Worker,
    WorkloadSettings,
)
from workforce.services.accounts import role_assign, user_create, worker_link_user

SEED = 2025
DEFAULT_PASSWORD = "demo-password"  # noqa: S105 (published in the README)
HISTORY_YEARS = 3
CHANGE_REASON = "Demonstration data (seed_demo)"
DAY = dt.timedelta(days=1)
_LEAVES = "leaves"  # a permanent leaver whose census reason is given out at the end

# Short names keep the plans below to a line or two per team.
SM, MM, FLM, SP, CH, QNC, OTHER = (
    Role.SENIOR_MANAGER,
    Role.MIDDLE_MANAGER,
    Role.FIRST_LINE_MANAGER,
    Role.SENIOR_PRACTITIONER,
    Role.CASE_HOLDER,
    Role.QUALIFIED_NO_CASES,
    Role.OTHER,
)
CASE_HOLDING_ROLES = (CH, SP)

SOCIAL_WORKER_EMAIL = "social.worker@demo.example"
TEAM_MANAGER_EMAIL = "team.manager@demo.example"
SERVICE_MANAGER_EMAIL = "service.manager@demo.example"
WORKFORCE_OFFICER_EMAIL = "workforce.officer@demo.example"
PANEL_MEMBER_EMAIL = "panel.member@demo.example"
ADMIN_EMAIL = "admin@demo.example"
OTHER_MANAGER_EMAIL = "other.manager@demo.example"


# ---------------------------------------------------------------------------
# The plan: what each authority looks like.
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class TeamPlan:
    """A team, its funded posts and how it behaves: how often people leave, how vacancies are covered."""

    code: str
    name: str
    service_area: str | None
    posts: tuple[tuple[str, int], ...]  # (role, number of posts) funded before the history starts
    case_mix: tuple[int, ...] = (60, 10, 10, 5, 15)  # weights of CASE_TYPE_FIELDS
    caseload: tuple[int, int] = (13, 19)  # a full-time case holder's usual caseload
    leave_rate: float = 0.15  # chance a year that a permanent worker leaves
    agency_cover: float = 0.6  # chance a vacancy is covered by agency workers until the new starter arrives
    recruitment_days: tuple[int, int] = (60, 300)
    vacant_at_start: float = 0.2
    new_posts: int = 0  # case-holder posts funded from the first April of the history
    extra_agency: int = 0  # agency case holders beyond the establishment (extra capacity, not covering a vacancy)
    funded: bool = True  # False: a central team with no establishment record


@dataclass(frozen=True)
class PinnedPerson:
    """A demo login's own staff record, placed in a post of its team instead of a generated worker."""

    email: str
    first_name: str
    last_name: str
    team: str
    role: str
    start_offset_days: int  # from the start of the history; negative when they started before it
    origin: str = StartOrigin.OTHER_LA
    route: str = QualificationRoute.UNDERGRADUATE
    ethnicity: str = "WBRI"
    gender: str = Gender.FEMALE
    age_at_start: int = 30


@dataclass(frozen=True)
class AuthorityPlan:
    code: str
    name: str
    domain: str  # of the workers' e-mail addresses
    worker_prefix: str
    service_areas: tuple[tuple[str, str], ...]
    teams: tuple[TeamPlan, ...]
    manager_team: str  # the team of the authority's team manager login
    pinned: tuple[PinnedPerson, ...] = ()
    internal_moves: int = 0
    role_changes: int = 0
    maternity_leaves: int = 0
    long_term_sickness: int = 0
    manager_departures: tuple[int, ...] = ()  # days after the start of the history
    every_leaving_reason: bool = False
    caseload_threshold: int = 22


DEMO = AuthorityPlan(
    code="DEMO",
    name="Demoshire County Council",
    domain="demoshire.example",
    worker_prefix="D",
    service_areas=(("EHA", "Early Help and Assessment"), ("SAFE", "Safeguarding"), ("CARE", "Children in Care")),
    teams=(
        TeamPlan("FD", "Front Door", "EHA", ((FLM, 1), (SP, 1), (CH, 5), (QNC, 1)), (60, 10, 0, 0, 30), (10, 16)),
        TeamPlan("ASS", "Assessment", "EHA", ((FLM, 1), (SP, 2), (CH, 9)), (70, 15, 0, 0, 15), (14, 19),
                 leave_rate=0.18, extra_agency=1),
        TeamPlan("CIN", "Child in Need", "SAFE", ((FLM, 1), (SP, 1), (CH, 8)), (85, 5, 0, 0, 10)),
        # Hard to recruit to: vacancies last, agency workers cover them, and caseloads run over the threshold.
        TeamPlan("CP", "Child Protection", "SAFE", ((FLM, 1), (SP, 2), (CH, 9)), (20, 75, 5, 0, 0), (25, 30),
                 leave_rate=0.22, agency_cover=0.95, recruitment_days=(120, 420), vacant_at_start=0.35, new_posts=2,
                 extra_agency=2),
        # New posts funded but hard to fill, and little agency cover: the team with vacancies.
        TeamPlan("CIC", "Children in Care", "CARE", ((FLM, 1), (SP, 2), (CH, 9)), (0, 3, 90, 5, 2), (14, 18),
                 agency_cover=0.25, recruitment_days=(120, 400), new_posts=2),
        TeamPlan("CL", "Care Leavers", "CARE", ((FLM, 1), (SP, 1), (CH, 3), (OTHER, 1)), (0, 0, 15, 85, 0), (15, 20)),
        # A central team without a funded establishment.
        TeamPlan("PD", "Practice Development", None, ((SM, 1), (MM, 3), (QNC, 2), (OTHER, 1)),
                 leave_rate=0.1, agency_cover=0.2, funded=False),
    ),
    manager_team="CP",
    pinned=(
        PinnedPerson(TEAM_MANAGER_EMAIL, "Joanne", "Fletcher", "CP", FLM, -2200, age_at_start=38),
        PinnedPerson(SOCIAL_WORKER_EMAIL, "Amira", "Hussain", "CP", CH, 300, origin=StartOrigin.NEWLY_QUALIFIED,
                     route=QualificationRoute.FAST_TRACK, ethnicity="APKN", age_at_start=24),
    ),
    internal_moves=6,
    role_changes=6,
    maternity_leaves=3,
    long_term_sickness=6,
    manager_departures=(150, 500, 850),
    every_leaving_reason=True,
)  # fmt: skip

OTHER_AUTHORITY = AuthorityPlan(
    code="OTHER",
    name="Otherborough Council",
    domain="otherborough.example",
    worker_prefix="OB",
    service_areas=(("CS", "Children's Services"),),
    teams=(
        TeamPlan("AI", "Assessment and Intervention", "CS", ((FLM, 1), (SP, 1), (CH, 4)), (70, 25, 0, 0, 5)),
        TeamPlan("CLA", "Children Looked After", "CS", ((FLM, 1), (CH, 3)), (0, 5, 80, 15, 0)),
    ),
    manager_team="AI",
    pinned=(
        PinnedPerson(OTHER_MANAGER_EMAIL, "Gareth", "Evans", "AI", FLM, -1500, gender=Gender.MALE, age_at_start=41),
    ),
)  # fmt: skip

PLANS = (DEMO, OTHER_AUTHORITY)


# ---------------------------------------------------------------------------
# Code lists and names the generator draws from.
# ---------------------------------------------------------------------------
ETHNICITY_WEIGHTS = {
    "WBRI": 58, "WIRI": 2, "WOTH": 7, "MWBC": 2, "MWBA": 1, "MWAS": 1, "MOTH": 1, "AIND": 3, "APKN": 3,
    "ABAN": 1, "AOTH": 1, "BCRB": 3, "BAFR": 9, "BOTH": 1, "CHNE": 0.5, "OOTH": 1, "REFU": 2, "NOBT": 3.5,
}  # fmt: skip
# Names by background: (women's first names, men's first names, surnames). Ethnicity codes map onto them.
NAMES = {
    "british": (
        "Sarah Emma Laura Rachel Hannah Rebecca Claire Gemma Katie Charlotte Lucy Amy Jessica Sophie Helen Nicola "
        "Kelly Lauren Bethany Natalie Victoria Louise Megan Zoe Abigail Eleanor Fiona Alison Jade Chloe Holly Kirsty "
        "Samantha Danielle Leanne Ruth Joanne Catherine Harriet Jodie",
        "James David Daniel Thomas Matthew Christopher Andrew Michael Mark Paul Richard Jonathan Stephen Robert Adam "
        "Luke Benjamin Craig Simon Neil Ryan Liam Owen Gareth",
        "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White Roberts "
        "Green Hall Wood Jackson Hughes Edwards Harris Lewis Turner Hill Cooper Ward Morris Moore King Baker Harrison "
        "Morgan Allen Bennett Marshall Shaw Holmes Parker Price Barker Chapman Ellis Mason Pearson Atkinson Dixon "
        "Lloyd Hudson Fisher Lawrence Bailey Stevens Kirby Whitehead Naylor Pickering Sutcliffe Ashworth Brennan",
    ),
    "irish": (
        "Siobhan Niamh Aoife Ciara Sinead Orla Roisin Mairead",
        "Declan Sean Ciaran Conor Padraig Eoin",
        "Murphy Kelly O'Brien Gallagher Doyle Byrne Ryan O'Connor Walsh McCarthy Kennedy Quinn",
    ),
    "european": (
        "Agnieszka Katarzyna Monika Ioana Elena Anna Maria Joanna Lucia Beata Sofia Ana",
        "Tomasz Piotr Andrei Marco Luca Mateusz",
        "Nowak Popescu Rossi Horvat Kovacs Novak Silva Santos Ferreira Costa Papadopoulos Schmidt Wisniewska Ionescu",
    ),
    "indian": (
        "Priya Anjali Sunita Nisha Harpreet Simran Amrita Kiran Pooja Meera",
        "Raj Amit Sanjay Arjun Vikram Harjit Deepak",
        "Patel Sharma Singh Gill Sandhu Mistry Desai Chauhan Parmar Bhatt",
    ),
    "pakistani": (
        "Aisha Fatima Sana Ayesha Nadia Rukhsana Saima Zainab Amira Hina",
        "Imran Asif Tariq Kamran Faisal Usman Bilal",
        "Khan Hussain Ahmed Iqbal Akhtar Butt Mahmood Rashid Malik Aslam",
    ),
    "bangladeshi": (
        "Taslima Shirin Nasima Farzana Rumana Sultana",
        "Abdul Shahid Jamal Rafiq",
        "Rahman Uddin Miah Islam Chowdhury Ali Begum",
    ),
    "african": (
        "Grace Blessing Chipo Abena Ngozi Funmilayo Esther Adaeze Ama Precious Tendai Chiamaka Folake Yetunde",
        "Emmanuel Kwame Samuel Tunde Chinedu Kofi Obinna Joseph",
        "Okafor Adeyemi Mensah Osei Boateng Okonkwo Adebayo Nwosu Moyo Ndlovu Asante Owusu Eze Banda Mutasa Danso",
    ),
    "caribbean": (
        "Marcia Simone Jasmine Natasha Tanya Shanice Michelle Beverley Keisha Yvonne",
        "Marcus Leon Dwayne Jermaine Carl Winston Andre",
        "Campbell Brown Thomas Clarke Francis Grant Henry Richards Stewart Gordon Forbes Samuels Reid Lindo",
    ),
    "chinese": ("Mei Jing Hui Xin Ling", "Wei Jun Ming Hao", "Chen Wong Li Zhang Liu Cheung Lam"),
    "other": (
        "Leila Yasmin Mariam Noor Hanan Dina",
        "Ali Omar Hassan Karim Yusuf",
        "Hassan Mohamed Abdi Farah Nasser Karimi Haddad Aziz",
    ),
}
NAME_BACKGROUND = {
    "WBRI": "british", "WIRI": "irish", "WOTH": "european", "MWBC": "caribbean", "MWBA": "african",
    "MWAS": "british", "MOTH": "british", "AIND": "indian", "APKN": "pakistani", "ABAN": "bangladeshi",
    "AOTH": "indian", "BCRB": "caribbean", "BAFR": "african", "BOTH": "caribbean", "CHNE": "chinese",
    "OOTH": "other", "REFU": "british", "NOBT": "british",
}  # fmt: skip
GENDER_WEIGHTS = {Gender.FEMALE: 80, Gender.MALE: 18, Gender.NOT_SPECIFIED: 1, Gender.NOT_KNOWN: 1}
ROUTE_WEIGHTS = {
    QualificationRoute.UNDERGRADUATE: 45,
    QualificationRoute.POSTGRADUATE: 30,
    QualificationRoute.FAST_TRACK: 12,
    QualificationRoute.APPRENTICESHIP: 6,
    QualificationRoute.OVERSEAS: 5,
    QualificationRoute.OTHER: 2,
}
ORIGIN_WEIGHTS = {
    StartOrigin.NEWLY_QUALIFIED: 25,
    StartOrigin.OTHER_LA: 30,
    StartOrigin.AGENCY: 12,
    StartOrigin.PRIVATE_VOLUNTARY: 8,
    StartOrigin.OUTSIDE_ENGLAND: 4,
    StartOrigin.OTHER_SOCIAL_WORK: 5,
    StartOrigin.NON_SOCIAL_WORK: 3,
    StartOrigin.CAREER_BREAK: 5,
    StartOrigin.OTHER: 3,
    StartOrigin.NOT_KNOWN: 5,
}
FTE_WEIGHTS = {Decimal("1"): 76, Decimal("0.8"): 9, Decimal("0.6"): 7, Decimal("0.5"): 5, Decimal("0.9"): 3}
# Leaving reasons after the ones every_leaving_reason hands out first; resignation is by far the most common.
REASON_WEIGHTS = {
    LeavingReason.RESIGNATION: 80,
    LeavingReason.RETIRED: 6,
    LeavingReason.OTHER: 4,
    LeavingReason.NOT_KNOWN: 4,
    LeavingReason.MOVED_WITHIN_AUTHORITY: 4,
    LeavingReason.DISMISSED: 2,
}
EVERY_REASON = (
    LeavingReason.RETIRED,
    LeavingReason.DISMISSED,
    LeavingReason.VOLUNTARY_REDUNDANCY,
    LeavingReason.COMPULSORY_REDUNDANCY,
    LeavingReason.DECEASED,
    LeavingReason.MOVED_WITHIN_AUTHORITY,
    LeavingReason.OTHER,
    LeavingReason.NOT_KNOWN,
    LeavingReason.RETIRED,
    LeavingReason.VOLUNTARY_REDUNDANCY,
)
D = LeaverDestination
DESTINATIONS = {
    LeavingReason.RESIGNATION: {D.OTHER_LA: 40, D.AGENCY: 15, D.PRIVATE_VOLUNTARY: 10, D.OUTSIDE_ENGLAND: 3,
                                D.OTHER_SOCIAL_WORK: 7, D.NON_SOCIAL_WORK: 8, D.CAREER_BREAK: 7, D.NOT_KNOWN: 10},
    LeavingReason.RETIRED: {D.CAREER_BREAK: 1},
    LeavingReason.VOLUNTARY_REDUNDANCY: {D.CAREER_BREAK: 2, D.NON_SOCIAL_WORK: 1},
    LeavingReason.COMPULSORY_REDUNDANCY: {D.CAREER_BREAK: 1, D.NOT_KNOWN: 1},
    LeavingReason.MOVED_WITHIN_AUTHORITY: {D.OTHER_SOCIAL_WORK: 2, D.NON_SOCIAL_WORK: 1},
    LeavingReason.OTHER: {D.OTHER: 1},
}  # fmt: skip
AGENCIES = ("Pathway Social Care Locums", "Harbour Recruitment Ltd", "Bluebell Social Work Agency", "Northgate Care")
PRICE_CAPS = {  # illustrative regional caps, pounds an hour
    AgencyJobType.SOCIAL_WORKER: Decimal("45.00"),
    AgencyJobType.SENIOR_SOCIAL_WORKER: Decimal("49.00"),
    AgencyJobType.PRACTICE_SUPERVISOR: Decimal("55.00"),
    AgencyJobType.PRACTICE_LEADER: Decimal("62.00"),
}
TARGETS = {
    IndicatorKey.TURNOVER_RATE: "14.0",
    IndicatorKey.AGENCY_RATE: "12.0",
    IndicatorKey.VACANCY_RATE: "12.0",
    IndicatorKey.AVERAGE_CASELOAD: "18.0",
    IndicatorKey.ABSENCE_RATE: "3.0",
    IndicatorKey.PRACTICE_LEADER_TURNOVER_RATE: "10.0",
}


# ---------------------------------------------------------------------------
# Dates.
# ---------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------
# The generator.
# ---------------------------------------------------------------------------
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


class _Generator:
    """Builds an authority's people, assignments, caseloads and absences in memory, then writes them in bulk."""

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

    # -- finishing the people --------------------------------------------------------------------------------
    def workers(self, authority: Authority) -> list[tuple[_Person, Worker]]:
        """One unsaved Worker per person, numbered in the order they first started."""
        rng = self.rng
        for person in self.people:
            person.tenures.sort(key=lambda t: t.start)
        people = sorted(self.people, key=lambda p: (p.tenures[0].start, p.tenures[0].post))
        self.people = people
        used_emails: set[str] = set()
        used_numbers: set[int] = set()
        renewal = _next_renewal(self.today)
        out = []
        for n, person in enumerate(people, start=1):
            first_tenure, last_tenure = person.tenures[0], person.tenures[-1]
            pinned = person.pinned
            ethnicity = pinned.ethnicity if pinned else _pick(rng, ETHNICITY_WEIGHTS)
            women, men, surnames = NAMES[NAME_BACKGROUND[ethnicity]]
            if pinned:
                first_name, last_name, email = pinned.first_name, pinned.last_name, pinned.email
            else:
                names = men if person.gender == Gender.MALE else women
                if person.gender in (Gender.NOT_KNOWN, Gender.NOT_SPECIFIED) and rng.random() < 0.5:
                    names = men
                first_name, last_name = rng.choice(names.split()), rng.choice(surnames.split())
                email = _email(first_name, last_name, self.plan.domain, used_emails)
            started = first_tenure.start
            years_here = round(((last_tenure.end or self.today) - started).days / 365)
            # Nobody works past 66; those who retired were 60 to 66 when they went.
            age = max(21, min(person.age_at_start, 65 - years_here))
            if last_tenure.reason == LeavingReason.RETIRED:
                age = rng.randint(60, 66) - years_here
            born = started - dt.timedelta(days=round(age * 365.25) + rng.randint(0, 364))
            worker = Worker(
                authority=authority,
                worker_id=f"{self.plan.worker_prefix}{10000 + n}",
                first_name=first_name,
                last_name=last_name,
                email=email,
                date_of_birth=born,
                gender=person.gender,
                ethnicity=ethnicity,
                start_origin=person.origin,
                leaver_destination=person.destination,
            )
            if person.social_worker:
                qualified = started.year - (0 if person.origin == StartOrigin.NEWLY_QUALIFIED else rng.randint(1, 15))
                worker.swe_registration = f"SW{_registration_number(rng, qualified, used_numbers)}"
                worker.swe_renewal_date = renewal
                worker.qualification_route = pinned.route if pinned else _pick(rng, ROUTE_WEIGHTS)
                worker.pq_status = _pq_status(person, self.today)
            out.append((person, worker))
        return out

    def engagement(self, tenure: _Tenure, assignment: Assignment, flag: str = "") -> AgencyEngagement:
        """The agency engagement details; ``flag`` breaks one rule of the DfE guidance on purpose."""
        rng = self.rng
        job_type = {
            FLM: AgencyJobType.PRACTICE_SUPERVISOR,
            SP: AgencyJobType.SENIOR_SOCIAL_WORKER,
            MM: AgencyJobType.PRACTICE_LEADER,
            SM: AgencyJobType.PRACTICE_LEADER,
        }.get(tenure.role, AgencyJobType.SOCIAL_WORKER)
        cap = PRICE_CAPS[job_type]
        pay = (cap * Decimal(rng.uniform(0.78, 0.86))).quantize(Decimal("0.01"))
        if flag in ("over_cap", "signed_off"):
            pay = (cap * Decimal("0.93")).quantize(Decimal("0.01"))
        signed = tenure.start - dt.timedelta(days=rng.randint(3, 10)) if flag == "signed_off" else None
        return AgencyEngagement(
            assignment=assignment,
            agency=rng.choice(AGENCIES),
            job_type=job_type,
            pay_rate=pay,
            employer_ni=(pay * Decimal("0.125")).quantize(Decimal("0.01")),
            apprenticeship_levy=(pay * Decimal("0.005")).quantize(Decimal("0.01")),
            regional_price_cap=cap,
            pq_experience_years=Decimal("2.0") if flag == "experience" else Decimal(rng.randint(35, 180)) / 10,
            notice_period_weeks=6 if flag == "notice" else rng.choice((1, 2, 4, 4)),
            dcs_signoff_on=signed,
            chief_executive_signoff_on=signed + DAY if signed else None,
        )


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


# ---------------------------------------------------------------------------
# Writing an authority.
# ---------------------------------------------------------------------------
def _create(model: type, objs: list) -> list:
    return bulk_create_with_history(objs, model, batch_size=500, default_change_reason=CHANGE_REASON)


def _seed_authority(plan: AuthorityPlan, today: dt.date) -> tuple[Authority, bool]:
    """Create the authority's organisation and workforce, unless it already has workers."""
    authority, _ = Authority.objects.get_or_create(code=plan.code, defaults={"name": plan.name})
    if Worker.objects.filter(authority=authority).exists():
        return authority, False
    areas = {
        code: ServiceArea.objects.get_or_create(authority=authority, code=code, defaults={"name": name})[0]
        for code, name in plan.service_areas
    }
    teams = {
        t.code: Team.objects.get_or_create(
            authority=authority, code=t.code, defaults={"name": t.name, "service_area": areas.get(t.service_area)}
        )[0]
        for t in plan.teams
    }
    gen = _Generator(plan, today)
    gen.simulate()
    gen.sickness_and_leave()

    pairs = gen.workers(authority)
    _create(Worker, [w for _, w in pairs])
    worker_of = {id(p): w for p, w in pairs}
    tenures = sorted(
        (t for p, _ in pairs for t in p.tenures), key=lambda t: (worker_of[id(t.person)].worker_id, t.start)
    )
    assignments = [
        Assignment(
            worker=worker_of[id(t.person)],
            team=teams[t.team.code],
            role=t.role,
            job_title=_job_title(t, today),
            contract=t.contract,
            fte=t.fte,
            start_date=t.start,
            end_date=t.end,
            leaving_reason=t.reason,
            covers_vacancy=t.covers_vacancy,
        )
        for t in tenures
    ]
    _create(Assignment, assignments)
    agency = [
        (t, a) for t, a in zip(tenures, assignments, strict=True) if t.contract == Contract.AGENCY and t.role != OTHER
    ]
    current = [i for i, (t, _) in enumerate(agency) if t.end is None]
    flags = dict(
        zip(
            gen.rng.sample(current, min(4, len(current))),
            ("experience", "over_cap", "notice", "signed_off"),
            strict=False,
        )
    )
    _create(AgencyEngagement, [gen.engagement(t, a, flags.get(i, "")) for i, (t, a) in enumerate(agency)])

    establishment = []
    for plan_team in plan.teams:
        if not plan_team.funded:
            continue
        base = sum(n for role, n in plan_team.posts if role != OTHER)
        establishment.append(
            Establishment(team=teams[plan_team.code], effective_from=gen.base_april, establishment_fte=base)
        )
        if plan_team.new_posts and gen.growth_april <= today:
            establishment.append(
                Establishment(
                    team=teams[plan_team.code],
                    effective_from=gen.growth_april,
                    establishment_fte=base + plan_team.new_posts,
                )
            )
    _create(Establishment, establishment)
    _create(
        CaseloadRecord,
        [CaseloadRecord(worker=worker_of[id(p)], date=on, **counts) for p, on, counts in gen.caseloads()],
    )
    _create(
        Absence,
        [
            Absence(
                worker=worker_of[id(a.person)],
                start_date=a.start,
                end_date=a.end,
                type=a.type,
                working_days_lost=a.days,
            )
            for a in sorted(gen.absences, key=lambda a: (worker_of[id(a.person)].worker_id, a.start))
        ],
    )
    WorkloadSettings.objects.get_or_create(
        authority=authority,
        defaults={
            "caseload_threshold": plan.caseload_threshold,
            "asye_caseload_threshold": plan.caseload_threshold - 6,
        },
    )
    _create(
        IndicatorTarget,
        [
            IndicatorTarget(authority=authority, indicator=key, value=Decimal(value), effective_from=gen.base_april)
            for key, value in TARGETS.items()
            if not IndicatorTarget.objects.filter(authority=authority, indicator=key).exists()
        ],
    )
    return authority, True


def _job_title(tenure: _Tenure, today: dt.date) -> str:
    if tenure.role == OTHER:
        return {"CL": "Personal Adviser", "PD": "Workforce Development Officer"}.get(
            tenure.team.code, "Family Support Worker"
        )
    titles = {
        SM: "Assistant Director",
        MM: "Head of Service",
        FLM: "Team Manager",
        SP: "Senior Practitioner",
        QNC: "Practice Educator" if tenure.team.code == "PD" else "Social Worker (screening)",
    }
    if tenure.role in titles:
        return titles[tenure.role]
    if tenure.contract == Contract.AGENCY:
        return "Locum Social Worker"
    # The ASYE title is kept by those still in their first year; later records would have moved on.
    in_first_year = ((tenure.end or today) - tenure.start).days < 365 and tenure is tenure.person.tenures[0]
    return (
        "Social Worker (ASYE)"
        if in_first_year and tenure.person.origin == StartOrigin.NEWLY_QUALIFIED
        else "Social Worker"
    )


# ---------------------------------------------------------------------------
# The steps.
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoWorkforce:
    """What the workforce step made (or found), for the logins and for later steps."""

    authority: Authority
    other_authority: Authority
    created: bool  # True when this run generated the workforce records
    today: dt.date


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    sees: str


@dataclass(frozen=True)
class DemoResult:
    workforce: DemoWorkforce
    logins: list[DemoLogin]


@transaction.atomic
def seed_workforce(*, today: dt.date | None = None) -> DemoWorkforce:
    """The demonstration authority and the small second authority, each generated once."""
    today = today or timezone.localdate()
    demo, created_demo = _seed_authority(DEMO, today)
    other, created_other = _seed_authority(OTHER_AUTHORITY, today)
    return DemoWorkforce(authority=demo, other_authority=other, created=created_demo or created_other, today=today)


@transaction.atomic
def seed_logins(*, workforce: DemoWorkforce, password: str) -> list[DemoLogin]:
    """One login per role (spec section 5), linked to their records; every run resets their passwords."""
    demo, other = workforce.authority, workforce.other_authority
    team = Team.objects.select_related("service_area").get(authority=demo, code=DEMO.manager_team)
    area = team.service_area
    other_team = Team.objects.get(authority=other, code=OTHER_AUTHORITY.manager_team)
    area_teams = ", ".join(area.teams.order_by("name").values_list("name", flat=True))
    people = [
        (SOCIAL_WORKER_EMAIL, "Amira Hussain", demo, UserRole.SOCIAL_WORKER, None,
         f"Social worker, {team.name}", "their own record and caseload history"),
        (TEAM_MANAGER_EMAIL, "Joanne Fletcher", demo, UserRole.TEAM_MANAGER, team,
         f"Team manager, {team.name}", f"the people, caseloads and indicators of {team.name}"),
        (SERVICE_MANAGER_EMAIL, "Marcus Grant", demo, UserRole.SERVICE_MANAGER, area,
         f"Service manager, {area.name}", f"every team of {area.name} ({area_teams})"),
        (WORKFORCE_OFFICER_EMAIL, "Priya Sharma", demo, UserRole.WORKFORCE_OFFICER, None,
         "Workforce officer (HR)", f"all staff records, imports, indicators and exports of {demo.name}"),
        (PANEL_MEMBER_EMAIL, "Helen Clarke", demo, UserRole.PANEL_MEMBER, None,
         "Progression panel member", "progression applications sent to the panel"),
        (ADMIN_EMAIL, "Demo Administrator", demo, UserRole.ADMINISTRATOR, None,
         "Administrator", f"everything in {demo.name}, and Django admin at /admin/"),
        (OTHER_MANAGER_EMAIL, "Gareth Evans", other, UserRole.TEAM_MANAGER, other_team,
         f"Team manager, {other.name}", f"{other_team.name} only: nothing of {demo.name}"),
    ]  # fmt: skip
    # What exists already is read in a few queries, so that a second run only checks (make run does it every time).
    emails = [row[0] for row in people]
    existing = {u.email: u for u in User.objects.filter(email__in=emails)}
    verified = set(EmailAddress.objects.filter(email__in=emails, verified=True).values_list("email", flat=True))
    held = set(
        RoleAssignment.objects.filter(user__email__in=emails).values_list(
            "user__email", "authority", "role", "team", "service_area"
        )
    )
    workers = {w.email: w for w in Worker.objects.filter(authority__in=[demo, other], email__in=emails)}
    users, logins = [], []
    for email, name, authority, role, place, label, sees in people:
        user = existing.get(email)
        if user is None or email not in verified:
            user = user_create(email=email, full_name=name, is_admin=role == UserRole.ADMINISTRATOR)
        team = place if isinstance(place, Team) else None
        area = place if isinstance(place, ServiceArea) else None
        if (email, authority.pk, role, getattr(team, "pk", None), getattr(area, "pk", None)) not in held:
            role_assign(user=user, authority=authority, role=role, team=team, service_area=area)
        worker = workers.get(email)
        if worker is not None and worker.user_id != user.pk:
            worker_link_user(worker=worker, user=user)
        users.append(user)
        logins.append(DemoLogin(email=email, role=label, sees=sees))
    _reset_passwords(users, password)
    User.objects.filter(email=ADMIN_EMAIL).exclude(is_staff=True, is_superuser=True).update(
        is_staff=True, is_superuser=True
    )
    return logins


def _reset_passwords(users: list[User], password: str) -> None:
    """Give every demo login the password, unless they all have it already.

    A password hash is deliberately slow (over a second for PBKDF2 on a small machine) and ``make run`` calls this
    every time, so the logins share one hash: one check tells whether anything needs doing, and a reset hashes once.
    """
    hashes = {user.password for user in users}
    if len(hashes) == 1 and check_password(password, hashes.pop()):
        return
    User.objects.filter(pk__in=[u.pk for u in users]).update(password=make_password(password))


def seed_demo(*, password: str = DEFAULT_PASSWORD, today: dt.date | None = None) -> DemoResult:
    """Every demo step in order: the workforce of both authorities, then the logins."""
    workforce = seed_workforce(today=today)
    logins = seed_logins(workforce=workforce, password=password)
    return DemoResult(workforce=workforce, logins=logins)
