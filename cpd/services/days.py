"""Protected CPD days: a worker requests and cancels, their team manager decides, HR set exceptions.

The e-mails (to the team managers when a request is made, to the worker when it is decided) are sent after the
rows are saved, inside the same call: a failure to send is logged by Django's mail backend, not hidden.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.emails import send_templated_email
from cpd.access import can_edit_cpd, is_team_manager_of
from cpd.access.days import NOT_HR, NOT_THEIR_MANAGER, NOT_YOUR_REQUEST, can_set_day_allowance
from cpd.models import CpdDayAllowance, CpdDayRequest
from cpd.selectors.days import day_balance, employment_on, is_whole_or_half, team_manager_emails
from cpd.years import registration_year_for, year_label
from workforce import selectors as wf_selectors
from workforce.models import Worker

DAYS_NOT_POSITIVE = "Enter at least half a day"
DAYS_NOT_HALVES = "Enter whole or half days, for example 1 or 1.5"
OVER_ALLOWANCE = (
    "You can request at most {available} more days this year: your allowance is {allowance}, with {taken} used or "
    "booked and {pending} waiting for a decision"
)
NOT_EMPLOYED = "Choose a day when you are in post: you have no assignment on {day}"
YEAR_ENDED = "The CPD year of that day has ended: choose a day on or after {first}"
PURPOSE_REQUIRED = "Say what the time is for"
ALREADY_DECIDED = "This request has already been decided or cancelled"
REFUSAL_REASON_REQUIRED = "Give a reason for refusing the request"
APPROVAL_OVER_ALLOWANCE = "Approving this request would take {name} over their allowance of {allowance} days"
CANNOT_CANCEL = "Only a request waiting for a decision, or an approved one that has not started, can be cancelled"
ALLOWANCE_REASON_REQUIRED = "Give the reason for this allowance"
ALLOWANCE_NEGATIVE = "The allowance must be 0 or more"


def _days_text(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _worker_email(worker: Worker) -> str:
    return worker.email or (worker.user.email if worker.user_id else "")


@transaction.atomic
def day_request_create(*, worker: Worker, start_date: dt.date, days: Decimal, purpose: str, user: Any) -> CpdDayRequest:
    """The worker asks for protected CPD time; refused beside the field when it breaks a rule. E-mails the manager."""
    if not can_edit_cpd(user, worker):
        raise PermissionDenied(NOT_YOUR_REQUEST)
    # Lock the worker so that two requests sent at once cannot both fit in the last remaining days.
    Worker.objects.select_for_update().filter(pk=worker.pk).first()
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationError({"purpose": PURPOSE_REQUIRED})
    if days <= 0:
        raise ValidationError({"days": DAYS_NOT_POSITIVE})
    if not is_whole_or_half(days):
        raise ValidationError({"days": DAYS_NOT_HALVES})
    today = wf_selectors.today()
    current_year = registration_year_for(today)
    year = registration_year_for(start_date)
    if year < current_year:
        raise ValidationError({"start_date": YEAR_ENDED.format(first=f"1 December {current_year - 1}")})
    if employment_on(worker, start_date) is None:
        raise ValidationError({"start_date": NOT_EMPLOYED.format(day=f"{start_date.day} {start_date:%B %Y}")})
    balance = day_balance(worker=worker, year=year, today=today)
    if days > balance.available_to_request:
        raise ValidationError(
            {
                "days": OVER_ALLOWANCE.format(
                    available=_days_text(balance.available_to_request),
                    allowance=_days_text(balance.allowance),
                    taken=_days_text(balance.used + balance.booked),
                    pending=_days_text(balance.pending),
                )
            }
        )
    day_request = CpdDayRequest(
        worker=worker,
        registration_year=year,
        start_date=start_date,
        days=days,
        purpose=purpose,
        created_by=user,
        updated_by=user,
    )
    day_request.full_clean()
    day_request.save()
    send_templated_email(
        to=team_manager_emails(worker, today),
        template="cpd/day_request",
        context={
            "day_request": day_request,
            "worker": worker,
            "year_label": year_label(year),
            "decide_path": reverse("cpd:day_request_decide", args=[day_request.pk]),
        },
    )
    return day_request


@transaction.atomic
def day_request_cancel(*, day_request: CpdDayRequest, user: Any) -> CpdDayRequest:
    """The worker withdraws a request that waits for a decision, or an approved one that has not started."""
    if not can_edit_cpd(user, day_request.worker):
        raise PermissionDenied(NOT_YOUR_REQUEST)
    day_request = CpdDayRequest.objects.select_for_update().get(pk=day_request.pk)
    today = wf_selectors.today()
    waiting = day_request.status == CpdDayRequest.Status.REQUESTED
    future = day_request.status == CpdDayRequest.Status.APPROVED and day_request.start_date > today
    if not (waiting or future):
        raise ValidationError(CANNOT_CANCEL)
    day_request.status = CpdDayRequest.Status.CANCELLED
    day_request.updated_by = user
    day_request.full_clean()
    day_request.save()
    return day_request


@transaction.atomic
def day_request_decide(*, day_request: CpdDayRequest, approve: bool, reason: str, user: Any) -> CpdDayRequest:
    """The manager of the worker's current team approves or refuses (with a reason); the worker is e-mailed."""
    today = wf_selectors.today()
    if not is_team_manager_of(user, day_request.worker, today):
        raise PermissionDenied(NOT_THEIR_MANAGER)
    Worker.objects.select_for_update().filter(pk=day_request.worker_id).first()
    day_request = CpdDayRequest.objects.select_related("worker", "worker__user").get(pk=day_request.pk)
    if day_request.status != CpdDayRequest.Status.REQUESTED:
        raise ValidationError(ALREADY_DECIDED)
    reason = (reason or "").strip()
    worker = day_request.worker
    if approve:
        balance = day_balance(worker=worker, year=day_request.registration_year, today=today)
        if day_request.days > balance.remaining:
            raise ValidationError(
                APPROVAL_OVER_ALLOWANCE.format(name=worker.full_name, allowance=_days_text(balance.allowance))
            )
        day_request.status = CpdDayRequest.Status.APPROVED
        day_request.refusal_reason = ""
    else:
        if not reason:
            raise ValidationError({"reason": REFUSAL_REASON_REQUIRED})
        day_request.status = CpdDayRequest.Status.REFUSED
        day_request.refusal_reason = reason
    day_request.decided_by = user
    day_request.decided_at = timezone.now()
    day_request.updated_by = user
    day_request.full_clean()
    day_request.save()
    send_templated_email(
        to=[_worker_email(worker)],
        template="cpd/day_decision",
        context={
            "day_request": day_request,
            "worker": worker,
            "approved": approve,
            "decided_by": user,
            "my_days_path": reverse("cpd:my_days"),
        },
    )
    return day_request


@transaction.atomic
def day_allowance_set(*, worker: Worker, year: int, days: Decimal, reason: str, user: Any) -> CpdDayAllowance:
    """HR give a worker their own allowance for a year (an agreed exception), replacing the authority's rule."""
    if not can_set_day_allowance(user, worker):
        raise PermissionDenied(NOT_HR)
    reason = (reason or "").strip()
    if days < 0:
        raise ValidationError({"days": ALLOWANCE_NEGATIVE})
    if not is_whole_or_half(days):
        raise ValidationError({"days": DAYS_NOT_HALVES})
    if not reason:
        raise ValidationError({"reason": ALLOWANCE_REASON_REQUIRED})
    allowance = CpdDayAllowance.objects.select_for_update().filter(worker=worker, registration_year=year).first()
    if allowance is None:
        allowance = CpdDayAllowance(worker=worker, registration_year=year, created_by=user)
    allowance.days = days
    allowance.reason = reason
    allowance.updated_by = user
    allowance.full_clean()
    allowance.save()
    return allowance
