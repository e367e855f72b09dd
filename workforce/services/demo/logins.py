"""The demo logins: one account per role (spec section 5), linked to their staff records where they have one.

Every run checks the accounts and resets their passwords; what exists already is read in a few queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from core.models import User
from workforce.codes import UserRole
from workforce.models import RoleAssignment, ServiceArea, Team, Worker
from workforce.services.accounts import role_assign, user_create, worker_link_user
from workforce.services.demo.authority import DemoWorkforce
from workforce.services.demo.plans import (
    ADMIN_EMAIL,
    DEMO,
    OTHER_AUTHORITY,
    OTHER_MANAGER_EMAIL,
    PANEL_MEMBER_EMAIL,
    SERVICE_MANAGER_EMAIL,
    SOCIAL_WORKER_EMAIL,
    TEAM_MANAGER_EMAIL,
    WORKFORCE_OFFICER_EMAIL,
)


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    sees: str


@transaction.atomic
def seed_logins(*, workforce: DemoWorkforce, password: str) -> list[DemoLogin]:
    """One login per role (spec section 5), linked to their records; every run resets their passwords."""
    demo, other = workforce.authority, workforce.other_authority
    team = Team.objects.select_related("service_area").get(authority=demo, code=DEMO.manager_team)
    area = team.service_area
    other_team = Team.objects.get(authority=other, code=OTHER_AUTHORITY.manager_team)
    area_teams = ", ".join(area.teams.order_by("name").values_list("name", flat=True))
    people = [
        (SOCIAL_WORKER_EMAIL, "Amira Hussain", demo, UserRole.SOCIAL_WORKER, None,
         f"Social worker, {team.name}", "their own record, CPD, evidence and progression"),
        (TEAM_MANAGER_EMAIL, "Joanne Fletcher", demo, UserRole.TEAM_MANAGER, team,
         f"Team manager, {team.name}", f"the people, caseloads, CPD, evidence reviews and indicators of {team.name}"),
        (SERVICE_MANAGER_EMAIL, "Marcus Grant", demo, UserRole.SERVICE_MANAGER, area,
         f"Service manager, {area.name}", f"every team of {area.name} ({area_teams})"),
        (WORKFORCE_OFFICER_EMAIL, "Priya Sharma", demo, UserRole.WORKFORCE_OFFICER, None,
         "Workforce officer (HR)", f"all staff records, imports, indicators and exports of {demo.name}"),
        (PANEL_MEMBER_EMAIL, "Helen Clarke", demo, UserRole.PANEL_MEMBER, None,
         "Progression panel member", "progression applications sent to the panel"),
        (ADMIN_EMAIL, "Demo Administrator", demo, UserRole.ADMINISTRATOR, None,
         "Administrator", f"everything in {demo.name}, and Django admin at /admin/"),
        (OTHER_MANAGER_EMAIL, "Gareth Evans", other, UserRole.TEAM_MANAGER, other_team,
         f"Team manager, {other.name}", f"{other_team.name} only: nothing of {demo.name}"),
    ]  # fmt: skip
    # What exists already is read in a few queries, so that a second run only checks (make run does it every time).
    emails = [row[0] for row in people]
    existing = {u.email: u for u in User.objects.filter(email__in=emails)}
    verified = set(EmailAddress.objects.filter(email__in=emails, verified=True).values_list("email", flat=True))
    held = set(
        RoleAssignment.objects.filter(user__email__in=emails).values_list(
            "user__email", "authority", "role", "team", "service_area"
        )
    )
    workers = {w.email: w for w in Worker.objects.filter(authority__in=[demo, other], email__in=emails)}
    users, logins = [], []
    for email, name, authority, role, place, label, sees in people:
        user = existing.get(email)
        if user is None or email not in verified:
            user = user_create(email=email, full_name=name, is_admin=role == UserRole.ADMINISTRATOR)
        team = place if isinstance(place, Team) else None
        area = place if isinstance(place, ServiceArea) else None
        if (email, authority.pk, role, getattr(team, "pk", None), getattr(area, "pk", None)) not in held:
            role_assign(user=user, authority=authority, role=role, team=team, service_area=area)
        worker = workers.get(email)
        if worker is not None and worker.user_id != user.pk:
            worker_link_user(worker=worker, user=user)
        users.append(user)
        logins.append(DemoLogin(email=email, role=label, sees=sees))
    _reset_passwords(users, password)
    User.objects.filter(email=ADMIN_EMAIL).exclude(is_staff=True, is_superuser=True).update(
        is_staff=True, is_superuser=True
    )
    return logins


def _reset_passwords(users: list[User], password: str) -> None:
    """Give every demo login the password, unless they all have it already.

    A password hash is deliberately slow (over a second for PBKDF2 on a small machine) and ``make run`` calls this
    every time, so the logins share one hash: one check tells whether anything needs doing, and a reset hashes once.
    """
    hashes = {user.password for user in users}
    if len(hashes) == 1 and check_password(password, hashes.pop()):
        return
    User.objects.filter(pk__in=[u.pk for u in users]).update(password=make_password(password))
