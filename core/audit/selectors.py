"""The audit lists, each limited to the administrator's authority."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from core.audit.filters import DownloadFilter, SignInFilter
from core.audit.models import DownloadLog, SignInEvent
from core.models import User
from workforce.models import Authority, ImportRun, RoleAssignment, Worker


def authority_users(authority: Authority) -> QuerySet[User]:
    """Users who hold a role in the authority or whose worker record is in it."""
    roles = RoleAssignment.objects.filter(user=OuterRef("pk"), authority=authority)
    workers = Worker.objects.filter(user=OuterRef("pk"), authority=authority)
    return User.objects.filter(Exists(roles) | Exists(workers))


def sign_in_events(*, authority: Authority, filters: dict[str, Any]) -> tuple[SignInFilter, QuerySet[SignInEvent]]:
    """Sign-ins of the authority's users, and failed attempts for their e-mails or for addresses nobody has
    (an administrator must see guessing; addresses of other authorities' users are not shown).
    """
    users = authority_users(authority)
    nobody_has_it = ~Exists(User.objects.filter(email__iexact=OuterRef("email")))
    failed_here = Q(user__isnull=True) & (Q(email__in=users.values("email")) | nobody_has_it)
    events = SignInEvent.objects.select_related("user").filter(Q(user__in=users) | failed_here)
    filterset = SignInFilter(filters, queryset=events)
    return filterset, filterset.qs


def download_logs(*, authority: Authority, filters: dict[str, Any]) -> tuple[DownloadFilter, QuerySet[DownloadLog]]:
    logs = DownloadLog.objects.select_related("user").filter(authority_code=authority.code)
    filterset = DownloadFilter(filters, queryset=logs)
    return filterset, filterset.qs


def import_runs(*, authority: Authority) -> QuerySet[ImportRun]:
    return ImportRun.objects.select_related("user").filter(authority=authority).order_by("-created_at")
