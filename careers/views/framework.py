"""The administrator's framework pages: framework versions (read, adapt the wording, choose the one in use), the
career ladder and its criteria, progression panels and their members, careers settings; and a worker's career
level set by hand by HR or an administrator.

Administrators only (everyone else signed in 403), except the worker level page, which workforce officers use too.
Objects are looked up in careers.access.framework (another authority's answer 404); each form's ``cleaned_data``
goes to a service of careers.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from careers.access.framework import (
    administrator_required,
    framework_authority,
    get_adaptable_framework_version_for_user,
    get_career_level_for_user,
    get_framework_version_for_user,
    get_panel_for_user,
    get_worker_for_level_change,
    level_setter_required,
)
from careers.forms.framework import (
    CareerLevelForm,
    CareersSettingsForm,
    FrameworkAdaptForm,
    PanelForm,
    WorkerLevelForm,
)
from careers.models import FrameworkVersion
from careers.selectors import framework as framework_selectors
from careers.services import framework as framework_services
from careers.services import levels as level_services
from careers.services import panels as panel_services
from core.forms import posted
from workforce.selectors import today
from workforce.views.staff import FORM_METHODS, _form_page


def _index_url() -> str:
    return reverse("careers:framework_index")


def _levels_url() -> str:
    return reverse("careers:level_list")


def _panels_url() -> str:
    return reverse("careers:panel_admin_list")


def _version_in_use(request: HttpRequest) -> FrameworkVersion | None:
    settings = framework_selectors.careers_settings_for(framework_authority(request.user))
    return settings.framework_version if settings else None


# ---------------------------------------------------------------------------
# Framework versions
# ---------------------------------------------------------------------------
@login_required
@require_GET
@administrator_required
def framework_index(request: HttpRequest) -> HttpResponse:
    """The versions available to the authority, the one in use, and the evidence written against each."""
    authority = framework_authority(request.user)
    settings = framework_selectors.careers_settings_for(authority)
    versions = list(framework_selectors.framework_versions_for_authority(authority=authority))
    families = [
        (label, [v for v in versions if v.family == family], family == FrameworkVersion.Family.PRACTICE)
        for family, label in FrameworkVersion.Family.choices
        if any(v.family == family for v in versions)
    ]
    return render(
        request,
        "careers/framework/framework_index.html",
        {
            "authority": authority,
            "settings": settings,
            "in_use_id": settings.framework_version_id if settings else None,
            "families": families,
            "level_count": framework_selectors.career_levels_for_authority(authority=authority).count(),
            "panel_count": framework_selectors.panels_for_authority(authority=authority).count(),
        },
    )


@login_required
@require_GET
@administrator_required
def framework_version(request: HttpRequest, pk: int) -> HttpResponse:
    """One version's items, grouped by kind, with the evidence written against each."""
    version, can_adapt = get_framework_version_for_user(request.user, pk)
    authority = framework_authority(request.user)
    settings = framework_selectors.careers_settings_for(authority)
    items = list(framework_selectors.framework_version_items(version=version, authority=authority))
    return render(
        request,
        "careers/framework/framework_version.html",
        {
            "version": version,
            "groups": framework_selectors.items_by_kind(items),
            "can_adapt": can_adapt,
            "in_use": settings is not None and settings.framework_version_id == version.pk,
            "back_url": _index_url(),
        },
    )


@login_required
@require_http_methods(FORM_METHODS)
@administrator_required
def framework_adapt(request: HttpRequest, pk: int) -> HttpResponse:
    """A new version in the authority's own wording, which it then uses; the source stays as it was."""
    source = get_adaptable_framework_version_for_user(request.user, pk)
    authority = framework_authority(request.user)
    items = list(source.items.order_by("kind", "number"))
    form = FrameworkAdaptForm(
        posted(request),
        items=items,
        initial={"name": f"{authority.name} practice framework ({today():%B %Y})"},
    )
    return _form_page(
        request,
        form,
        template="careers/framework/framework_adapt.html",
        context={"source": source, "back_url": reverse("careers:framework_version", args=[source.pk])},
        save=lambda data: framework_services.framework_version_adapt(
            source=source, authority=authority, name=data["name"], wording=data["wording"], user=request.user
        ),
        success_message=lambda version: f"“{version.name}” saved. The authority now uses it.",
        success_url=lambda version: reverse("careers:framework_version", args=[version.pk]),
    )


@login_required
@require_POST
@administrator_required
def framework_use(request: HttpRequest, pk: int) -> HttpResponse:
    """Make this version the one the authority's staff write evidence against."""
    version = get_adaptable_framework_version_for_user(request.user, pk)
    try:
        framework_services.careers_settings_use_version(
            authority=framework_authority(request.user), version=version, user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"The authority now uses “{version.name}”.")
    return redirect(_index_url())


@login_required
@require_http_methods(FORM_METHODS)
@administrator_required
def careers_settings(request: HttpRequest) -> HttpResponse:
    authority = framework_authority(request.user)
    settings = framework_selectors.careers_settings_for(authority)
    form = CareersSettingsForm(
        posted(request), initial={"review_overdue_days": settings.review_overdue_days if settings else 10}
    )
    return _form_page(
        request,
        form,
        template="careers/framework/settings_form.html",
        context={"authority": authority, "settings": settings, "back_url": _index_url()},
        save=lambda data: framework_services.careers_settings_update(authority=authority, user=request.user, **data),
        success_message="Careers settings saved.",
        success_url=_index_url(),
    )


# ---------------------------------------------------------------------------
# Career levels
# ---------------------------------------------------------------------------
@login_required
@require_GET
@administrator_required
def level_list(request: HttpRequest) -> HttpResponse:
    """The ladder, lowest first, with each level's criteria."""
    authority = framework_authority(request.user)
    version = _version_in_use(request)
    levels = list(framework_selectors.career_levels_for_authority(authority=authority))
    return render(
        request,
        "careers/framework/level_list.html",
        {
            "levels": levels,
            "rows": framework_selectors.criteria_in_wording(levels, version),
            "version": version,
            "back_url": _index_url(),
        },
    )


@login_required
@require_http_methods(FORM_METHODS)
@administrator_required
def level_create(request: HttpRequest) -> HttpResponse:
    authority = framework_authority(request.user)
    version = _version_in_use(request)
    items = framework_selectors.required_item_choices(version=version)
    levels = list(framework_selectors.career_levels_for_authority(authority=authority))
    next_order = max((level.order for level in levels), default=0) + 1
    form = CareerLevelForm(
        posted(request),
        items=items,
        initial={"order": next_order, "min_accepted_evidence": 0, "min_months_at_previous_level": 0},
    )
    return _form_page(
        request,
        form,
        template="careers/framework/level_form.html",
        context={"title": "Add a career level", "version": version, "back_url": _levels_url()},
        save=lambda data: level_services.career_level_create(
            authority=authority, version=version, user=request.user, **data
        ),
        success_message=lambda level: f"{level.name} added to the career ladder.",
        success_url=_levels_url(),
    )


@login_required
@require_http_methods(FORM_METHODS)
@administrator_required
def level_edit(request: HttpRequest, pk: int) -> HttpResponse:
    level = get_career_level_for_user(request.user, pk)
    version = _version_in_use(request)
    items = framework_selectors.required_item_choices(version=version)
    offered = {item.key for item in items}
    form = CareerLevelForm(
        posted(request), items=items, editing=True, initial=CareerLevelForm.initial_for(level, items)
    )
    return _form_page(
        request,
        form,
        template="careers/framework/level_form.html",
        context={
            "title": f"Change {level.name}",
            "level": level,
            "version": version,
            "kept_items": [item for item in level.required_items.all() if item.key not in offered],
            "back_url": _levels_url(),
        },
        save=lambda data: level_services.career_level_update(level=level, version=version, user=request.user, **data),
        success_message=lambda level: f"{level.name} saved.",
        success_url=_levels_url(),
    )


# ---------------------------------------------------------------------------
# Panels
# ---------------------------------------------------------------------------
@login_required
@require_GET
@administrator_required
def panel_admin_list(request: HttpRequest) -> HttpResponse:
    authority = framework_authority(request.user)
    return render(
        request,
        "careers/framework/panel_list.html",
        {"panels": list(framework_selectors.panels_for_authority(authority=authority)), "back_url": _index_url()},
    )


@login_required
@require_http_methods(FORM_METHODS)
@administrator_required
def panel_create(request: HttpRequest) -> HttpResponse:
    authority = framework_authority(request.user)
    candidates = framework_selectors.panel_member_candidates(authority=authority)
    form = PanelForm(posted(request), candidates=candidates)
    return _form_page(
        request,
        form,
        template="careers/framework/panel_form.html",
        context={"title": "Add a panel", "back_url": _panels_url()},
        save=lambda data: panel_services.panel_create(authority=authority, user=request.user, **data),
        success_message=lambda panel: f"{panel.name} added.",
        success_url=_panels_url(),
    )


@login_required
@require_http_methods(FORM_METHODS)
@administrator_required
def panel_edit(request: HttpRequest, pk: int) -> HttpResponse:
    panel = get_panel_for_user(request.user, pk)
    candidates = framework_selectors.panel_member_candidates(authority=panel.authority, panel=panel)
    form = PanelForm(
        posted(request),
        candidates=candidates,
        editing=True,
        initial={"name": panel.name, "members": list(panel.members.all()), "in_use": panel.disabled_on is None},
    )
    return _form_page(
        request,
        form,
        template="careers/framework/panel_form.html",
        context={"title": f"Change {panel.name}", "panel": panel, "back_url": _panels_url()},
        save=lambda data: panel_services.panel_update(panel=panel, user=request.user, **data),
        success_message=lambda panel: f"{panel.name} saved.",
        success_url=_panels_url(),
    )


# ---------------------------------------------------------------------------
# A worker's career level
# ---------------------------------------------------------------------------
@login_required
@require_http_methods(FORM_METHODS)
@level_setter_required
def worker_level_set(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the level a worker holds from a date (for people joining at a level); earlier ones are kept."""
    worker = get_worker_for_level_change(request.user, pk)
    form = WorkerLevelForm(
        posted(request),
        levels=framework_selectors.levels_in_use(authority=worker.authority),
        initial={"effective_from": today()},
    )
    url = reverse("careers:worker_level_set", args=[worker.pk])
    return _form_page(
        request,
        form,
        template="careers/framework/worker_level_form.html",
        context={
            "title": "Set career level",
            "worker": worker,
            "history": list(framework_selectors.worker_level_history(worker=worker)),
            "back_url": reverse("workforce:worker_detail", args=[worker.pk]),
        },
        save=lambda data: level_services.worker_level_set(worker=worker, user=request.user, **data),
        success_message=lambda record: (
            f"{worker.full_name} is {record.level.name} from {record.effective_from:%-d %B %Y}."
        ),
        success_url=url,
    )
