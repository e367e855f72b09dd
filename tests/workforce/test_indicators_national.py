"""All authorities at one date (indicators_by_authority): exactly what compute_indicators gives each authority,
in a number of queries that does not depend on the number of authorities."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import Cast
from tests.workforce.factories import (
    AbsenceFactory,
    AssignmentFactory,
    AuthorityFactory,
    CaseloadRecordFactory,
    EstablishmentFactory,
    ServiceAreaFactory,
    TeamFactory,
    WorkerFactory,
)
from workforce.codes import AbsenceType, Contract, LeavingReason, Role
from workforce.indicators import AUTHORITY_SCOPE, compute_indicators, indicators_by_authority
from workforce.models import Authority, Team, Worker

pytestmark = pytest.mark.django_db

D = dt.date(2025, 9, 30)
YEAR_START = dt.date(2024, 10, 1)


def _post(team: Team, worker: Worker | None = None, **fields: object) -> Worker:
    worker = worker or WorkerFactory(authority=team.authority)
    fields.setdefault("start_date", dt.date(2021, 4, 1))
    if fields.get("end_date") and "leaving_reason" not in fields:
        fields["leaving_reason"] = LeavingReason.RESIGNATION
    AssignmentFactory(worker=worker, team=team, **fields)
    return worker


def populate(authority: Authority, size: int) -> None:
    """An authority with every rule that looks at other rows or other authorities, scaled by ``size``."""
    area = ServiceAreaFactory(authority=authority)
    staffed = TeamFactory(authority=authority, service_area=area)
    other = TeamFactory(authority=authority)  # no establishment record, no service area
    EstablishmentFactory(team=staffed, effective_from=dt.date(2020, 4, 1), establishment_fte=Decimal(size + 3))
    EstablishmentFactory(team=staffed, effective_from=D + dt.timedelta(days=1), establishment_fte=Decimal("99"))
    for n in range(size):
        fte = ("1", "0.8", "0.6")[n % 3]
        worker = _post(staffed, fte=Decimal(fte), role=(Role.CASE_HOLDER, Role.FIRST_LINE_MANAGER)[n % 2])
        # Three records in the window: only the latest counts; one worker's latest is 0 cases.
        for day, cases in ((dt.date(2025, 9, 1), 30), (dt.date(2025, 9, 15), 4 + n), (D, 0 if n == 0 else 10 + n)):
            CaseloadRecordFactory(worker=worker, date=day, cases=cases)
        AbsenceFactory(worker=worker, start_date=dt.date(2025, 2, 3 + n), end_date=dt.date(2025, 2, 3 + n))
    # Leavers: a manager who retired, an agency worker (not a leaver), one leaving on the as-at date.
    _post(staffed, role=Role.MIDDLE_MANAGER, end_date=dt.date(2025, 3, 31), leaving_reason=LeavingReason.RETIRED)
    _post(other, contract=Contract.AGENCY, end_date=dt.date(2025, 5, 1))
    leaver = _post(other, end_date=D)
    AbsenceFactory(worker=leaver, start_date=dt.date(2025, 6, 2), end_date=dt.date(2025, 6, 3))
    # Internal moves: on the same day and the day after; neither a leaver nor a starter.
    for gap in range(min(size, 2)):
        mover = _post(staffed, end_date=dt.date(2025, 1, 31), leaving_reason=LeavingReason.INTERNAL_MOVE)
        _post(other, mover, start_date=dt.date(2025, 1, 31) + dt.timedelta(days=gap), fte=Decimal("0.5"))
        AbsenceFactory(
            worker=mover, start_date=dt.date(2025, 2, 10), end_date=dt.date(2025, 2, 11), type=AbsenceType.SICKNESS
        )
    # Starters: on the first day of the year, and two days after a move (a starter).
    _post(other, start_date=YEAR_START)
    late = _post(staffed, end_date=dt.date(2025, 4, 1), leaving_reason=LeavingReason.INTERNAL_MOVE)
    _post(other, late, start_date=dt.date(2025, 4, 3))
    # Agency cover, and role `other` (in no figure).
    _post(other, contract=Contract.AGENCY, covers_vacancy=True, fte=Decimal("0.7"))
    ignored = _post(staffed, role=Role.OTHER)
    CaseloadRecordFactory(worker=ignored, date=D, cases=12)
    AbsenceFactory(worker=ignored, start_date=dt.date(2025, 3, 3), end_date=dt.date(2025, 3, 3))
    # An archived worker (a record created in error): in no figure.
    archived = _post(staffed, fte=Decimal("0.9"))
    Worker.objects.filter(pk=archived.pk).update(archived_at=timezone.now())
    CaseloadRecordFactory(worker=archived, date=D, cases=9)


def _authorities(count: int, first: int = 0) -> list[Authority]:
    authorities = []
    for n in range(first, first + count):
        authority = AuthorityFactory(code=f"N{n:02d}")
        populate(authority, size=n % 4 + 1)
        authorities.append(authority)
    return authorities


def _count_queries(func: object) -> int:
    with CaptureQueriesContext(connection) as context:
        func()  # type: ignore[operator]
    return len(context.captured_queries)


def test_every_authority_gets_exactly_what_compute_indicators_gives_it(cast: Cast) -> None:
    _authorities(4)
    AuthorityFactory(code="EMPTY", name="An authority with no data")
    result = indicators_by_authority(as_at=D)

    assert [authority.code for authority, _ in result] == sorted(Authority.objects.values_list("code", flat=True))
    for authority, indicators in result:
        assert indicators == compute_indicators(authority=authority, as_at=D), authority.code
        assert indicators.scope == AUTHORITY_SCOPE
    figures = {authority.code: indicators for authority, indicators in result}
    assert figures["N03"].social_workers_headcount > figures["N00"].social_workers_headcount > 0
    assert figures["N00"].starters_headcount == 2  # the first day of the year, and two days after a move


def test_an_authority_with_no_data_gets_zeros_and_null_rates() -> None:
    empty = AuthorityFactory(code="EMPTY")
    [(authority, indicators)] = indicators_by_authority(as_at=D)

    assert authority == empty
    assert indicators == compute_indicators(authority=empty, as_at=D)
    assert (indicators.social_workers_headcount, indicators.cases, indicators.vacancy_fte) == (0, 0, Decimal("0"))
    assert indicators.turnover_rate is None
    assert indicators.average_caseload is None


def test_the_authorities_given_are_the_only_ones_in_code_order() -> None:
    authorities = _authorities(3)
    chosen = Authority.objects.filter(pk__in=[authorities[2].pk, authorities[0].pk]).order_by("-code")

    result = indicators_by_authority(as_at=D, authorities=chosen)

    assert [authority.code for authority, _ in result] == ["N00", "N02"]
    for authority, indicators in result:
        assert indicators == compute_indicators(authority=authority, as_at=D)
    assert indicators_by_authority(as_at=D, authorities=Authority.objects.none()) == []


def test_an_assignment_in_a_team_of_another_authority_counts_nowhere_as_for_one_authority() -> None:
    """The services never allow it, but the figures of every authority still match compute_indicators."""
    a, b = _authorities(2)
    stray = WorkerFactory(authority=a)
    _post(Team.objects.filter(authority=b).first(), stray)
    CaseloadRecordFactory(worker=stray, date=D, cases=3)

    for authority, indicators in indicators_by_authority(as_at=D):
        assert indicators == compute_indicators(authority=authority, as_at=D)


def test_other_dates_match_too() -> None:
    _authorities(3)
    for on in (dt.date(2025, 1, 31), dt.date(2025, 3, 31), dt.date(2024, 2, 29)):
        for authority, indicators in indicators_by_authority(as_at=on):
            assert indicators == compute_indicators(authority=authority, as_at=on), (authority.code, on)


def test_the_queries_are_the_same_for_two_authorities_or_five() -> None:
    _authorities(2)
    two = _count_queries(lambda: indicators_by_authority(as_at=D))
    _authorities(3, first=2)
    assert Authority.objects.count() == 5
    five = _count_queries(lambda: indicators_by_authority(as_at=D))
    assert two == five == 6
