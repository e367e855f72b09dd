"""CPD day requests: the worker asks, the manager of their current team decides, the e-mails go out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from cpd.models import CpdDayRequest
from cpd.services import days as services
from tests.cpd.factories import CpdDayRequestFactory
from tests.cpd.factories_days import TODAY, CpdDayAllowanceFactory, freeze_today
from tests.workforce.factories import AssignmentFactory

pytestmark = pytest.mark.django_db
LATER = dt.date(2026, 5, 11)


@pytest.fixture(autouse=True)
def _today(monkeypatch) -> None:  # noqa: ANN001
    freeze_today(monkeypatch)


def _request(cast, days: str = "1", day: dt.date = LATER) -> CpdDayRequest:  # noqa: ANN001
    return services.day_request_create(
        worker=cast.sam,
        start_date=day,
        days=Decimal(days),
        purpose="  Exploitation conference ",
        user=cast.social_worker,
    )


def _errors(exc: pytest.ExceptionInfo) -> dict:
    return exc.value.message_dict


def test_it_records_a_request_and_emails_the_team_manager(cast) -> None:  # noqa: ANN001
    day_request = _request(cast)
    assert (day_request.status, day_request.registration_year, day_request.purpose) == (
        "requested",
        2026,
        "Exploitation conference",
    )
    assert day_request.created_by == cast.social_worker
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cast.team_manager.email]
    assert "Sam Patel asks for 1 CPD day" in message.subject
    assert f"/cpd/days/{day_request.pk}/decide/" in message.body
    assert "Exploitation conference" in message.alternatives[0][0]


def test_it_accepts_half_days(cast) -> None:  # noqa: ANN001
    assert _request(cast, "0.5").days == Decimal("0.5")


@pytest.mark.parametrize("days", ["0.3", "1.25"])
def test_it_refuses_days_that_are_not_whole_or_half(cast, days: str) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        _request(cast, days)
    assert _errors(exc) == {"days": [services.DAYS_NOT_HALVES]}


def test_it_refuses_a_request_over_the_allowance_counting_pending_used_and_booked(cast) -> None:  # noqa: ANN001
    CpdDayRequestFactory(worker=cast.sam, start_date=dt.date(2026, 1, 5), days=Decimal("1"), status="approved")
    CpdDayRequestFactory(worker=cast.sam, start_date=dt.date(2026, 4, 1), days=Decimal("0.5"), status="approved")
    CpdDayRequestFactory(worker=cast.sam, start_date=dt.date(2026, 4, 2), days=Decimal("1"))
    with pytest.raises(ValidationError) as exc:
        _request(cast, "1")
    assert "at most 0.5 more days" in _errors(exc)["days"][0]
    assert _request(cast, "0.5").days == Decimal("0.5")
    assert CpdDayRequest.objects.filter(worker=cast.sam).count() == 4


def test_an_agreed_allowance_makes_room_for_more(cast) -> None:  # noqa: ANN001
    CpdDayAllowanceFactory(worker=cast.sam, registration_year=2026, days=Decimal("5"))
    assert _request(cast, "5").days == Decimal("5")


def test_it_refuses_a_day_outside_the_workers_employment(cast) -> None:  # noqa: ANN001
    cast.sam.assignments.update(end_date=dt.date(2026, 4, 30))
    with pytest.raises(ValidationError) as exc:
        _request(cast, day=dt.date(2026, 5, 11))
    assert _errors(exc) == {"start_date": [services.NOT_EMPLOYED.format(day="11 May 2026")]}


def test_it_refuses_a_day_in_a_year_that_has_ended(cast) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        _request(cast, day=dt.date(2025, 11, 20))
    assert list(_errors(exc)) == ["start_date"]


def test_only_the_worker_requests_their_own_days(cast) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        services.day_request_create(
            worker=cast.sam, start_date=LATER, days=Decimal("1"), purpose="x", user=cast.team_manager
        )


def test_the_team_manager_approves_and_the_worker_is_emailed(cast) -> None:  # noqa: ANN001
    day_request = _request(cast)
    mail.outbox.clear()
    decided = services.day_request_decide(day_request=day_request, approve=True, reason="", user=cast.team_manager)
    assert (decided.status, decided.decided_by) == ("approved", cast.team_manager)
    assert decided.decided_at is not None
    assert [m.to for m in mail.outbox] == [[cast.social_worker.email]]
    assert "approved" in mail.outbox[0].subject


def test_the_team_manager_refuses_with_a_reason(cast) -> None:  # noqa: ANN001
    day_request = _request(cast)
    mail.outbox.clear()
    decided = services.day_request_decide(
        day_request=day_request, approve=False, reason=" Court week ", user=cast.team_manager
    )
    assert (decided.status, decided.refusal_reason) == ("refused", "Court week")
    assert "refused" in mail.outbox[0].subject
    assert "Court week" in mail.outbox[0].body


def test_a_refusal_needs_a_reason(cast) -> None:  # noqa: ANN001
    day_request = _request(cast)
    with pytest.raises(ValidationError) as exc:
        services.day_request_decide(day_request=day_request, approve=False, reason="  ", user=cast.team_manager)
    assert _errors(exc) == {"reason": [services.REFUSAL_REASON_REQUIRED]}
    day_request.refresh_from_db()
    assert day_request.status == "requested"


@pytest.mark.parametrize("role", ["service_manager", "workforce_officer", "administrator", "social_worker"])
def test_nobody_but_the_team_manager_decides(cast, role: str) -> None:  # noqa: ANN001
    day_request = _request(cast)
    with pytest.raises(PermissionDenied):
        services.day_request_decide(day_request=day_request, approve=True, reason="", user=cast.user(role))


def test_a_former_team_manager_cannot_decide_after_the_worker_moved(cast) -> None:  # noqa: ANN001
    day_request = _request(cast)
    cast.sam.assignments.update(end_date=TODAY)
    AssignmentFactory(worker=cast.sam, team=cast.child_protection, start_date=TODAY)
    with pytest.raises(PermissionDenied):
        services.day_request_decide(day_request=day_request, approve=True, reason="", user=cast.team_manager)


def test_a_decided_request_cannot_be_decided_again(cast) -> None:  # noqa: ANN001
    day_request = _request(cast)
    services.day_request_decide(day_request=day_request, approve=True, reason="", user=cast.team_manager)
    with pytest.raises(ValidationError):
        services.day_request_decide(day_request=day_request, approve=False, reason="No", user=cast.team_manager)


def test_the_worker_cancels_a_waiting_or_future_approved_request_only(cast) -> None:  # noqa: ANN001
    waiting = _request(cast, "0.5")
    assert services.day_request_cancel(day_request=waiting, user=cast.social_worker).status == "cancelled"
    future = CpdDayRequestFactory(worker=cast.sam, start_date=LATER, status="approved")
    assert services.day_request_cancel(day_request=future, user=cast.social_worker).status == "cancelled"
    taken = CpdDayRequestFactory(worker=cast.sam, start_date=TODAY, status="approved")
    with pytest.raises(ValidationError):
        services.day_request_cancel(day_request=taken, user=cast.social_worker)
    with pytest.raises(PermissionDenied):
        services.day_request_cancel(day_request=_request(cast, "0.5"), user=cast.team_manager)


def test_hr_set_an_allowance_with_a_reason(cast) -> None:  # noqa: ANN001
    allowance = services.day_allowance_set(
        worker=cast.sam, year=2026, days=Decimal("4.5"), reason=" Practice educator ", user=cast.workforce_officer
    )
    assert (allowance.days, allowance.reason, allowance.created_by) == (
        Decimal("4.5"),
        "Practice educator",
        cast.workforce_officer,
    )
    again = services.day_allowance_set(
        worker=cast.sam, year=2026, days=Decimal("4"), reason="Changed", user=cast.administrator
    )
    assert again.pk == allowance.pk
    with pytest.raises(ValidationError):
        services.day_allowance_set(worker=cast.sam, year=2026, days=Decimal("4"), reason=" ", user=cast.administrator)
    with pytest.raises(PermissionDenied):
        services.day_allowance_set(worker=cast.sam, year=2026, days=Decimal("4"), reason="x", user=cast.team_manager)
