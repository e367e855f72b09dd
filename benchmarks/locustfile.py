"""The main journeys of the load test (`make bench`): each simulated user signs in once, then repeats its role's
journey with a think time of 0.5–2 s. Run by benchmarks/load.py against gunicorn on loopback.

The logins and the objects they use come from the environment that benchmarks/load.py sets:
LOAD_PASSWORD, LOAD_OFFICER, LOAD_MANAGER, LOAD_WORKER (e-mails), LOAD_WORKER_PK (the social worker's record,
for the caseload entry), LOAD_TEAM_PK, and LOAD_CPD_CREATE_PATH with LOAD_CPD_FORM (the CPD form's fields,
URL-encoded).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from urllib.parse import parse_qsl

from locust import HttpUser, between, task

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TODAY = dt.date.today().isoformat()  # noqa: DTZ011


class _SignedIn(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
    email_variable = ""

    def _csrf(self, url: str, name: str) -> str:
        response = self.client.get(url, name=name)
        match = CSRF.search(response.text)
        return match.group(1) if match else ""

    def _submit(self, url: str, data: dict[str, str], name: str) -> None:
        """GET the form (for its CSRF token), then POST it; anything but a redirect counts as a failure."""
        data = {**data, "csrfmiddlewaretoken": self._csrf(url, f"{name} (form)")}
        with self.client.post(url, data, name=name, catch_response=True, allow_redirects=False) as response:
            if response.status_code != 302:
                response.failure(f"{name} answered {response.status_code}")

    def on_start(self) -> None:
        login = {"login": os.environ[self.email_variable], "password": os.environ["LOAD_PASSWORD"]}
        self._submit("/accounts/login/", login, "sign in")


class WorkforceOfficer(_SignedIn):
    """HR: the authority's dashboard and the staff list, with a filter and a second page."""

    weight = 2
    email_variable = "LOAD_OFFICER"

    @task(2)
    def dashboard(self) -> None:
        self.client.get("/dashboard/", name="dashboard")

    @task(3)
    def staff_list(self) -> None:
        self.client.get("/staff/", name="staff list")
        self.client.get(f"/staff/?team={os.environ['LOAD_TEAM_PK']}&page=2", name="staff list (filtered, page 2)")


class TeamManager(_SignedIn):
    """A team manager: their team's caseloads, and a caseload entry for one of their people."""

    weight = 2
    email_variable = "LOAD_MANAGER"

    @task(2)
    def team_caseloads(self) -> None:
        self.client.get(f"/teams/{os.environ['LOAD_TEAM_PK']}/caseloads/", name="team caseloads")

    @task(1)
    def caseload_entry(self) -> None:
        url = f"/staff/{os.environ['LOAD_WORKER_PK']}/caseloads/new/"
        self._submit(url, {"date": TODAY, "cases": "17"}, "caseload entry")


class SocialWorker(_SignedIn):
    """A social worker: My CPD, and recording a piece of CPD."""

    weight = 1
    email_variable = "LOAD_WORKER"

    @task(2)
    def my_cpd(self) -> None:
        self.client.get("/my-cpd/", name="My CPD")

    @task(1)
    def cpd_record(self) -> None:
        url = os.environ.get("LOAD_CPD_CREATE_PATH", "")
        if not url:
            return
        self._submit(url, dict(parse_qsl(os.environ["LOAD_CPD_FORM"])), "CPD record")
