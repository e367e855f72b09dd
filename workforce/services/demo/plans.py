"""What each demo authority looks like: its service areas, teams, funded posts and the demo logins' own records.

Also the constants the other modules of the demo share: the seed, the default password, the length of the history,
short names of the roles and the e-mail addresses of the demo logins.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workforce.codes import Gender, QualificationRoute, Role, StartOrigin

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
