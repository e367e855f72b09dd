"""Who may see and change what (spec section 1). Every view asks these functions, and only these.

Out of scope answers 404 (existence is not revealed); in scope but read-only answers 403 to a change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from workforce.codes import UserRole
from workforce.models import Assignment, Authority, RoleAssignment, Team, Worker

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from core.models import User

_SCOPE_CACHE_ATTR = "_equipped_scope"
HR_ROLES = frozenset({UserRole.WORKFORCE_OFFICER, UserRole.ADMINISTRATOR})
MANAGER_ROLES = frozenset({UserRole.TEAM_MANAGER, UserRole.SERVICE_MANAGER})
# Roles that may open the staff and team lists (each limited to their own scope).
STAFF_LIST_ROLES = (
    UserRole.TEAM_MANAGER,
    UserRole.SERVICE_MANAGER,
    UserRole.WORKFORCE_OFFICER,
    UserRole.ADMINISTRATOR,
)


@dataclass(frozen=True)
class Scope:
    """What one user may reach, worked out once per request."""

    authority: Authority | None
    roles: frozenset[str]
    managed_team_ids: frozenset[int]
    service_area_ids: frozenset[int]
    own_worker_id: int | None

    @property
    def is_administrator(self) -> bool:
        return UserRole.ADMINISTRATOR in self.roles

    @property
    def is_hr(self) -> bool:
        """Workforce officers and administrators see every staff record of the authority."""
        return bool(self.roles & HR_ROLES)

    @property
    def is_manager(self) -> bool:
        return bool(self.roles & MANAGER_ROLES)

    @property
    def is_panel_member(self) -> bool:
        return UserRole.PANEL_MEMBER in self.roles

    @property
    def sees_teams(self) -> bool:
        """May open team pages and team indicators."""
        return self.is_hr or self.is_manager

    def has(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))


EMPTY_SCOPE = Scope(None, frozenset(), frozenset(), frozenset(), None)


def get_scope(user: User | Any) -> Scope:
    """The user's authority, roles, managed teams and service areas, and own worker record (cached per user)."""
    if not getattr(user, "is_authenticated", False):
        return EMPTY_SCOPE
    cached = getattr(user, _SCOPE_CACHE_ATTR, None)
    if cached is not None:
        return cached
    assignments = list(RoleAssignment.objects.filter(user=user).select_related("authority"))
    worker = Worker.objects.filter(user=user, archived_at__isnull=True).select_related("authority").first()
    authority = assignments[0].authority if assignments else (worker.authority if worker else None)
    # A user acts in one authority; roles held in another (a data error) are ignored.
    in_authority = [a for a in assignments if authority and a.authority_id == authority.pk]
    roles = {a.role for a in in_authority}
    if worker is not None and worker.authority_id == getattr(authority, "pk", None):
        roles.add(UserRole.SOCIAL_WORKER)
    scope = Scope(
        authority=authority,
        roles=frozenset(roles),
        managed_team_ids=frozenset(a.team_id for a in in_authority if a.role == UserRole.TEAM_MANAGER),
        service_area_ids=frozenset(a.service_area_id for a in in_authority if a.role == UserRole.SERVICE_MANAGER),
        own_worker_id=worker.pk
        if worker is not None and worker.authority_id == getattr(authority, "pk", None)
        else None,
    )
    setattr(user, _SCOPE_CACHE_ATTR, scope)
    return scope


def clear_scope_cache(user: Any) -> None:
    if hasattr(user, _SCOPE_CACHE_ATTR):
        delattr(user, _SCOPE_CACHE_ATTR)


# ---------------------------------------------------------------------------
# Teams
# ---------------------------------------------------------------------------
def teams_for_user(user: User | Any) -> QuerySet[Team]:
    """Teams whose people and indicators the user may see."""
    scope = get_scope(user)
    if scope.authority is None or not scope.sees_teams:
        return Team.objects.none()
    teams = Team.objects.filter(authority=scope.authority)
    if scope.is_hr:
        return teams
    return teams.filter(pk__in=scope.managed_team_ids) | teams.filter(service_area_id__in=scope.service_area_ids)


def get_team_for_user(user: User | Any, pk: int) -> tuple[Team, bool]:
    """The team and whether the user may change its caseload figures; 404 outside the user's scope."""
    team = teams_for_user(user).select_related("service_area", "authority").filter(pk=pk).first()
    if team is None:
        raise Http404("No such team.")
    return team, can_edit_team_caseloads(user, team)


def can_edit_team_caseloads(user: User | Any, team: Team) -> bool:
    """Team managers change their own teams' caseloads; HR changes any team's."""
    scope = get_scope(user)
    if scope.authority is None or team.authority_id != scope.authority.pk:
        return False
    return scope.is_hr or team.pk in scope.managed_team_ids


def can_see_staff_list(user: User | Any) -> bool:
    return get_scope(user).has(*STAFF_LIST_ROLES)


def can_set_establishment(user: User | Any, team: Team) -> bool:
    """Only HR set a team's funded FTE."""
    scope = get_scope(user)
    return scope.is_hr and team.authority_id == getattr(scope.authority, "pk", None)


def can_unarchive_worker(user: User | Any, worker: Worker) -> bool:
    """Only an administrator restores an archived record."""
    scope = get_scope(user)
    return scope.is_administrator and worker.authority_id == getattr(scope.authority, "pk", None)


def get_team_for_caseload_edit(user: User | Any, pk: int) -> Team:
    team, can_edit = get_team_for_user(user, pk)
    if not can_edit:
        raise PermissionDenied("You may read this team's figures but not change them.")
    return team


# ---------------------------------------------------------------------------
# Workers
# ---------------------------------------------------------------------------
def workers_for_user(user: User | Any, *, include_archived: bool = False) -> QuerySet[Worker]:
    """Workers whose records the user may see: HR all; managers those with an assignment in their teams; self."""
    scope = get_scope(user)
    if scope.authority is None:
        return Worker.objects.none()
    workers = Worker.objects.filter(authority=scope.authority)
    if not (include_archived and scope.is_administrator):
        workers = workers.filter(archived_at__isnull=True)
    if scope.is_hr:
        return workers
    if scope.is_manager:
        in_teams = Assignment.objects.filter(worker=OuterRef("pk"), team__in=teams_for_user(user))
        visible = workers.filter(Exists(in_teams))
        if scope.own_worker_id:
            visible = visible | workers.filter(pk=scope.own_worker_id)
        return visible
    if scope.own_worker_id:
        return workers.filter(pk=scope.own_worker_id)
    return Worker.objects.none()


def get_worker_for_user(user: User | Any, pk: int) -> tuple[Worker, bool]:
    """The worker and whether the user may change the staff record; 404 outside the user's scope."""
    worker = workers_for_user(user, include_archived=True).select_related("authority").filter(pk=pk).first()
    if worker is None:
        raise Http404("No such worker.")
    return worker, get_scope(user).is_hr


def get_editable_worker_for_user(user: User | Any, pk: int) -> Worker:
    worker, can_edit = get_worker_for_user(user, pk)
    if not can_edit:
        raise PermissionDenied("You may read this staff record but not change it.")
    return worker


def can_see_equality_data(user: User | Any, worker: Worker) -> bool:
    """Date of birth, gender and ethnicity: HR and the worker only (spec section 2)."""
    scope = get_scope(user)
    return scope.is_hr or scope.own_worker_id == worker.pk


def can_edit_worker_caseloads(user: User | Any, worker: Worker) -> bool:
    """HR, or a team manager of a team the worker is currently assigned to."""
    scope = get_scope(user)
    if scope.is_hr:
        return worker.authority_id == getattr(scope.authority, "pk", None)
    if not scope.managed_team_ids:
        return False
    return worker.assignments.filter(team_id__in=scope.managed_team_ids).exists()


# ---------------------------------------------------------------------------
# Role-gated pages
# ---------------------------------------------------------------------------
def role_required(*roles: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Allow the view to users holding one of the roles; others get 403 (the page exists, they may not use it)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not get_scope(request.user).has(*roles):
                raise PermissionDenied("Your role does not give you this page.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def hr_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    return role_required(UserRole.WORKFORCE_OFFICER, UserRole.ADMINISTRATOR)(view)
