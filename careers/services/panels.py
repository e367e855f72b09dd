"""Writes to progression panels: an administrator names a panel and chooses its members.

Members are chosen among the authority's users who hold the panel member role (workforce RoleAssignment
``panel_member``): that role is what gives a user the panel pages, so a member without it could not open them.
A member who has since lost the role stays on the panel until an administrator takes them off. Panels are never
deleted (applications point at them); one no longer in use gets ``disabled_on``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from careers.models import Panel
from careers.services.framework import stamp
from workforce.codes import UserRole
from workforce.models import Authority, RoleAssignment
from workforce.selectors import today

if TYPE_CHECKING:
    from core.models import User

NAME_REQUIRED = "Enter the name of the panel."
NAME_TAKEN = "The authority already has a panel called “{name}”."
NOT_PANEL_MEMBER = "{user} does not hold the panel member role: an administrator gives it on their account first."


def _check(authority: Authority, name: str, members: list[User], *, panel: Panel | None) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": NAME_REQUIRED})
    if Panel.objects.filter(authority=authority, name__iexact=name).exclude(pk=getattr(panel, "pk", None)).exists():
        raise ValidationError({"name": NAME_TAKEN.format(name=name)})
    holders = set(
        RoleAssignment.objects.filter(authority=authority, role=UserRole.PANEL_MEMBER).values_list("user_id", flat=True)
    )
    current = set(panel.members.values_list("pk", flat=True)) if panel is not None else set()
    strangers = [user for user in members if user.pk not in holders and user.pk not in current]
    if strangers:
        raise ValidationError({"members": [NOT_PANEL_MEMBER.format(user=user) for user in strangers]})
    return name


@transaction.atomic
def panel_create(*, authority: Authority, name: str, members: Iterable[User], user: User) -> Panel:
    members = list(members)
    name = _check(authority, name, members, panel=None)
    panel = Panel(authority=authority, name=name)
    stamp(panel, user, created=True)
    panel.full_clean()
    panel.save()
    panel.members.set(members)
    return panel


@transaction.atomic
def panel_update(*, panel: Panel, name: str, members: Iterable[User], in_use: bool, user: User) -> Panel:
    members = list(members)
    panel.name = _check(panel.authority, name, members, panel=panel)
    if in_use:
        panel.disabled_on = None
    elif panel.disabled_on is None:
        panel.disabled_on = today()
    stamp(panel, user, created=False)
    panel.full_clean()
    panel.save()
    panel.members.set(members)
    return panel
