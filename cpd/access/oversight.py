"""Who may open the CPD overview of teams and the authority (spec section 1), and who may follow it to content.

- Team managers, service managers, workforce officers and administrators open the overview, each for the teams
  they may see (workforce.access.teams_for_user); social workers and panel members get 403.
- The overview shows counts and status only, never the text of a record, so HR may see all of it.
- Managers and administrators also get a link to each person's CPD page, where the content is; HR do not.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from workforce.access import get_scope, teams_for_user
from workforce.codes import UserRole
from workforce.models import Team

OVERSIGHT_ROLES = (
    UserRole.TEAM_MANAGER,
    UserRole.SERVICE_MANAGER,
    UserRole.WORKFORCE_OFFICER,
    UserRole.ADMINISTRATOR,
)
NO_OVERVIEW = "Your role does not give you the CPD overview."


def can_see_cpd_overview(user: Any) -> bool:
    scope = get_scope(user)
    return scope.authority is not None and scope.has(*OVERSIGHT_ROLES)


def check_cpd_overview(user: Any) -> None:
    """403 for signed-in users whose role has no overview (the page exists; they may not use it)."""
    if not can_see_cpd_overview(user):
        raise PermissionDenied(NO_OVERVIEW)


def overview_teams_for_user(user: Any) -> QuerySet[Team]:
    """The teams whose people the overview lists for this user."""
    return teams_for_user(user) if can_see_cpd_overview(user) else Team.objects.none()


def can_follow_to_cpd_content(user: Any) -> bool:
    """Managers and administrators may open a person's CPD page from the overview; workforce officers may not."""
    scope = get_scope(user)
    return scope.is_manager or scope.is_administrator
