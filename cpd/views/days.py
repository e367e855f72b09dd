"""CPD days pages: the worker's own days and requests; the managers' uptake report and decisions; HR's exceptions.

Each view checks access through cpd.access.days (out of scope: 404; in scope but read-only: 403), binds its form,
calls a service of cpd.services.days, and redirects with a message (POST/redirect/GET).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import cpd.exports.days  # noqa: F401  (importing registers the export)
from core.exports.registry import download_url
from core.forms import apply_service_errors, posted
from cpd.access.days import (
    can_see_days_uptake,
    can_set_day_allowance,
    decidable_request_ids,
    get_day_request_for_user,
    get_decidable_day_request_for_user,
    get_own_day_request_for_user,
    get_worker_for_day_allowance,
    own_worker_for_days,
)
from cpd.exports.days import DaysUptakeExport, uptake_for_request
from cpd.forms.days import DayAllowanceForm, DayDecisionForm, DayRequestForm
from cpd.models import CpdDayRequest
from cpd.selectors.days import day_balance, day_override
from cpd.services import days as services
from cpd.years import registration_year_for, year_label
from workforce import selectors as wf_selectors
from workforce.access import get_scope

FORM_METHODS = ["GET", "POST"]
UPTAKE_ROLES_ONLY = "The CPD days uptake is for managers and HR."
STATUS_TAGS = {
    CpdDayRequest.Status.REQUESTED: "govuk-tag--yellow",
    CpdDayRequest.Status.APPROVED: "govuk-tag--green",
    CpdDayRequest.Status.REFUSED: "govuk-tag--red",
    CpdDayRequest.Status.CANCELLED: "govuk-tag--grey",
}


def _with_tags(requests: Any) -> list[CpdDayRequest]:
    rows = list(requests)
    for row in rows:
        row.tag_class = STATUS_TAGS.get(row.status, "govuk-tag--grey")
    return rows


# ---------------------------------------------------------------------------
# The worker's own days
# ---------------------------------------------------------------------------
@login_required
@require_GET
def my_days(request: HttpRequest) -> HttpResponse:
    """This year's allowance, used, booked, waiting and remaining days, and the worker's requests."""
    worker = own_worker_for_days(request.user)
    today = wf_selectors.today()
    year = registration_year_for(today)
    requests = _with_tags(
        CpdDayRequest.objects.filter(worker=worker, registration_year__gte=year).select_related("decided_by")
    )
    for row in requests:
        row.can_cancel = row.status == CpdDayRequest.Status.REQUESTED or (
            row.status == CpdDayRequest.Status.APPROVED and row.start_date > today
        )
    return render(
        request,
        "cpd/days/my_days.html",
        {
            "worker": worker,
            "year": year,
            "year_label": year_label(year),
            "balance": day_balance(worker=worker, year=year, today=today),
            "override": day_override(worker=worker, year=year),
            "requests": requests,
        },
    )


@login_required
@require_http_methods(FORM_METHODS)
def day_request_create(request: HttpRequest) -> HttpResponse:
    worker = own_worker_for_days(request.user)
    form = DayRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.day_request_create(worker=worker, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Your request has been sent to your team manager.")
            return redirect("cpd:my_days")
    today = wf_selectors.today()
    year = registration_year_for(today)
    return render(
        request,
        "cpd/days/request_form.html",
        {
            "form": form,
            "title": "Request CPD days",
            "back_url": reverse("cpd:my_days"),
            "balance": day_balance(worker=worker, year=year, today=today),
            "year_label": year_label(year),
        },
    )


@login_required
@require_POST
def day_request_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    day_request = get_own_day_request_for_user(request.user, pk)
    try:
        services.day_request_cancel(day_request=day_request, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Your request has been cancelled.")
    return redirect("cpd:my_days")


# ---------------------------------------------------------------------------
# Managers and HR
# ---------------------------------------------------------------------------
@login_required
@require_GET
def days_uptake(request: HttpRequest) -> HttpResponse:
    """Each team's people with their days, team totals, and the requests waiting for a decision first."""
    if not can_see_days_uptake(request.user):
        raise PermissionDenied(UPTAKE_ROLES_ONLY)
    filterset, uptake = uptake_for_request(request)
    decidable = decidable_request_ids(request.user, uptake.waiting, uptake.team_of, uptake.on)
    for row in uptake.waiting:
        row.can_decide = row.pk in decidable
    querystring = filterset.querystring()
    return render(
        request,
        "cpd/days/uptake.html",
        {
            "filter_form": filterset.form,
            "uptake": uptake,
            "year_label": year_label(uptake.year),
            "download_url": download_url(DaysUptakeExport, querystring),
            "can_set_allowance": get_scope(request.user).is_hr,
        },
    )


@login_required
@require_http_methods(FORM_METHODS)
def day_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows the request (to everyone who may see it); POST approves or refuses (its team manager only)."""
    if request.method == "POST":
        day_request, can_decide = get_decidable_day_request_for_user(request.user, pk), True
    else:
        day_request, can_decide = get_day_request_for_user(request.user, pk)
    form = DayDecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == DayDecisionForm.APPROVE
        try:
            services.day_request_decide(
                day_request=day_request, approve=approve, reason=form.cleaned_data["reason"], user=request.user
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            verb = "approved" if approve else "refused"
            messages.success(request, f"You {verb} {day_request.worker.full_name}'s request. They have been told.")
            return redirect("cpd:days_uptake")
    worker = day_request.worker
    return render(
        request,
        "cpd/days/decide.html",
        {
            "form": form,
            "day_request": _with_tags([day_request])[0],
            "worker": worker,
            "can_decide": can_decide and day_request.status == CpdDayRequest.Status.REQUESTED,
            "balance": day_balance(worker=worker, year=day_request.registration_year),
            "year_label": year_label(day_request.registration_year),
            "back_url": reverse("cpd:days_uptake"),
        },
    )


@login_required
@require_http_methods(FORM_METHODS)
def day_allowance_set(request: HttpRequest, pk: int) -> HttpResponse:
    """HR give a worker their own allowance for a year, with the reason."""
    worker = get_worker_for_day_allowance(request.user, pk)
    year = registration_year_for(wf_selectors.today())
    current = day_override(worker=worker, year=year)
    initial = {"year": year, "days": current.days, "reason": current.reason} if current else {"year": year}
    form = DayAllowanceForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.day_allowance_set(worker=worker, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"{worker.full_name}'s CPD day allowance has been saved.")
            return redirect("cpd:days_uptake")
    return render(
        request,
        "cpd/days/allowance_form.html",
        {
            "form": form,
            "worker": worker,
            "title": "Set CPD day allowance",
            "back_url": reverse("cpd:days_uptake"),
            "balance": day_balance(worker=worker, year=year),
            "year_label": year_label(year),
            "can_set": can_set_day_allowance(request.user, worker),
        },
    )
