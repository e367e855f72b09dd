"""The fixed cast of users every test module shares (house style 11).

Northshire (authority A) has two service areas: Safeguarding (teams Front Door FD and Child Protection CP) and
Care (team Children in Care CIC). Southshire (authority B) has one team, whose manager should see nothing of A.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal

import pytest

from core.models import User
from tests.workforce.factories import (
    AssignmentFactory,
    AuthorityFactory,
    CaseloadRecordFactory,
    ServiceAreaFactory,
    TeamFactory,
    WorkerFactory,
)
from workforce.codes import Contract, Role, UserRole
from workforce.models import Authority, ServiceArea, Team, Worker
from workforce.services.accounts import role_assign, user_create, worker_link_user

# Playwright's sync API runs an event loop in the test thread; the ORM calls it makes are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery"
ROLE_NAMES = (
    "anonymous",
    "social_worker",
    "team_manager",
    "service_manager",
    "workforce_officer",
    "panel_member",
    "administrator",
    "other_authority_manager",
)


@dataclass
class Cast:
    authority: Authority
    other_authority: Authority
    safeguarding: ServiceArea
    care: ServiceArea
    front_door: Team
    child_protection: Team
    children_in_care: Team
    other_team: Team
    sam: Worker  # the social worker's own record, in Front Door
    colleague: Worker  # another Front Door worker, no login
    cic_worker: Worker  # in Children in Care: outside the team and service managers' scope
    other_worker: Worker  # in the other authority
    social_worker: User
    team_manager: User
    service_manager: User
    workforce_officer: User
    panel_member: User
    administrator: User
    other_authority_manager: User

    def user(self, role_name: str) -> User | None:
        return None if role_name == "anonymous" else getattr(self, role_name)


def _user(email: str, name: str, *, is_admin: bool = False) -> User:
    return user_create(email=email, full_name=name, password=PASSWORD, is_admin=is_admin)


@pytest.fixture
def cast(db) -> Cast:  # noqa: ANN001
    a = AuthorityFactory(code="NOR", name="Northshire County Council")
    b = AuthorityFactory(code="SOU", name="Southshire Borough Council")
    safeguarding = ServiceAreaFactory(authority=a, code="SAFE", name="Safeguarding")
    care = ServiceAreaFactory(authority=a, code="CARE", name="Care")
    fd = TeamFactory(authority=a, service_area=safeguarding, code="FD", name="Front Door")
    cp = TeamFactory(authority=a, service_area=safeguarding, code="CP", name="Child Protection")
    cic = TeamFactory(authority=a, service_area=care, code="CIC", name="Children in Care")
    b1 = TeamFactory(authority=b, code="B1", name="Southshire Assessment")

    start = dt.date(2022, 4, 4)
    sam = WorkerFactory(authority=a, worker_id="A001", first_name="Sam", last_name="Patel")
    colleague = WorkerFactory(authority=a, worker_id="A002", first_name="Chris", last_name="Morgan")
    cic_worker = WorkerFactory(authority=a, worker_id="A003", first_name="Priya", last_name="Shah")
    other_worker = WorkerFactory(authority=b, worker_id="B001", first_name="Owen", last_name="Jones")
    AssignmentFactory(worker=sam, team=fd, start_date=start)
    AssignmentFactory(worker=colleague, team=fd, start_date=start, fte=Decimal("0.6"))
    AssignmentFactory(worker=cic_worker, team=cic, start_date=start, contract=Contract.AGENCY)
    AssignmentFactory(worker=other_worker, team=b1, start_date=start, role=Role.SENIOR_PRACTITIONER)
    CaseloadRecordFactory(worker=sam, date=dt.date.today().replace(day=1), cases=17)

    social_worker = _user("sam.patel@northshire.example", "Sam Patel")
    worker_link_user(worker=sam, user=social_worker)
    role_assign(user=social_worker, authority=a, role=UserRole.SOCIAL_WORKER)
    team_manager = _user("tess.manager@northshire.example", "Tess Manager")
    role_assign(user=team_manager, authority=a, role=UserRole.TEAM_MANAGER, team=fd)
    service_manager = _user("sol.service@northshire.example", "Sol Service")
    role_assign(user=service_manager, authority=a, role=UserRole.SERVICE_MANAGER, service_area=safeguarding)
    workforce_officer = _user("wanda.hr@northshire.example", "Wanda Officer")
    role_assign(user=workforce_officer, authority=a, role=UserRole.WORKFORCE_OFFICER)
    panel_member = _user("pat.panel@northshire.example", "Pat Panel")
    role_assign(user=panel_member, authority=a, role=UserRole.PANEL_MEMBER)
    administrator = _user("ada.admin@northshire.example", "Ada Admin", is_admin=True)
    role_assign(user=administrator, authority=a, role=UserRole.ADMINISTRATOR)
    other_authority_manager = _user("otto.other@southshire.example", "Otto Other")
    role_assign(user=other_authority_manager, authority=b, role=UserRole.TEAM_MANAGER, team=b1)

    return Cast(
        authority=a,
        other_authority=b,
        safeguarding=safeguarding,
        care=care,
        front_door=fd,
        child_protection=cp,
        children_in_care=cic,
        other_team=b1,
        sam=sam,
        colleague=colleague,
        cic_worker=cic_worker,
        other_worker=other_worker,
        social_worker=social_worker,
        team_manager=team_manager,
        service_manager=service_manager,
        workforce_officer=workforce_officer,
        panel_member=panel_member,
        administrator=administrator,
        other_authority_manager=other_authority_manager,
    )


@pytest.fixture
def client_for(client):  # noqa: ANN001, ANN201
    """A test client signed in as the given user (or anonymous for None)."""

    def _client(user: User | None):  # noqa: ANN202
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _client


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):  # noqa: ANN001, ANN202
    """Attachments written by a test go to its own folder, never to var/private."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
