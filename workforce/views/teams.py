"""Team pages: the teams a user may see, one team's people and figures, its establishment and its caseloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from core.forms import apply_service_errors, posted
from workforce import selectors
from workforce.access import (
    STAFF_LIST_ROLES,
    can_set_establishment,
    get_team_for_caseload_edit,
    get_team_for_user,
    role_required,
)
from workforce.forms.records import EstablishmentForm, TeamCaseloadDateForm, TeamCaseloadFormSet
from workforce.services import records
from workforce.views.staff import FORM_METHODS

CASELOAD_FORMSET_PREFIX = "rows"


def _caseload_error_links(date_form: TeamCaseloadDateForm, formset: TeamCaseloadFormSet) -> list[tuple[str, str]]:
    """The error summary of the team caseload page: the date, then each row's errors, named by person."""
    links = list(date_form.error_links())
    for message in formset.non_form_errors():
        links.append(("#caseloads-table", message))
    for form in formset.forms:
        name = form.assignment.worker.full_name if form.assignment else "Unknown person"
        for bound in form:
            for message in bound.errors:
                links.append((f"#{bound.auto_id}", f"{name}: {message}"))
        for message in form.non_field_errors():
            links.append((f"#{form['cases'].auto_id}", f"{name}: {message}"))
    return links


def _attach_row_errors(date_form: TeamCaseloadDateForm, formset: TeamCaseloadFormSet, exc: ValidationError) -> None:
    """Show the service's per-worker errors beside the row's cases field; any other error at the top."""
    for error in exc.error_list if not hasattr(exc, "error_dict") else [exc]:
        params = getattr(error, "params", None) or {}
        form = formset.form_for_worker(params.get("worker_pk")) if "worker_pk" in params else None
        if form is not None:
            form.add_error("cases", error.messages)
        else:
            apply_service_errors(date_form, error)


@login_required
@require_GET
@role_required(*STAFF_LIST_ROLES)
def team_list(request: HttpRequest) -> HttpResponse:
    """Teams the user may see, with today's headcount, FTE, establishment and vacancy."""
    return render(
        request,
        "workforce/teams/team_list.html",
        {"teams": selectors.team_list(user=request.user), "on": selectors.today()},
    )


@login_required
@require_GET
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A team's establishment, people in post, vacancy, and recent starters and leavers."""
    team, can_edit_caseloads = get_team_for_user(request.user, pk)
    on = selectors.today()
    return render(
        request,
        "workforce/teams/team_detail.html",
        {
            "team": team,
            "on": on,
            "summary": selectors.team_summary(team, on),
            "people": list(selectors.team_assignments_in_post([team], on)),
            "establishment_history": list(selectors.team_establishment_history(team)),
            "leavers": list(selectors.team_leavers(team, on)),
            "starters": selectors.team_starters(team, on),
            "can_edit_caseloads": can_edit_caseloads,
            "can_set_establishment": can_set_establishment(request.user, team),
        },
    )


@login_required
@require_http_methods(FORM_METHODS)
def establishment_set(request: HttpRequest, pk: int) -> HttpResponse:
    """HR set a team's funded social worker FTE from a date."""
    team, _ = get_team_for_user(request.user, pk)
    if not can_set_establishment(request.user, team):
        raise PermissionDenied("Only HR set a team's establishment.")
    summary = selectors.team_summary(team)
    form = EstablishmentForm(
        posted(request),
        initial={"effective_from": selectors.today(), "establishment_fte": summary["establishment_fte"]},
    )
    team_url = reverse("workforce:team_detail", args=[team.pk])
    if request.method == "POST" and form.is_valid():
        try:
            records.establishment_set(team=team, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Establishment of {team.name} saved.")
            return redirect(team_url)
    return render(
        request,
        "workforce/teams/establishment_form.html",
        {"form": form, "team": team, "summary": summary, "back_url": team_url},
    )


@login_required
@require_http_methods(FORM_METHODS)
def team_caseloads(request: HttpRequest, pk: int) -> HttpResponse:
    """This month's caseloads of everyone in post in the team, on one page, saved all or nothing.

    Team managers of the team and HR may save; service managers read (403 on POST).
    """
    if request.method == "POST":
        team, can_edit = get_team_for_caseload_edit(request.user, pk), True
    else:
        team, can_edit = get_team_for_user(request.user, pk)
    on = selectors.today()
    assignments = list(selectors.team_assignments_in_post([team], on))
    data = posted(request)
    date_form = TeamCaseloadDateForm(data, initial={"date": on})
    formset = TeamCaseloadFormSet(data, assignments=assignments, prefix=CASELOAD_FORMSET_PREFIX)
    team_url = reverse("workforce:team_detail", args=[team.pk])
    if data is not None and date_form.is_valid() and formset.is_valid():
        try:
            saved = records.caseloads_record_for_team(
                team=team, actor=request.user, date=date_form.cleaned_data["date"], entries=formset.entries()
            )
        except ValidationError as exc:
            _attach_row_errors(date_form, formset, exc)
        else:
            messages.success(request, f"{len(saved)} caseload{'s' if len(saved) != 1 else ''} saved for {team.name}.")
            return redirect(team_url)
    return render(
        request,
        "workforce/teams/team_caseloads.html",
        {
            "team": team,
            "on": on,
            "can_edit": can_edit,
            "assignments": assignments,
            "date_form": date_form,
            "formset": formset,
            "error_links": _caseload_error_links(date_form, formset) if data is not None else [],
            "back_url": team_url,
        },
    )
