"""Social worker ethnicity on the dashboard: permanent social workers in post, by seniority, share of those with a
known ethnicity, and small numbers suppressed as the DfE suppresses them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import html

from tests.workforce.factories import AssignmentFactory, WorkerFactory
from workforce.codes import Contract, LeavingReason, Role
from workforce.dashboard import ethnicity_by_seniority

pytestmark = pytest.mark.django_db
D = dt.date(2025, 9, 30)
URL = reverse("workforce:dashboard")


def _people(cast, team, role: str, ethnicities: list[str], **kwargs) -> None:  # noqa: ANN001, ANN003
    for ethnicity in ethnicities:
        worker = WorkerFactory(authority=cast.authority, ethnicity=ethnicity)
        AssignmentFactory(worker=worker, team=team, role=role, start_date=dt.date(2021, 1, 4), **kwargs)


def _rows(cast, **scope) -> dict:  # noqa: ANN001, ANN003
    return {row.key: row for row in ethnicity_by_seniority(authority=cast.authority, as_at=D, **scope)}


def _row_text(response, key: str) -> list[str]:  # noqa: ANN001
    row = html.fromstring(response.content).get_element_by_id(f"ethnicity-{key}")
    return [re.sub(r"\s+", " ", cell.text_content()).strip() for cell in row.xpath("./th|./td")]


def test_it_counts_known_minority_and_white_social_workers(cast) -> None:
    _people(cast, cast.child_protection, Role.CASE_HOLDER, ["WBRI"] * 4 + ["WIRI", "WOTH", "AIND", "BAFR", "MWBC"])
    _people(cast, cast.child_protection, Role.CASE_HOLDER, ["OOTH", "CHNE", "REFU", "NOBT", ""])
    row = _rows(cast, team=cast.child_protection)["case_holders"]
    assert (row.headcount.value, row.known.value, row.unknown.value) == (14, 11, 3)
    assert (row.minority.value, row.white.value) == (5, 6)
    assert str(row.minority_share) == "45.5"  # 5 of 11 known, half up
    assert str(row.white_share) == "54.5"
    assert not any(c.suppressed for c in (row.headcount, row.known, row.minority, row.white))
    assert str(row.unknown) == "[c]"


def test_it_counts_only_permanent_social_workers_in_post(cast) -> None:
    _people(cast, cast.child_protection, Role.CASE_HOLDER, ["AIND"] * 5)
    _people(cast, cast.child_protection, Role.CASE_HOLDER, ["AIND"] * 2, contract=Contract.AGENCY)
    _people(cast, cast.child_protection, Role.OTHER, ["AIND"] * 2)
    _people(
        cast,
        cast.child_protection,
        Role.CASE_HOLDER,
        ["AIND"] * 2,
        end_date=D,
        leaving_reason=LeavingReason.RESIGNATION,
    )
    archived = WorkerFactory(
        authority=cast.authority, ethnicity="AIND", archived_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    )
    AssignmentFactory(worker=archived, team=cast.child_protection, start_date=dt.date(2021, 1, 4))
    row = _rows(cast, team=cast.child_protection)["all"]
    assert row.headcount.value == 5
    assert str(row.minority_share) == "100.0"


def test_it_groups_by_seniority(cast) -> None:
    _people(cast, cast.child_protection, Role.SENIOR_MANAGER, ["WBRI"] * 2)
    _people(cast, cast.child_protection, Role.MIDDLE_MANAGER, ["WBRI"] * 2)
    _people(cast, cast.child_protection, Role.FIRST_LINE_MANAGER, ["AIND"] * 2)
    _people(cast, cast.child_protection, Role.SENIOR_PRACTITIONER, ["WBRI"] * 6)
    _people(cast, cast.child_protection, Role.QUALIFIED_NO_CASES, ["BCRB"] * 7)
    rows = _rows(cast, team=cast.child_protection)
    assert list(rows) == [
        "all",
        "managers",
        "senior_practitioners",
        "case_holders",
        "qualified_no_cases",
    ]
    assert rows["managers"].headcount.value == 6
    assert rows["senior_practitioners"].headcount.value == 6
    assert rows["case_holders"].headcount.value == 0
    assert rows["qualified_no_cases"].minority.value == 7
    assert rows["all"].headcount.value == 19


def test_a_group_of_three_people_is_suppressed(cast) -> None:
    _people(cast, cast.child_protection, Role.FIRST_LINE_MANAGER, ["WBRI", "AIND", "BAFR"])
    managers = _rows(cast, team=cast.child_protection)["managers"]
    assert str(managers.headcount) == "[c]"
    assert str(managers.known) == "[c]"
    assert str(managers.minority) == "[c]"
    assert str(managers.minority_share) == "[c]"
    assert str(managers.white_share) == "[c]"
    assert managers.minority_share.value is None  # not even kept where a template could show it


def test_a_small_group_inside_a_large_one_hides_its_partner_too(cast) -> None:
    _people(cast, cast.child_protection, Role.CASE_HOLDER, ["WBRI"] * 8 + ["AIND", "APKN"])
    row = _rows(cast, team=cast.child_protection)["case_holders"]
    assert str(row.known) == "10"
    assert str(row.minority) == "[c]"
    # White = known − minority would give the minority count away, so it is hidden too, with both percentages.
    assert str(row.white) == "[c]"
    assert str(row.minority_share) == "[c]"
    assert str(row.white_share) == "[c]"


def test_in_a_group_of_fewer_than_5_even_no_one_is_suppressed(cast) -> None:
    """Two white managers: "0 ethnic minority managers" would tell the ethnicity of both."""
    _people(cast, cast.child_protection, Role.FIRST_LINE_MANAGER, ["WBRI", "WOTH"])
    managers = _rows(cast, team=cast.child_protection)["managers"]
    assert managers.minority.value == 0
    assert str(managers.minority) == "[c]"
    assert str(managers.white) == "[c]"
    assert str(managers.minority_share) == "[c]"


def test_nobody_and_zero_are_shown_not_suppressed(cast) -> None:
    _people(cast, cast.child_protection, Role.CASE_HOLDER, ["WBRI"] * 6)
    rows = _rows(cast, team=cast.child_protection)
    assert str(rows["case_holders"].minority) == "0"
    assert str(rows["case_holders"].minority_share) == "0.0"
    assert str(rows["case_holders"].white_share) == "100.0"
    assert str(rows["managers"].headcount) == "0"
    assert rows["managers"].minority_share.value is None  # nobody with a known ethnicity: no percentage


def test_it_is_one_query_whatever_the_scope(cast) -> None:
    _people(cast, cast.child_protection, Role.CASE_HOLDER, ["WBRI"] * 6)
    for scope in ({}, {"service_area": cast.safeguarding}, {"team": cast.front_door}):
        with CaptureQueriesContext(connection) as queries:
            ethnicity_by_seniority(authority=cast.authority, as_at=D, **scope)
        assert len(queries) == 1


def test_it_follows_the_scope(cast) -> None:
    _people(cast, cast.child_protection, Role.CASE_HOLDER, ["AIND"] * 6)
    _people(cast, cast.children_in_care, Role.CASE_HOLDER, ["WBRI"] * 6)
    assert _rows(cast, team=cast.front_door)["all"].headcount.value == 2  # Sam and Chris (the cast)
    assert _rows(cast, service_area=cast.safeguarding)["all"].headcount.value == 8
    assert _rows(cast)["all"].headcount.value == 14
    assert str(_rows(cast, service_area=cast.care)["all"].minority_share) == "0.0"


def test_the_page_shows_a_suppressed_group_as_fewer_than_5(client_for, cast) -> None:
    _people(cast, cast.child_protection, Role.FIRST_LINE_MANAGER, ["WBRI", "AIND", "BAFR"])
    _people(cast, cast.child_protection, Role.CASE_HOLDER, ["WBRI"] * 4 + ["AIND"] * 3)
    response = client_for(cast.workforce_officer).get(
        URL, {"as_at": D.isoformat(), "scope": f"team-{cast.child_protection.pk}"}
    )
    fewer = "[c] (fewer than 5)"
    hidden = "[c] (not shown: worked out from fewer than 5 people)"
    assert _row_text(response, "managers") == ["Managers", fewer, fewer, fewer, hidden, hidden]
    assert _row_text(response, "case_holders") == ["Case holders", "7", "7", fewer, hidden, hidden]
    assert _row_text(response, "all") == ["All social workers", "10", "10", "5", "50.0", "50.0"]
    assert _row_text(response, "senior_practitioners") == [
        "Senior practitioners",
        "0",
        "0",
        "0",
        "– (nobody with a known ethnicity)",
        "– (nobody with a known ethnicity)",
    ]
    assert "[c] means fewer than 5 people" in response.content.decode()
