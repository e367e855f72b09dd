"""Progression application pages: applying (the worker, or their team manager on their behalf), an application's
page, and withdrawing it.

Each view asks careers.access.applications (out of scope: 404; in scope but not theirs to change: 403), binds its
form, calls careers.services.applications and redirects with a message.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from careers.access.applications import (
    get_application_for_user,
    get_own_worker_for_application,
    get_withdrawable_application_for_user,
    get_worker_to_apply_for,
)
from careers.forms.applications import ApplicationForm
from careers.selectors import applications as selectors
from careers.selectors.progress import progress_for
from careers.services import applications as services
from workforce.access import get_scope
from workforce.models import Worker
from workforce.selectors import today

FORM_METHODS = ["GET", "POST"]


def _url_or_none(name: str, *args: Any) -> str | None:
    """A link to a page another part of the app provides, when it exists."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _apply_errors(form: ApplicationForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _apply_page(request: HttpRequest, worker: Worker, *, own: bool) -> HttpResponse:
    """The application form: the level sought and its criteria, then (when they are all met) panel and statement."""
    on = today()
    progress = progress_for(worker=worker, today=on)
    open_application = selectors.open_application(worker=worker)
    panels = selectors.active_panels(authority_id=worker.authority_id, on=on)
    can_apply = progress.criteria_met and open_application is None and panels.exists()
    form = ApplicationForm(request.POST if request.method == "POST" else None, panels=panels)
    if request.method == "POST":
        if not can_apply:
            form.add_error(None, services.OPEN_APPLICATION if open_application else services.CRITERIA_NOT_MET)
        elif form.is_valid():
            try:
                application = services.application_submit(
                    worker=worker,
                    panel=form.cleaned_data["panel"],
                    statement=form.cleaned_data["statement"],
                    user=request.user,
                    today=on,
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, f"Application sent to {application.panel.name}.")
                return redirect("careers:application_detail", pk=application.pk)
    back_url = _url_or_none("careers:my_progress") if own else _url_or_none("careers:worker_progress", worker.pk)
    return render(
        request,
        "careers/applications/application_form.html",
        {
            "form": form,
            "worker": worker,
            "own": own,
            "progress": progress,
            "open_application": open_application,
            "has_panels": panels.exists(),
            "can_apply": can_apply,
            "applications": selectors.applications_for_worker(worker=worker),
            "back_url": back_url,
        },
    )


@login_required
@require_http_methods(FORM_METHODS)
def application_create(request: HttpRequest) -> HttpResponse:
    """The worker applies for their next level."""
    worker = get_own_worker_for_application(request.user)
    return _apply_page(request, worker, own=True)


@login_required
@require_http_methods(FORM_METHODS)
def application_create_for(request: HttpRequest, pk: int) -> HttpResponse:
    """A team manager applies on behalf of a worker in their team (the worker's own page for themself)."""
    if get_scope(request.user).own_worker_id == pk:
        return redirect("careers:application_create")
    worker = get_worker_to_apply_for(request.user, pk, today())
    return _apply_page(request, worker, own=False)


@login_required
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Status, level sought, panel, portfolio and decision; the status only for a workforce officer."""
    application, access = get_application_for_user(request.user, pk)
    evidence = []
    if access.content:
        evidence = list(application.evidence.select_related("framework_version").order_by("practice_date", "pk"))
    return render(
        request,
        "careers/applications/application_detail.html",
        {
            "application": application,
            "access": access,
            "evidence": evidence,
            "team": selectors.current_team(worker=application.worker, on=today()),
            "back_url": _url_or_none("careers:application_create") if access.withdraw else None,
        },
    )


@login_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_withdrawable_application_for_user(request.user, pk)
    try:
        services.application_withdraw(application=application, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Application withdrawn.")
    return redirect("careers:application_detail", pk=application.pk)
