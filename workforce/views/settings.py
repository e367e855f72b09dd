"""The administrator's settings pages: caseload thresholds and workload weights, each team's own thresholds, the
authority's indicator targets and its comparator figures.

Administrators only (everyone else 403). Every object is looked up among the administrator's own authority's
(another authority's answers 404); England comparator figures are shown but never changed here (404 to a change).
Each page binds its form and hands ``cleaned_data`` to a service of workforce.services.settings.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import posted
from workforce import workload
from workforce.access import get_scope, get_team_for_user, role_required
from workforce.codes import UserRole
from workforce.forms.settings import (
    ComparatorFigureForm,
    IndicatorTargetForm,
    TeamThresholdForm,
    WorkloadSettingsForm,
)
from workforce.models import Authority, IndicatorKey
from workforce.services import settings as services
from workforce.views.staff import FORM_METHODS, _form_page

administrator_required = role_required(UserRole.ADMINISTRATOR)


def _authority(request: HttpRequest) -> Authority:
    authority = get_scope(request.user).authority
    if authority is None:  # an administrator always has one; a data error should not reveal anything
        raise Http404("No authority.")
    return authority


def _index_url() -> str:
    return reverse("workforce:settings_index")


@login_required
@require_GET
@administrator_required
def settings_index(request: HttpRequest) -> HttpResponse:
    """The authority's settings at a glance, with links to change each."""
    authority = _authority(request)
    settings = services.workload_settings_ensure(authority=authority, actor=request.user)
    teams = list(workload.authority_teams_with_thresholds(authority))
    return render(
        request,
        "workforce/settings/settings_index.html",
        {
            "authority": authority,
            "settings": settings,
            "weights": [
                (workload.CASE_TYPE_LABELS[name], points)
                for name, points in workload.case_type_weights(settings).items()
            ],
            "teams": [(team, workload.thresholds_for_team(team, settings)) for team in teams],
            "target_count": workload.authority_targets(authority).count(),
            "comparator_count": workload.authority_comparators(authority).count(),
        },
    )


@login_required
@require_http_methods(FORM_METHODS)
@administrator_required
def workload_settings(request: HttpRequest) -> HttpResponse:
    """The authority's caseload thresholds, capacity points and points per case type."""
    authority = _authority(request)
    settings = services.workload_settings_ensure(authority=authority, actor=request.user)
    form = WorkloadSettingsForm(posted(request), initial=WorkloadSettingsForm.initial_for(settings))
    return _form_page(
        request,
        form,
        template="workforce/settings/workload_settings_form.html",
        context={"authority": authority, "back_url": _index_url()},
        save=lambda data: services.workload_settings_update(authority=authority, actor=request.user, **data),
        success_message="Caseload thresholds and workload points saved.",
        success_url=_index_url(),
    )


@login_required
@require_http_methods(FORM_METHODS)
@administrator_required
def team_threshold(request: HttpRequest, pk: int) -> HttpResponse:
    """A team's own caseload thresholds, which replace the authority's for its people."""
    team, _ = get_team_for_user(request.user, pk)
    settings = services.workload_settings_ensure(authority=team.authority, actor=request.user)
    override = workload.team_threshold_or_none(team)
    form = TeamThresholdForm(posted(request), initial=TeamThresholdForm.initial_for(override, settings))
    return _form_page(
        request,
        form,
        template="workforce/settings/team_threshold_form.html",
        context={"team": team, "override": override, "settings": settings, "back_url": _index_url()},
        save=lambda data: services.team_threshold_set(team=team, actor=request.user, **data),
        success_message=f"Thresholds of {team.name} saved.",
        success_url=_index_url(),
    )


@login_required
@require_POST
@administrator_required
def team_threshold_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a team's own thresholds: the authority's apply to it again."""
    team, _ = get_team_for_user(request.user, pk)
    if services.team_threshold_remove(team=team, actor=request.user):
        messages.success(request, f"{team.name} now uses the authority’s thresholds.")
    else:
        messages.info(request, f"{team.name} already uses the authority’s thresholds.")
    return redirect(_index_url())


# ---------------------------------------------------------------------------
# Targets
# ---------------------------------------------------------------------------
@login_required
@require_GET
@administrator_required
def target_list(request: HttpRequest) -> HttpResponse:
    """The authority's targets, grouped by indicator, latest first."""
    targets = list(workload.authority_targets(_authority(request)))
    groups = [(label, [target for target in targets if target.indicator == key]) for key, label in IndicatorKey.choices]
    return render(
        request,
        "workforce/settings/target_list.html",
        {"groups": groups, "has_targets": bool(targets), "back_url": _index_url()},
    )


def _targets_url() -> str:
    return reverse("workforce:settings_targets")


@login_required
@require_http_methods(FORM_METHODS)
@administrator_required
def target_create(request: HttpRequest) -> HttpResponse:
    authority = _authority(request)
    return _form_page(
        request,
        IndicatorTargetForm(posted(request), initial={"indicator": request.GET.get("indicator", "")}),
        template="workforce/settings/settings_form.html",
        context={"title": "Add a target", "submit_label": "Save target", "back_url": _targets_url()},
        save=lambda data: services.indicator_target_create(authority=authority, actor=request.user, **data),
        success_message=lambda target: f"{target.get_indicator_display()} target saved.",
        success_url=_targets_url(),
    )


@login_required
@require_http_methods(FORM_METHODS)
@administrator_required
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(workload.authority_targets(_authority(request)), pk=pk)
    return _form_page(
        request,
        IndicatorTargetForm(posted(request), initial=IndicatorTargetForm.initial_for(target)),
        template="workforce/settings/settings_form.html",
        context={"title": "Change a target", "submit_label": "Save target", "back_url": _targets_url()},
        save=lambda data: services.indicator_target_update(target=target, actor=request.user, **data),
        success_message=lambda saved: f"{saved.get_indicator_display()} target saved.",
        success_url=_targets_url(),
    )


# ---------------------------------------------------------------------------
# Comparator figures
# ---------------------------------------------------------------------------
def _comparators_url() -> str:
    return reverse("workforce:settings_comparators")


@login_required
@require_GET
@administrator_required
def comparator_list(request: HttpRequest) -> HttpResponse:
    """The England figures (read-only) and the authority's regional and statistical-neighbour figures."""
    return render(
        request,
        "workforce/settings/comparator_list.html",
        {
            "england": list(workload.england_comparators()),
            "figures": list(workload.authority_comparators(_authority(request))),
            "back_url": _index_url(),
        },
    )


@login_required
@require_http_methods(FORM_METHODS)
@administrator_required
def comparator_create(request: HttpRequest) -> HttpResponse:
    authority = _authority(request)
    return _form_page(
        request,
        ComparatorFigureForm(posted(request)),
        template="workforce/settings/settings_form.html",
        context={"title": "Add a comparator figure", "submit_label": "Save figure", "back_url": _comparators_url()},
        save=lambda data: services.comparator_figure_create(authority=authority, actor=request.user, **data),
        success_message=lambda figure: f"{figure.label} {figure.get_indicator_display().lower()} figure saved.",
        success_url=_comparators_url(),
    )


@login_required
@require_http_methods(FORM_METHODS)
@administrator_required
def comparator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    figure = get_object_or_404(workload.authority_comparators(_authority(request)), pk=pk)
    return _form_page(
        request,
        ComparatorFigureForm(posted(request), initial=ComparatorFigureForm.initial_for(figure)),
        template="workforce/settings/settings_form.html",
        context={
            "title": "Change a comparator figure",
            "submit_label": "Save figure",
            "back_url": _comparators_url(),
            "remove_url": reverse("workforce:settings_comparator_remove", args=[figure.pk]),
        },
        save=lambda data: services.comparator_figure_update(figure=figure, actor=request.user, **data),
        success_message=lambda saved: f"{saved.label} {saved.get_indicator_display().lower()} figure saved.",
        success_url=_comparators_url(),
    )


@login_required
@require_http_methods(FORM_METHODS)
@administrator_required
def comparator_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then delete one of the authority's comparator figures (its history keeps it)."""
    figure = get_object_or_404(workload.authority_comparators(_authority(request)), pk=pk)
    if request.method == "POST":
        services.comparator_figure_remove(figure=figure, actor=request.user)
        messages.success(request, f"{figure.label} {figure.get_indicator_display().lower()} figure removed.")
        return redirect(_comparators_url())
    return render(
        request,
        "workforce/settings/comparator_remove.html",
        {"figure": figure, "back_url": _comparators_url()},
    )
