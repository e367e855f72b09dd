"""Who may export a person's data or set retention policies: administrators of the worker's authority only.

A subject access export holds the full text of CPD reflections and evidence, which spec section 1 keeps from
workforce officers; so the data protection pages belong to the administrator (see docs/adr/0021).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from workforce.access import get_scope, get_worker_for_user

if TYPE_CHECKING:
    from core.models import User
    from workforce.models import Worker

NOT_ALLOWED = "Only an administrator may export a person’s data or change retention policies."


def can_manage_data_protection(user: User | Any) -> bool:
    scope = get_scope(user)
    return scope.authority is not None and scope.is_administrator


def get_worker_for_subject_access(user: User | Any, pk: int) -> Worker:
    """The worker whose data the user may export: 404 outside the user's scope, 403 for any role but administrator."""
    worker, _ = get_worker_for_user(user, pk)
    if not can_manage_data_protection(user):
        raise PermissionDenied(NOT_ALLOWED)
    return worker


def authority_code_for_retention(user: User | Any) -> str:
    """The code of the authority whose retention policies the user may change; 403 for any role but administrator."""
    if not can_manage_data_protection(user):
        raise PermissionDenied(NOT_ALLOWED)
    return get_scope(user).authority.code
