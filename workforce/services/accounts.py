"""Accounts and roles: administrators create users (there is no public sign-up) and give them roles."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from workforce.access import clear_scope_cache
from workforce.codes import UserRole
from workforce.models import Authority, RoleAssignment, ServiceArea, Team, Worker

User = get_user_model()

ROLE_NEEDS_TEAM = "A team manager's role names the team they manage."
ROLE_NEEDS_SERVICE_AREA = "A service manager's role names the service area they head."
ROLE_WRONG_AUTHORITY = "The team or service area belongs to another authority."


@transaction.atomic
def user_create(*, email: str, full_name: str = "", password: str | None = None, is_admin: bool = False) -> User:
    """Create (or return) the account for an e-mail address, with the address marked verified.

    The address is verified because an administrator vouches for it; users then sign in, or reset their
    password through the e-mailed link.
    """
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=full_name, is_staff=is_admin, is_superuser=is_admin)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean()
        user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


@transaction.atomic
def role_assign(
    *,
    user: User,
    authority: Authority,
    role: str,
    team: Team | None = None,
    service_area: ServiceArea | None = None,
) -> RoleAssignment:
    """Give a user a role in an authority (idempotent)."""
    if role == UserRole.TEAM_MANAGER and team is None:
        raise ValidationError(ROLE_NEEDS_TEAM)
    if role == UserRole.SERVICE_MANAGER and service_area is None:
        raise ValidationError(ROLE_NEEDS_SERVICE_AREA)
    for place in (team, service_area):
        if place is not None and place.authority_id != authority.pk:
            raise ValidationError(ROLE_WRONG_AUTHORITY)
    assignment, _ = RoleAssignment.objects.get_or_create(
        user=user,
        authority=authority,
        role=role,
        team=team if role == UserRole.TEAM_MANAGER else None,
        service_area=service_area if role == UserRole.SERVICE_MANAGER else None,
    )
    clear_scope_cache(user)
    return assignment


def worker_link_user(*, worker: Worker, user: User) -> Worker:
    """Link a staff record to the login of the person it describes."""
    worker.user = user
    worker.full_clean()
    worker.save(update_fields=["user", "updated_at"])
    clear_scope_cache(user)
    return worker
