"""The seed_demo command (spec section 5): demo authorities, three years of workforce history, one login per role."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F, Max
from django.test import RequestFactory, override_settings

from core.models import User
from workforce.codes import AbsenceType, Contract, LeavingReason, PostQualifyingStatus, Role, UserRole
from workforce.models import (
    CASE_TYPE_FIELDS,
    Absence,
    AgencyEngagement,
    Assignment,
    Authority,
    CaseloadRecord,
    Establishment,
    RoleAssignment,
    Team,
    Worker,
    WorkloadSettings,
)
from workforce.services.demo import seed_workforce

pytestmark = pytest.mark.django_db

LOGINS = (
    "social.worker@demo.example",
    "team.manager@demo.example",
    "service.manager@demo.example",
    "workforce.officer@demo.example",
    "panel.member@demo.example",
    "admin@demo.example",
    "other.manager@demo.example",
)
TODAY = dt.date(2026, 11, 25)


def _seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def _signs_in(email: str, password: str) -> bool:
    request = RequestFactory().post("/accounts/login/")
    return authenticate(request, email=email, password=password) is not None


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


needs_indicators = pytest.mark.skipif(
    importlib.util.find_spec("workforce.indicators") is None, reason="workforce.indicators is not there yet"
)


@pytest.fixture(scope="class")
def seeded_by_command(django_db_setup, django_db_blocker) -> Iterator[str]:  # noqa: ANN001
    """One run of the command (with DEBUG on, as under make run) for a class of tests; rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DEBUG=True):
        yield _seed()
        transaction.set_rollback(True)


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker) -> Iterator[Authority]:  # noqa: ANN001
    """The demo workforce as it is generated on TODAY, for a class of tests that only read it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_workforce(today=TODAY).authority
        transaction.set_rollback(True)


@pytest.mark.usefixtures("seeded_by_command")
class TestTheCommand:
    def test_it_creates_the_demo_authorities_and_the_seven_logins(self, seeded_by_command: str) -> None:
        for email in LOGINS:
            assert _signs_in(email, "demo-password"), email
        demo = Authority.objects.get(code="DEMO")
        assert demo.name == "Demoshire County Council"
        assert 110 <= Worker.objects.filter(authority=demo).count() <= 140
        other = Authority.objects.get(code="OTHER")
        assert other.name == "Otherborough Council"
        assert 8 <= Worker.objects.filter(authority=other).count() <= 14
        assert "Password for every login: demo-password" in seeded_by_command
        for email in LOGINS:
            assert email in seeded_by_command

    def test_the_logins_are_linked_as_the_spec_says(self) -> None:
        """The social worker is in the team manager's team, which is in the service manager's service area."""

        def role(email: str) -> RoleAssignment:
            return RoleAssignment.objects.select_related("authority", "team", "service_area").get(user__email=email)

        manager_role = role("team.manager@demo.example")
        assert manager_role.role == UserRole.TEAM_MANAGER
        team = manager_role.team
        assert role("service.manager@demo.example").service_area == team.service_area
        social_worker = Worker.objects.get(user__email="social.worker@demo.example")
        assert social_worker.assignments.get(end_date__isnull=True).team == team
        assert role("social.worker@demo.example").role == UserRole.SOCIAL_WORKER
        manager_worker = Worker.objects.get(user__email="team.manager@demo.example")
        assert manager_worker.assignments.get(end_date__isnull=True).role == Role.FIRST_LINE_MANAGER
        assert manager_worker.assignments.get(end_date__isnull=True).team == team
        assert role("workforce.officer@demo.example").role == UserRole.WORKFORCE_OFFICER
        assert role("panel.member@demo.example").role == UserRole.PANEL_MEMBER
        assert role("admin@demo.example").role == UserRole.ADMINISTRATOR
        admin = User.objects.get(email="admin@demo.example")
        assert admin.is_staff
        assert admin.is_superuser
        other = role("other.manager@demo.example")
        assert (other.authority.code, other.role) == ("OTHER", UserRole.TEAM_MANAGER)
        assert other.team.authority == other.authority

    def test_a_second_run_duplicates_nothing_and_is_quick(self, django_assert_max_num_queries) -> None:  # noqa: ANN001
        before = _row_counts()

        # The logins, then one query each for the CPD and careers steps to see that their data are there.
        with django_assert_max_num_queries(22):
            output = _seed("--force")

        assert _row_counts() == before
        assert "already loaded" in output
        assert _signs_in("team.manager@demo.example", "demo-password")


@override_settings(DEBUG=False)
def test_it_refuses_to_run_without_debug() -> None:
    with pytest.raises(CommandError, match="DEBUG"):
        _seed()
    assert not Authority.objects.exists()


@override_settings(DEBUG=False)
def test_force_runs_it_without_debug_and_each_run_sets_the_password(monkeypatch) -> None:  # noqa: ANN001
    _seed("--force", "--password", "another-password-1")
    assert _signs_in("social.worker@demo.example", "another-password-1")
    assert not _signs_in("social.worker@demo.example", "demo-password")

    monkeypatch.setenv("DEMO_PASSWORD", "from-the-environment")
    _seed("--force")
    for email in LOGINS:
        assert _signs_in(email, "from-the-environment"), email

    user = User.objects.get(email="panel.member@demo.example")
    user.set_password("changed-by-the-user")
    user.save()
    monkeypatch.delenv("DEMO_PASSWORD")
    _seed("--force")
    for email in LOGINS:
        assert _signs_in(email, "demo-password"), email


class TestTheGeneratedData:
    """What the demo workforce holds: every kind of record the indicators and pages need."""

    def test_the_history_has_leavers_moves_agency_part_time_and_absences(self, demo: Authority) -> None:
        assignments = Assignment.objects.filter(worker__authority=demo)

        reasons = Counter(assignments.exclude(leaving_reason="").values_list("leaving_reason", flat=True))
        leaver_reasons = set(reasons) - {LeavingReason.INTERNAL_MOVE}
        assert leaver_reasons >= set(LeavingReason.values) - {LeavingReason.INTERNAL_MOVE}
        assert reasons[LeavingReason.RESIGNATION] == max(
            n for reason, n in reasons.items() if reason not in (LeavingReason.OTHER, LeavingReason.INTERNAL_MOVE)
        )
        agency = assignments.filter(contract=Contract.AGENCY)
        assert agency.exists()
        assert not agency.filter(covers_vacancy__isnull=True).exists()
        assert agency.filter(covers_vacancy=True).exists()
        assert agency.filter(covers_vacancy=False).exists()
        assert AgencyEngagement.objects.filter(assignment__in=agency).exists()
        assert assignments.filter(fte__lt=1).values("fte").distinct().count() >= 3
        assert assignments.filter(role=Role.OTHER).exists()
        assert set(assignments.values_list("role", flat=True)) == set(Role.values)
        assert Worker.objects.filter(authority=demo, pq_status=PostQualifyingStatus.ASYE).exists()
        assert Worker.objects.filter(authority=demo, ethnicity="NOBT").exists()
        sickness = Absence.objects.filter(worker__authority=demo, type=AbsenceType.SICKNESS)
        assert sickness.filter(working_days_lost__gte=20).count() >= 2
        assert Absence.objects.filter(worker__authority=demo, type=AbsenceType.OTHER).exists()

    def test_an_internal_move_continues_the_same_or_next_day_and_assignments_never_overlap(
        self, demo: Authority
    ) -> None:
        by_worker = defaultdict(list)
        for a in Assignment.objects.filter(worker__authority=demo).order_by("worker", "start_date"):
            by_worker[a.worker_id].append(a)

        moves_between_teams = 0
        for assignments in by_worker.values():
            for before, after in zip(assignments, assignments[1:], strict=False):
                assert before.end_date is not None
                assert before.end_date <= after.start_date
                if before.leaving_reason == LeavingReason.INTERNAL_MOVE:
                    assert (after.start_date - before.end_date).days in (0, 1)
                    moves_between_teams += before.team_id != after.team_id
        assert moves_between_teams >= 3
        for assignments in by_worker.values():
            assert all(a.end_date is None or a.end_date <= TODAY for a in assignments)

    def test_every_generated_record_passes_model_validation(self, demo: Authority) -> None:
        for worker in Worker.objects.filter(authority=demo):
            worker.full_clean()
            assert worker.swe_registration == "" or worker.swe_renewal_date == dt.date(2026, 11, 30)
        for assignment in Assignment.objects.filter(worker__authority=demo):
            assignment.full_clean()

    def test_caseloads_add_up_by_type_and_one_team_is_over_the_threshold(self, demo: Authority) -> None:
        records = CaseloadRecord.objects.filter(worker__authority=demo)

        for record in records:
            assert sum(getattr(record, name) for name in CASE_TYPE_FIELDS) == record.cases
        last = records.aggregate(last=Max("date"))["last"]
        assert last == dt.date(2026, 10, 31)
        threshold = WorkloadSettings.objects.get(authority=demo).caseload_threshold
        in_post = Assignment.objects.filter(worker__authority=demo, start_date__lte=last).exclude(end_date__lte=last)
        latest = {r.worker_id: r for r in records.filter(date=last)}
        totals: dict[str, list] = defaultdict(lambda: [0, Decimal(0), 0])  # cases, FTE, child protection cases
        for assignment in in_post.select_related("team"):
            record = latest.get(assignment.worker_id)
            if record is not None and record.cases:
                team = totals[assignment.team.code]
                team[0] += record.cases
                team[1] += assignment.fte
                team[2] += record.child_protection
        averages = {code: cases / fte for code, (cases, fte, _) in totals.items()}
        assert [code for code, average in averages.items() if average > threshold] == ["CP"]
        assert all(10 <= average <= 20 for code, average in averages.items() if code != "CP")
        assert totals["CP"][2] > totals["CP"][0] / 2
        case_holders = set(in_post.filter(role=Role.CASE_HOLDER).values_list("worker", flat=True))
        assert 1 <= len(case_holders - set(latest)) <= 5

    def test_establishment_changes_over_time_and_one_team_has_none(self, demo: Authority) -> None:
        establishment = Establishment.objects.filter(team__authority=demo)

        assert Team.objects.filter(authority=demo).exclude(establishment_records__isnull=False).count() == 1
        assert establishment.values("team").distinct().count() < establishment.count()
        growth = establishment.filter(team__code="CP").order_by("effective_from")
        assert growth.first().establishment_fte < growth.last().establishment_fte
        assert not Establishment.objects.filter(establishment_fte__lt=0).exists()
        assert not Assignment.objects.filter(end_date__lt=F("start_date")).exists()

    @needs_indicators
    def test_the_indicators_at_the_latest_census_date_are_plausible(self, demo: Authority) -> None:
        _assert_plausible_indicators(demo, dt.date(2026, 9, 30))


@needs_indicators
def test_the_indicators_are_plausible_whatever_the_day_it_runs() -> None:
    """The history follows the day the command runs; here a leap day over a year later."""
    today = dt.date(2028, 2, 29)
    demo = seed_workforce(today=today).authority
    last = CaseloadRecord.objects.filter(worker__authority=demo).aggregate(last=Max("date"))["last"]
    assert last == today  # a month end
    _assert_plausible_indicators(demo, dt.date(2027, 9, 30))


def _assert_plausible_indicators(demo: Authority, census: dt.date) -> None:
    from workforce.indicators import compute_indicators, indicator_series

    figures = compute_indicators(authority=demo, as_at=census)

    assert Decimal("5") <= figures.turnover_rate <= Decimal("40")
    assert figures.agency_rate > 0
    assert figures.vacancy_fte > 0
    assert Decimal("10") <= figures.average_caseload <= Decimal("25")
    assert Decimal("1") <= figures.absence_rate <= Decimal("6")
    assert figures.starters_headcount > 0
    series = indicator_series(authority=demo, end=census)
    assert all(month.leavers_headcount > 0 for month in series)
    assert all(month.agency_fte > 0 for month in series)
    assert all(month.practice_leader_turnover_rate for month in series)
