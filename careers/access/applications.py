"""Who may see and act on a progression application (spec section 1). Views ask these helpers, and only these.

- The worker sees their own applications in full and withdraws them while they are with the panel.
- Their team and service managers read them in full (the evidence is theirs to read already); a team manager of
  the worker's current team applies on their behalf.
- A panel member sees the applications sent to a panel they sit on, with the evidence, and decides them; another
  panel's applications do not exist for them (404).
- A workforce officer sees the status only (the detail page leaves out the statement and the evidence; the
  portfolio PDF answers 403).
- An administrator sees everything, and reads every panel's applications, but decides only as a member of the panel.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from careers.access import can_read_evidence_content, career_workers_for_user, is_own, is_reviewer_of
from careers.models import Panel, ProgressionApplication
from workforce.access import get_scope
from workforce.models import Worker

NO_SUCH_APPLICATION = "No such application."
STATUS_ONLY = "You may see the status of this application, not its content."
ONLY_THE_WORKER_WITHDRAWS = "Only the worker can withdraw their application."
ONLY_PANEL_MEMBERS_DECIDE = "Only a member of the panel can decide this application."
NOT_A_WORKER = "Only a worker with a staff record can apply for their next level."
NOT_THEIR_MANAGER = "Only the manager of the worker's current team can apply on their behalf."


@dataclass(frozen=True)
class ApplicationAccess:
    """What one user may do with one application."""

    content: bool  # may read the statement and the evidence
    panel: bool  # sits on the application's panel, or is an administrator: may open the panel's page
    decide: bool  # sits on the application's panel (and is not the worker)
    withdraw: bool  # is the worker


def _base(user: Any, pk: int) -> ProgressionApplication | None:
    scope = get_scope(user)
    if scope.authority is None:
        return None
    return (
        ProgressionApplication.objects.select_related(
            "worker", "worker__authority", "panel", "level_sought", "current_level", "applied_by", "decided_by"
        )
        .filter(pk=pk, worker__authority=scope.authority)
        .first()
    )


def application_access(user: Any, application: ProgressionApplication) -> ApplicationAccess | None:
    """The user's rights on the application, or None when it is outside their scope."""
    scope = get_scope(user)
    if scope.authority is None or application.worker.authority_id != scope.authority.pk:
        return None
    member = application.panel.members.filter(pk=user.pk).exists()
    own = is_own(user, application.worker)
    reads = own or scope.is_administrator or member or can_read_evidence_content(user, application.worker)
    if not reads and not scope.is_hr:
        return None
    return ApplicationAccess(
        content=reads,
        panel=member or scope.is_administrator,
        decide=member and not own,
        withdraw=own,
    )


def get_application_for_user(user: Any, pk: int) -> tuple[ProgressionApplication, ApplicationAccess]:
    """The application and what the user may do with it; 404 outside the user's scope."""
    application = _base(user, pk)
    access = application_access(user, application) if application is not None else None
    if application is None or access is None:
        raise Http404(NO_SUCH_APPLICATION)
    return application, access


def get_application_content_for_user(user: Any, pk: int) -> tuple[ProgressionApplication, ApplicationAccess]:
    """As above, and 403 for those who may only see its status (the portfolio PDF)."""
    application, access = get_application_for_user(user, pk)
    if not access.content:
        raise PermissionDenied(STATUS_ONLY)
    return application, access


def get_panel_application_for_user(user: Any, pk: int) -> tuple[ProgressionApplication, ApplicationAccess]:
    """The application as its panel sees it: members of that panel and administrators; 404 for everyone else."""
    application, access = get_application_for_user(user, pk)
    if not access.panel:
        raise Http404(NO_SUCH_APPLICATION)
    return application, access


def get_decidable_application_for_user(user: Any, pk: int) -> ProgressionApplication:
    """The application for a member of its panel to decide; 403 for an administrator who does not sit on it."""
    application, access = get_panel_application_for_user(user, pk)
    if not access.decide:
        raise PermissionDenied(ONLY_PANEL_MEMBERS_DECIDE)
    return application


def get_withdrawable_application_for_user(user: Any, pk: int) -> ProgressionApplication:
    """The application for its worker to withdraw; 403 for the others who may see it."""
    application, access = get_application_for_user(user, pk)
    if not access.withdraw:
        raise PermissionDenied(ONLY_THE_WORKER_WITHDRAWS)
    return application


def get_own_worker_for_application(user: Any) -> Worker:
    """The signed-in worker's own record, to apply for their next level; 403 for users without one."""
    scope = get_scope(user)
    if scope.own_worker_id is None:
        raise PermissionDenied(NOT_A_WORKER)
    return Worker.objects.select_related("authority").get(pk=scope.own_worker_id)


def get_worker_to_apply_for(user: Any, pk: int, today: dt.date) -> Worker:
    """A worker a team manager applies for: 404 outside the user's scope, 403 unless they manage the worker's team."""
    worker = career_workers_for_user(user).select_related("authority").filter(pk=pk).first()
    if worker is None:
        raise Http404("No such worker.")
    if not is_reviewer_of(user, worker, today):
        raise PermissionDenied(NOT_THEIR_MANAGER)
    return worker


def can_see_panels(user: Any) -> bool:
    scope = get_scope(user)
    return scope.is_panel_member or scope.is_administrator


def panels_for_user(user: Any) -> list[Panel]:
    """Panels whose pages the user may open: those they sit on; administrators every panel of the authority."""
    scope = get_scope(user)
    if scope.authority is None:
        return []
    panels = Panel.objects.filter(authority=scope.authority)
    if not scope.is_administrator:
        panels = panels.filter(members=user)
    return list(panels.order_by("name").distinct().prefetch_related("members"))
