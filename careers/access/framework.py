"""Who may use the framework pages: administrators change the framework, levels, criteria, panels and settings.

Everyone else signed in gets 403 on every framework page (the pages exist; their role does not give them), including
users of other authorities. Objects are looked up within the administrator's own authority: another authority's
adaptation, level or panel answers 404. A worker's career level is also set by workforce officers (HR), for people
who join at a level.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from careers.models import CareerLevel, FrameworkVersion, Panel
from careers.services.framework import versions_available_to
from workforce.access import get_editable_worker_for_user, get_scope, role_required
from workforce.codes import UserRole
from workforce.models import Authority, Worker

if TYPE_CHECKING:
    from django.http import HttpResponse

    from core.models import User

ARCHIVED = "An archived staff record cannot be changed: an administrator can restore it first."
READ_ONLY_FAMILY = "The {family} is published by others and is not adapted here: adapt the national framework."

administrator_required: Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]] = role_required(
    UserRole.ADMINISTRATOR
)
level_setter_required: Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]] = role_required(
    UserRole.ADMINISTRATOR, UserRole.WORKFORCE_OFFICER
)


def framework_authority(user: User | Any) -> Authority:
    """The administrator's authority (404 for a user with none, which a role check has already excluded)."""
    authority = get_scope(user).authority
    if authority is None:
        raise Http404("No authority.")
    return authority


def framework_versions_for_user(user: User | Any) -> QuerySet[FrameworkVersion]:
    """The shipped versions and the user's authority's own adaptations (nothing without an administrator role)."""
    scope = get_scope(user)
    if scope.authority is None or not scope.is_administrator:
        return FrameworkVersion.objects.none()
    return FrameworkVersion.objects.filter(versions_available_to(scope.authority))


def get_framework_version_for_user(user: User | Any, pk: int) -> tuple[FrameworkVersion, bool]:
    """The version and whether the user may adapt it and put it in use; 404 for another authority's adaptation."""
    version = framework_versions_for_user(user).select_related("based_on", "authority").filter(pk=pk).first()
    if version is None:
        raise Http404("No such framework version.")
    return version, version.family == FrameworkVersion.Family.PRACTICE


def get_adaptable_framework_version_for_user(user: User | Any, pk: int) -> FrameworkVersion:
    """A practice framework version to adapt or use; the PCF and PQS are read-only (403)."""
    version, can_adapt = get_framework_version_for_user(user, pk)
    if not can_adapt:
        raise PermissionDenied(READ_ONLY_FAMILY.format(family=version.get_family_display()))
    return version


def get_career_level_for_user(user: User | Any, pk: int) -> CareerLevel:
    """One of the administrator's authority's levels; 404 for any other."""
    scope = get_scope(user)
    level = (
        CareerLevel.objects.filter(authority=scope.authority, pk=pk).select_related("authority").first()
        if scope.authority is not None and scope.is_administrator
        else None
    )
    if level is None:
        raise Http404("No such career level.")
    return level


def get_panel_for_user(user: User | Any, pk: int) -> Panel:
    """One of the administrator's authority's panels, to change; 404 for any other."""
    scope = get_scope(user)
    panel = (
        Panel.objects.filter(authority=scope.authority, pk=pk).select_related("authority").first()
        if scope.authority is not None and scope.is_administrator
        else None
    )
    if panel is None:
        raise Http404("No such panel.")
    return panel


def get_worker_for_level_change(user: User | Any, pk: int) -> Worker:
    """A worker of the user's authority whose career level HR or an administrator may set (404 outside it)."""
    worker = get_editable_worker_for_user(user, pk)
    if worker.is_archived:
        raise PermissionDenied(ARCHIVED)
    return worker
