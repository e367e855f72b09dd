"""The CPD days pages: the worker's own days, the request form, cancelling, the uptake report and its XLSX,
the decision page and HR's allowance page.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from cpd.models import CpdDayAllowance, CpdDayRequest
from tests.cpd.factories import CpdDayRequestFactory
from tests.cpd.factories_days import TODAY, freeze_today

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch) -> None:  # noqa: ANN001
    freeze_today(monkeypatch)


def test_the_worker_sees_their_balance_and_requests(cast, client_for) -> None:  # noqa: ANN001
    CpdDayRequestFactory(worker=cast.sam, start_date=dt.date(2026, 1, 5), status="approved")
    CpdDayRequestFactory(worker=cast.sam, start_date=dt.date(2026, 6, 1), days=Decimal("0.5"))
    response = client_for(cast.social_worker).get(reverse("cpd:my_days"))
    assert response.status_code == 200
    balance = response.context["balance"]
    assert (balance.allowance, balance.used, balance.pending, balance.remaining) == (3, 1, Decimal("0.5"), 2)
    html = response.content.decode()
    assert "1 December 2025 to 30 November 2026" in html
    assert "5 January 2026" in html
    assert "Waiting for approval" in html


def test_a_user_without_a_staff_record_has_no_days_page(cast, client_for) -> None:  # noqa: ANN001
    assert client_for(cast.team_manager).get(reverse("cpd:my_days")).status_code == 403


def test_the_worker_requests_days(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.social_worker)
    data = {"start_date": "11/05/2026", "days": "1.5", "purpose": "Reading week"}
    response = client.post(reverse("cpd:day_request_create"), data)
    assert response.status_code == 302
    assert CpdDayRequest.objects.get(worker=cast.sam).days == Decimal("1.5")
    assert len(mail.outbox) == 1


def test_the_request_form_shows_a_rule_broken_beside_the_field(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.social_worker)
    data = {"start_date": "11/05/2026", "days": "4", "purpose": "Reading week"}
    response = client.post(reverse("cpd:day_request_create"), data)
    assert response.status_code == 200
    assert "at most 3 more days" in response.context["form"].errors["days"][0]
    assert "<title>Error: " in response.content.decode()
    response = client.post(reverse("cpd:day_request_create"), {**data, "days": "0.7"})
    assert response.context["form"].errors["days"] == ["Enter whole or half days, for example 1 or 1.5"]
    assert not CpdDayRequest.objects.exists()


def test_the_worker_cancels_a_request(cast, client_for) -> None:  # noqa: ANN001
    day_request = CpdDayRequestFactory(worker=cast.sam)
    url = reverse("cpd:day_request_cancel", args=[day_request.pk])
    assert client_for(cast.social_worker).get(url).status_code == 405
    assert client_for(cast.social_worker).post(url).status_code == 302
    day_request.refresh_from_db()
    assert day_request.status == "cancelled"
    assert client_for(cast.team_manager).post(url).status_code == 403
    assert client_for(cast.other_authority_manager).post(url).status_code == 404
    assert client_for(None).post(url).status_code == 302


def test_the_uptake_report_shows_each_teams_people_and_totals(cast, client_for) -> None:  # noqa: ANN001
    CpdDayRequestFactory(worker=cast.sam, start_date=dt.date(2026, 1, 5), status="approved")
    CpdDayRequestFactory(worker=cast.colleague, start_date=dt.date(2026, 6, 1))
    response = client_for(cast.team_manager).get(reverse("cpd:days_uptake"))
    assert response.status_code == 200
    uptake = response.context["uptake"]
    assert [t.team.code for t in uptake.teams] == ["FD"]
    front_door = uptake.teams[0]
    assert [r.worker.worker_id for r in front_door.rows] == ["A002", "A001"]
    assert (front_door.allowance, front_door.used, front_door.used_percent) == (6, 1, Decimal("16.7"))
    assert [r.worker.worker_id for r in uptake.waiting] == ["A002"]
    assert uptake.waiting[0].can_decide
    assert "Decide" in response.content.decode()


def test_hr_see_every_team_and_filter_by_team_and_year(cast, client_for) -> None:  # noqa: ANN001
    client = client_for(cast.workforce_officer)
    uptake = client.get(reverse("cpd:days_uptake")).context["uptake"]
    assert [t.team.code for t in uptake.teams] == ["CIC", "FD"]
    assert not any(getattr(r, "can_decide", False) for r in uptake.waiting)
    response = client.get(reverse("cpd:days_uptake"), {"team": cast.children_in_care.pk, "year": "2025"})
    assert [t.team.code for t in response.context["uptake"].teams] == ["CIC"]
    assert response.context["uptake"].year == 2025


def test_a_team_outside_the_managers_scope_is_a_filter_error(cast, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.team_manager).get(reverse("cpd:days_uptake"), {"team": cast.children_in_care.pk})
    assert response.status_code == 200
    assert response.context["uptake"].teams == []
    assert "<title>Error: " in response.content.decode()


def test_the_uptake_report_runs_a_fixed_number_of_queries(cast, client_for, django_assert_max_num_queries) -> None:  # noqa: ANN001
    from tests.workforce.factories import AssignmentFactory, WorkerFactory

    client = client_for(cast.workforce_officer)
    client.get(reverse("cpd:days_uptake"))
    for _ in range(6):
        worker = WorkerFactory(authority=cast.authority)
        AssignmentFactory(worker=worker, team=cast.front_door, start_date=dt.date(2024, 1, 1))
        CpdDayRequestFactory(worker=worker, start_date=dt.date(2026, 6, 1))
    with django_assert_max_num_queries(13):
        client.get(reverse("cpd:days_uptake"))


def test_the_uptake_download_has_the_pages_rows_with_its_filters(cast, client_for) -> None:  # noqa: ANN001
    CpdDayRequestFactory(worker=cast.sam, start_date=dt.date(2026, 1, 5), status="approved", days=Decimal("1.5"))
    url = reverse("core:export_download", args=["cpd-days-uptake"])
    response = client_for(cast.workforce_officer).get(url, {"team": cast.front_door.pk})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "CPD year",
        "Team code",
        "Team",
        "Staff reference",
        "Name",
        "Allowance (days)",
        "Used",
        "Booked",
        "Waiting for approval",
        "Remaining",
    )
    assert [r[3] for r in rows[1:]] == ["A002", "A001"]
    assert rows[2][5:] == (3, 1.5, 0, 0, 1.5)
    assert client_for(cast.social_worker).get(url).status_code == 403


def test_the_team_manager_decides_on_the_decision_page(cast, client_for) -> None:  # noqa: ANN001
    day_request = CpdDayRequestFactory(worker=cast.sam, start_date=dt.date(2026, 6, 1))
    url = reverse("cpd:day_request_decide", args=[day_request.pk])
    client = client_for(cast.team_manager)
    assert client.get(url).context["can_decide"]
    response = client.post(url, {"decision": "refuse", "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Give a reason for refusing the request"]
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 302
    day_request.refresh_from_db()
    assert (day_request.status, day_request.decided_by) == ("approved", cast.team_manager)
    assert mail.outbox[-1].to == [cast.social_worker.email]


def test_others_see_the_request_but_cannot_decide_it(cast, client_for) -> None:  # noqa: ANN001
    day_request = CpdDayRequestFactory(worker=cast.sam, start_date=dt.date(2026, 6, 1))
    url = reverse("cpd:day_request_decide", args=[day_request.pk])
    for user in (cast.service_manager, cast.workforce_officer, cast.administrator, cast.social_worker):
        client = client_for(user)
        response = client.get(url)
        assert response.status_code == 200
        assert not response.context["can_decide"]
        assert client.post(url, {"decision": "approve"}).status_code == 403
    assert client_for(cast.other_authority_manager).get(url).status_code == 404
    assert client_for(cast.panel_member).post(url, {"decision": "approve"}).status_code == 404
    day_request.refresh_from_db()
    assert day_request.status == "requested"


def test_another_teams_manager_gets_404(cast, client_for) -> None:  # noqa: ANN001
    from core.models import User
    from workforce.codes import UserRole
    from workforce.services.accounts import role_assign

    cp_manager = User.objects.create_user(email="cp.manager@northshire.example", password="x")
    role_assign(user=cp_manager, authority=cast.authority, role=UserRole.TEAM_MANAGER, team=cast.child_protection)
    day_request = CpdDayRequestFactory(worker=cast.sam, start_date=dt.date(2026, 6, 1))
    url = reverse("cpd:day_request_decide", args=[day_request.pk])
    assert client_for(cp_manager).post(url, {"decision": "approve"}).status_code == 404


def test_hr_set_a_workers_allowance(cast, client_for) -> None:  # noqa: ANN001
    url = reverse("cpd:day_allowance_set", args=[cast.sam.pk])
    client = client_for(cast.workforce_officer)
    assert client.get(url).status_code == 200
    response = client.post(url, {"year": "2026", "days": "4.5", "reason": ""})
    assert response.context["form"].errors["reason"] == ["Give the reason for this allowance"]
    response = client.post(url, {"year": "2026", "days": "4.5", "reason": "Practice educator"})
    assert response.status_code == 302
    assert CpdDayAllowance.objects.get(worker=cast.sam, registration_year=2026).days == Decimal("4.5")
    assert client_for(cast.team_manager).get(url).status_code == 403
    other = reverse("cpd:day_allowance_set", args=[cast.other_worker.pk])
    assert client.get(other).status_code == 404
    assert TODAY.year == 2026
