"""The number of queries of every main page, as the role that uses it, at two sizes of data.

Each page is asked for with a little data (2 people with history, CPD, evidence and the rest), then with more (12):
both must run exactly the number of queries pinned here, so a page that starts to run a query per row (an N+1)
fails the build. Pages are warmed up first (a first visit may create a settings row or fill a cache).
Timings stay out of tests: docs/benchmarks.md has them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.models import Evidence, ProgressionApplication
from core.audit.models import DownloadLog, SignInEvent
from cpd.models import CpdDayRequest
from cpd.years import registration_year_for, year_start
from tests.careers.factories import EvidenceFactory, ProgressionApplicationFactory, WorkerLevelFactory
from tests.careers.factories_applications import Ladder, accepted_evidence, ladder_for
from tests.conftest import Cast
from tests.cpd.factories import CpdDayRequestFactory, CpdRecordFactory, TrainingCompletionFactory, TrainingCourseFactory
from tests.workforce.factories import (
    AbsenceFactory,
    AssignmentFactory,
    CaseloadRecordFactory,
    EstablishmentFactory,
    TeamFactory,
    WorkerFactory,
)
from workforce.codes import Contract, LeavingReason, Role
from workforce.dashboard import default_as_at
from workforce.indicators import (
    compute_indicators,
    indicators_by_service_area,
    indicators_by_team,
    indicators_for_dates,
    month_ends,
)
from workforce.models import AgencyEngagement, Assignment, ImportRun

SMALL, LARGE = 2, 12
# "Today" for the pages (registration year 2026, a census date behind it): some pages read more or less at other
# times of the year (a year's end, reminders), and the counts must not change with the calendar.
TODAY = dt.date(2026, 3, 2)


@dataclass
class World:
    """The cast, the ladder of its authority and what `grow` has added so far."""

    cast: Cast
    ladder: Ladder
    added: int = 0


def _month_ends(today: dt.date, months: int) -> list[dt.date]:
    ends, day = [], today.replace(day=1) - dt.timedelta(days=1)
    for _ in range(months):
        ends.append(day)
        day = day.replace(day=1) - dt.timedelta(days=1)
    return ends


def _agency_engagement(assignment: Assignment) -> AgencyEngagement:
    return AgencyEngagement.objects.create(
        assignment=assignment,
        agency="Careful Recruitment Ltd",
        pay_rate=Decimal("38.50"),
        employer_ni=Decimal("4.10"),
        apprenticeship_levy=Decimal("0.19"),
        regional_price_cap=Decimal("45.00"),
        pq_experience_years=Decimal("5.0"),
        notice_period_weeks=4,
    )


def grow(world: World, count: int) -> None:
    """Add `count` people (history, caseloads, absences, CPD, days, training, evidence, an application), mostly in
    Front Door, every third in a new team of Safeguarding; as many CPD records, day requests, training completions
    and pieces of evidence of Sam's own; and as many imports, sign-ins and downloads.

    Dates follow TODAY, inside its registration year where a page shows that year.
    """
    cast, ladder = world.cast, world.ladder
    today = TODAY
    year = registration_year_for(today)
    course = TrainingCourseFactory(authority=cast.authority)
    for i in range(count):
        n = world.added + i
        team = cast.front_door
        if n % 3 == 2:
            team = TeamFactory(
                authority=cast.authority, service_area=cast.safeguarding, code=f"G{n}", name=f"Group {n}"
            )
            EstablishmentFactory(team=team, effective_from=dt.date(2020, 4, 1), establishment_fte=Decimal("3"))
        worker = WorkerFactory(authority=cast.authority, worker_id=f"G{n:04d}", ethnicity="WBRI" if n % 2 else "ABAN")
        AssignmentFactory(
            worker=worker,
            team=cast.child_protection,
            start_date=dt.date(2019, 4, 1),
            end_date=dt.date(2021, 3, 31),
            leaving_reason=LeavingReason.INTERNAL_MOVE,
        )
        contract = Contract.AGENCY if n % 3 == 0 else Contract.PERMANENT
        current = AssignmentFactory(
            worker=worker,
            team=team,
            start_date=dt.date(2021, 4, 1),
            contract=contract,
            role=Role.SENIOR_PRACTITIONER if n % 4 == 0 else Role.CASE_HOLDER,
            covers_vacancy=True if contract == Contract.AGENCY else None,
        )
        if contract == Contract.AGENCY:
            _agency_engagement(current)
        for day in _month_ends(today, 3):
            CaseloadRecordFactory(worker=worker, date=day, cases=10 + n % 15)
        AbsenceFactory(worker=worker, start_date=today - dt.timedelta(days=40), end_date=today - dt.timedelta(days=38))
        for start in (today - dt.timedelta(days=30), today - dt.timedelta(days=400)):
            CpdRecordFactory(worker=worker, start_date=start, registration_year=registration_year_for(start))
        CpdDayRequestFactory(worker=worker, start_date=today + dt.timedelta(days=14), registration_year=year)
        TrainingCompletionFactory(worker=worker, course=course, completed_on=today - dt.timedelta(days=100))
        WorkerLevelFactory(worker=worker, level=ladder.current, effective_from=dt.date(2024, 4, 1))
        evidence = accepted_evidence(worker, ladder, cast.team_manager, n=1)
        EvidenceFactory(
            worker=worker,
            framework_version=ladder.version,
            status=Evidence.Status.SUBMITTED,
            items=[ladder.principles[1], ladder.outcomes[1]],
            submitted_at=timezone.now() - dt.timedelta(days=n % 20),
        )
        application = ProgressionApplicationFactory(
            worker=worker,
            current_level=ladder.current,
            level_sought=ladder.next,
            panel=ladder.panel,
            applied_by=cast.team_manager,
            status=ProgressionApplication.Status.SUBMITTED,
        )
        application.evidence.add(*evidence)
        # Sam's own: a record this registration year and one the year before, a day requested, training, a draft.
        for start in (
            max(year_start(year), today - dt.timedelta(days=7 * (n + 1))),
            year_start(year) - dt.timedelta(days=n + 1),
        ):
            CpdRecordFactory(worker=cast.sam, start_date=start, registration_year=registration_year_for(start))
        CpdDayRequestFactory(
            worker=cast.sam,
            start_date=today + dt.timedelta(days=n + 1),
            registration_year=registration_year_for(today + dt.timedelta(days=n + 1)),
            status=CpdDayRequest.Status.REQUESTED,
        )
        TrainingCompletionFactory(worker=cast.sam, course=TrainingCourseFactory(authority=cast.authority))
        EvidenceFactory(
            worker=cast.sam,
            framework_version=ladder.version,
            status=Evidence.Status.DRAFT,
            items=[ladder.principles[0], ladder.outcomes[0]],
        )
        ImportRun.objects.create(
            authority=cast.authority, kind="staff", filename=f"staff-{n}.csv", user=cast.workforce_officer,
            status=ImportRun.Status.IMPORTED, rows=10,
        )  # fmt: skip
        SignInEvent.objects.create(outcome=SignInEvent.Outcome.SUCCESS, user=cast.workforce_officer)
        DownloadLog.objects.create(user=cast.workforce_officer, authority_code=cast.authority.code, path="/x/")
    world.added += count


def _freeze_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page reads "today" through django.utils.timezone.localdate (workforce.selectors.today calls it)."""
    localdate = timezone.localdate

    def fixed(value: dt.datetime | None = None, timezone: Any = None) -> dt.date:
        return TODAY if value is None else localdate(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", fixed)


@pytest.fixture
def world(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> World:
    _freeze_today(monkeypatch)
    for team in (cast.front_door, cast.child_protection, cast.children_in_care):
        EstablishmentFactory(team=team, effective_from=dt.date(2020, 4, 1), establishment_fte=Decimal("8"))
    ladder = ladder_for(cast.authority, members=[cast.panel_member])
    WorkerLevelFactory(worker=cast.sam, level=ladder.current, effective_from=dt.date(2024, 4, 1))
    return World(cast=cast, ladder=ladder)


def _year_before(world: World) -> str:
    return reverse("cpd:my_cpd_year", args=[registration_year_for(timezone.localdate()) - 1])


def _application(world: World) -> str:
    first = ProgressionApplication.objects.filter(panel=world.ladder.panel).order_by("pk").first()
    return reverse("careers:panel_application", args=[first.pk])


def _agency_assignment(world: World) -> str:
    first = Assignment.objects.filter(contract=Contract.AGENCY, team=world.cast.front_door).order_by("pk").first()
    return reverse("workforce:agency_engagement", args=[first.pk])


def _url(name: str, *args: Any, query: str = "") -> Callable[[World], str]:
    """A page's URL; string arguments name the cast's objects (e.g. "sam"), "{fd}" in the query is Front Door."""

    def build(world: World) -> str:
        values = [getattr(world.cast, a).pk if isinstance(a, str) else a for a in args]
        url = reverse(name, args=values)
        return f"{url}?{query.format(fd=world.cast.front_door.pk)}" if query else url

    return build


def _audit_of_sam(world: World) -> str:
    return reverse("core:audit_record", args=["workforce.Worker", world.cast.sam.pk])


class Page(NamedTuple):
    """A main page: its URL, the queries it runs itself, and the runs of workforce.indicators it makes on top.

    The indicators pin their own number of queries (tests/workforce); counting their runs here keeps these pins about
    the pages (an N+1 of a page still fails) without restating that module's count in every page.
    """

    url: Callable[[World], str]
    queries: int
    indicator_runs: tuple[str, ...] = ()


# Each role's main pages. Every count includes the session and user (2), the user's scope (2: role assignments, own
# worker record) and the session's save (3: SESSION_SAVE_EVERY_REQUEST). The dashboard's own queries: its scopes
# (service areas and teams; no service-area query for a team manager), targets and comparators (2), ethnicity (1),
# the CPD section (2); its indicator runs: the scope's 24 month ends with the date in one call, then by team and by
# service area, each left out when its only row would be the scope itself (a team manager's team, a service manager's
# one area). A run by team or by service area also reads the teams or areas (1).
PAGES: dict[str, dict[str, Page]] = {
    "social_worker": {
        "home": Page(_url("core:home"), 10),
        "account": Page(_url("core:account"), 8),
        "my record": Page(_url("workforce:worker_detail", "sam"), 11),
        "my cpd": Page(_url("cpd:my_cpd"), 13),
        "my cpd, last year": Page(_year_before, 13),
        "my cpd days": Page(_url("cpd:my_days"), 13),
        "my training": Page(_url("cpd:my_training"), 11),
        "my progression": Page(_url("careers:my_progress"), 15),
    },
    "team_manager": {
        "dashboard": Page(_url("workforce:dashboard"), 13, ("series",)),
        "staff list": Page(_url("workforce:staff_list"), 12),
        "team list": Page(_url("workforce:team_list"), 8),
        "team page": Page(_url("workforce:team_detail", "front_door"), 14),
        "team caseload form": Page(_url("workforce:team_caseloads", "front_door"), 9),
        "caseloads": Page(_url("workforce:caseload_overview"), 11),
        "cpd oversight": Page(_url("cpd:overview"), 11),
        "a worker's cpd": Page(_url("cpd:worker_cpd", "sam"), 14),
        "cpd days": Page(_url("cpd:days_uptake"), 13),
        "training": Page(_url("cpd:training_matrix"), 12),
        "team progress": Page(_url("careers:team_progress"), 17),
        "a worker's progression": Page(_url("careers:worker_progress", "sam"), 18),
        "imports": Page(_url("workforce:import_start"), 8),
    },
    "service_manager": {
        "dashboard": Page(_url("workforce:dashboard"), 14, ("series", "team")),
        "staff list": Page(_url("workforce:staff_list"), 12),
        "team list": Page(_url("workforce:team_list"), 8),
        "caseloads of a team": Page(_url("workforce:caseload_overview", query="team={fd}"), 11),
        "cpd oversight": Page(_url("cpd:overview"), 11),
        "team progress": Page(_url("careers:team_progress"), 17),
    },
    "workforce_officer": {
        "home": Page(_url("core:home"), 12),
        "dashboard": Page(_url("workforce:dashboard"), 14, ("series", "team", "area")),
        "staff list": Page(_url("workforce:staff_list"), 12),
        "staff record": Page(_url("workforce:worker_detail", "colleague"), 11),
        "team list": Page(_url("workforce:team_list"), 8),
        "team page": Page(_url("workforce:team_detail", "front_door"), 14),
        "caseloads of a team": Page(_url("workforce:caseload_overview", query="team={fd}"), 11),
        "turnover report": Page(_url("workforce:turnover_report"), 9, ("one date",)),
        "census": Page(_url("workforce:census"), 8, ("one date",)),
        "agency": Page(_url("workforce:agency_compliance"), 9),
        "agency engagement": Page(_agency_assignment, 11),
        "agency return": Page(_url("workforce:agency_return"), 7),
        "imports": Page(_url("workforce:import_start"), 8),
        "cpd oversight": Page(_url("cpd:overview"), 11),
        "cpd days": Page(_url("cpd:days_uptake"), 13),
        "training": Page(_url("cpd:training_matrix"), 12),
        "training courses": Page(_url("cpd:training_courses"), 8),
        "team progress": Page(_url("careers:team_progress"), 17),
    },
    "panel_member": {
        "panels": Page(_url("careers:panel_list"), 10),
        "panel application": Page(_application, 17),
    },
    "administrator": {
        "framework": Page(_url("careers:framework_index"), 11),
        "settings": Page(_url("workforce:settings_index"), 11),
        "audit": Page(_url("core:audit_history"), 10),
        "audit of a record": Page(_audit_of_sam, 9),
        "sign-ins": Page(_url("core:audit_sign_ins"), 9),
        "downloads": Page(_url("core:audit_downloads"), 10),
    },
}


def _queries_of(func: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as queries:
        func()
    return len(queries)


def indicator_runs(world: World, role: str) -> dict[str, int]:
    """The queries of each run of workforce.indicators the role's pages make, for the role's dashboard scope."""
    cast = world.cast
    scope = {"team_manager": {"team": cast.front_door}, "service_manager": {"service_area": cast.safeguarding}}
    as_at = default_as_at(TODAY)
    return {
        "series": _queries_of(
            lambda: indicators_for_dates(authority=cast.authority, dates=month_ends(as_at), **scope.get(role, {}))
        ),
        "team": _queries_of(lambda: indicators_by_team(authority=cast.authority, as_at=as_at)),
        "area": _queries_of(lambda: indicators_by_service_area(authority=cast.authority, as_at=as_at)),
        "one date": _queries_of(lambda: compute_indicators(authority=cast.authority, as_at=as_at)),
    }


def _counts(client: Any, world: World, pages: dict[str, Page], *, warm_up: bool) -> dict[str, int]:
    """The queries of each page; `warm_up` visits each page first (a first visit may create a settings row)."""
    out = {}
    for name, page in pages.items():
        address = page.url(world)
        if warm_up:
            client.get(address)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200, (name, address, response.status_code)
        out[name] = len(queries)
    return out


@pytest.mark.parametrize("role", list(PAGES))
def test_each_main_page_runs_a_fixed_number_of_queries(world: World, client_for: Any, role: str) -> None:
    client = client_for(world.cast.user(role))
    grow(world, SMALL)
    runs = indicator_runs(world, role)
    pinned = {name: page.queries + sum(runs[r] for r in page.indicator_runs) for name, page in PAGES[role].items()}
    small = _counts(client, world, PAGES[role], warm_up=True)
    grow(world, LARGE - SMALL)
    large = _counts(client, world, PAGES[role], warm_up=False)
    assert small == pinned, f"with {SMALL} people (indicator runs: {runs})"
    assert large == pinned, f"with {LARGE} people (indicator runs: {runs})"
