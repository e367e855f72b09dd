"""The CPD compliance section of the workforce dashboard (spec section 3): its figures and where they appear."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cpd import dashboard as cpd_dashboard
from cpd.models import CpdDayAllowance, CpdDayRequest, CpdRecord
from tests.cpd.factories import CpdDayRequestFactory, CpdRecordFactory, CpdSettingsFactory
from tests.workforce.factories import AssignmentFactory, WorkerFactory
from workforce.codes import Contract, Role
from workforce.dashboard import _SECTIONS, ScopeChoice

AS_AT = dt.date(2026, 9, 30)  # in registration year 2026
SECTION_QUERIES = 2


@pytest.fixture
def figures(cast):  # noqa: ANN001, ANN201
    """Three permanent social workers (Sam and Chris in Front Door, Cara in Child Protection); Priya in Children in
    Care is agency and Olive has the role `other`, so neither counts. Only Sam meets the requirement.
    """
    cara = WorkerFactory(authority=cast.authority, first_name="Cara", last_name="Cole")
    AssignmentFactory(worker=cara, team=cast.child_protection, start_date=dt.date(2024, 1, 1))
    olive = WorkerFactory(authority=cast.authority, first_name="Olive", last_name="Other")
    AssignmentFactory(worker=olive, team=cast.front_door, role=Role.OTHER)
    CpdRecordFactory(worker=olive, start_date=dt.date(2026, 1, 5))
    CpdRecordFactory(worker=olive, start_date=dt.date(2026, 1, 6))
    CpdRecordFactory(worker=cast.sam, start_date=dt.date(2026, 2, 1))
    CpdRecordFactory(worker=cast.sam, start_date=dt.date(2026, 3, 1), peer_reflection="")
    CpdRecordFactory(worker=cast.colleague, start_date=dt.date(2026, 2, 1))  # one with reflection: not enough
    CpdRecordFactory(worker=cast.colleague, start_date=dt.date(2026, 3, 1), status=CpdRecord.Status.DRAFT)
    CpdRecordFactory(worker=cara, start_date=dt.date(2025, 2, 1))  # last year's
    CpdRecordFactory(worker=cara, start_date=dt.date(2025, 3, 1))
    CpdRecordFactory(worker=cast.cic_worker, start_date=dt.date(2026, 2, 1))
    CpdRecordFactory(worker=cast.cic_worker, start_date=dt.date(2026, 3, 1))
    cast.cara = cara
    return cast


def _authority(cast) -> ScopeChoice:  # noqa: ANN001
    return ScopeChoice("authority", cast.authority.name, cast.authority)


def test_the_share_is_those_meeting_the_requirement_over_social_workers(figures) -> None:
    section = cpd_dashboard.cpd_section(_authority(figures), AS_AT)
    assert (section["headcount"], section["met"], section["not_met"]) == (3, 1, 2)
    assert section["compliance"] == Decimal("33.3")
    assert section["year"] == 2026


def test_a_team_scope_counts_only_the_team(figures) -> None:
    choice = ScopeChoice(f"team-{figures.front_door.pk}", "Front Door", figures.authority, team=figures.front_door)
    section = cpd_dashboard.cpd_section(choice, AS_AT)
    assert (section["headcount"], section["met"], section["compliance"]) == (2, 1, Decimal("50.0"))
    assert section["overview_url"] == f"{reverse('cpd:overview')}?team={figures.front_door.pk}"


def test_a_service_area_scope_counts_its_teams(figures) -> None:
    choice = ScopeChoice("area", "Safeguarding", figures.authority, service_area=figures.safeguarding)
    assert cpd_dashboard.cpd_section(choice, AS_AT)["headcount"] == 3


def test_the_registration_year_is_the_one_containing_the_date(figures) -> None:
    section = cpd_dashboard.cpd_section(_authority(figures), dt.date(2025, 9, 30))
    assert section["year"] == 2025
    assert section["met"] == 1
    assert section["compliance"] == Decimal("33.3")


def test_with_nobody_in_post_the_share_is_null_with_a_reason(figures) -> None:
    section = cpd_dashboard.cpd_section(_authority(figures), dt.date(2019, 1, 1))
    assert section["headcount"] == 0
    assert section["compliance"] is None
    assert section["compliance_reason"] == "no social workers in post at this date"
    assert section["days_share"] is None


def test_days_used_are_approved_days_started_by_the_date_against_the_allowances(figures) -> None:
    CpdSettingsFactory(authority=figures.authority, days_per_year=Decimal("3"))
    CpdDayAllowance.objects.create(worker=figures.colleague, registration_year=2026, days=Decimal("5"), reason="Agreed")
    CpdDayAllowance.objects.create(worker=figures.sam, registration_year=2025, days=Decimal("9"), reason="Last year")
    approved = CpdDayRequest.Status.APPROVED
    CpdDayRequestFactory(worker=figures.sam, start_date=dt.date(2026, 5, 11), days=Decimal("1"), status=approved)
    CpdDayRequestFactory(worker=figures.cara, start_date=dt.date(2026, 9, 30), days=Decimal("0.5"), status=approved)
    CpdDayRequestFactory(worker=figures.sam, start_date=dt.date(2026, 10, 5), days=Decimal("1"), status=approved)
    CpdDayRequestFactory(worker=figures.colleague, start_date=dt.date(2026, 6, 1), days=Decimal("2"))  # requested
    CpdDayRequestFactory(worker=figures.cic_worker, start_date=dt.date(2026, 6, 1), status=approved)  # agency
    section = cpd_dashboard.cpd_section(_authority(figures), AS_AT)
    assert section["days_used"] == Decimal("1.50")
    assert section["days_allowance"] == Decimal("11.00")  # 3 + 5 (agreed) + 3
    assert section["days_share"] == Decimal("13.6")


def test_pro_rata_allowances_follow_the_fte(figures) -> None:
    CpdSettingsFactory(authority=figures.authority, days_per_year=Decimal("3"), pro_rata=True)
    section = cpd_dashboard.cpd_section(_authority(figures), AS_AT)
    assert section["days_allowance"] == Decimal("7.80")  # 3 × (1 + 0.6 + 1)


def test_the_section_takes_the_same_number_of_queries_whatever_the_workers(figures) -> None:
    with CaptureQueriesContext(connection) as small:
        cpd_dashboard.cpd_section(_authority(figures), AS_AT)
    for _ in range(5):
        worker = WorkerFactory(authority=figures.authority)
        AssignmentFactory(worker=worker, team=figures.children_in_care, contract=Contract.PERMANENT)
        CpdRecordFactory.create_batch(2, worker=worker)
    with CaptureQueriesContext(connection) as large:
        cpd_dashboard.cpd_section(_authority(figures), AS_AT)
    assert len(small) == len(large) == SECTION_QUERIES


def test_the_dashboard_shows_the_section(client_for, figures, monkeypatch) -> None:
    monkeypatch.setattr("workforce.dashboard._SECTIONS", dict(_SECTIONS))
    cpd_dashboard.register()
    response = client_for(figures.workforce_officer).get(reverse("workforce:dashboard"), {"as_at": AS_AT.isoformat()})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'href="#cpd-compliance">CPD compliance</a>' in content
    assert 'id="cpd-compliance">CPD compliance</h2>' in content
    assert '<dd class="govuk-summary-list__value" id="cpd-compliance-rate">33.3\n</dd>' in content


def test_the_dashboard_says_why_there_is_no_share(client_for, figures, monkeypatch) -> None:
    monkeypatch.setattr("workforce.dashboard._SECTIONS", dict(_SECTIONS))
    cpd_dashboard.register()
    response = client_for(figures.workforce_officer).get(reverse("workforce:dashboard"), {"as_at": "2019-01-01"})
    assert "Cannot be worked out: no social workers in post at this date" in response.content.decode()
