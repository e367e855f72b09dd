"""Who may import what (spec section 1), worked out from workforce.access's scope.

Workforce officers and administrators import every kind of file; team managers import caseloads, and only for
the people in the teams they manage; nobody else imports.
"""

from __future__ import annotations

from typing import Any

from workforce.access import get_scope, workers_for_user
from workforce.imports.schemas import CASELOADS, KINDS
from workforce.imports.validation import Restriction


def import_kinds_for(user: Any) -> tuple[str, ...]:
    """The kinds of file the user may import; empty when they may not import at all."""
    scope = get_scope(user)
    if scope.authority is None:
        return ()
    if scope.is_hr:
        return KINDS
    if scope.managed_team_ids:
        return (CASELOADS,)
    return ()


def restriction_for(user: Any) -> Restriction | None:
    """None for HR; for a team manager, the workers of the teams they manage (as can_edit_worker_caseloads)."""
    scope = get_scope(user)
    if scope.is_hr:
        return None
    team_ids = frozenset(scope.managed_team_ids)
    worker_ids = frozenset(
        workers_for_user(user).filter(assignments__team_id__in=team_ids).values_list("pk", flat=True).distinct()
    )
    return Restriction(worker_ids=worker_ids, team_ids=team_ids)
