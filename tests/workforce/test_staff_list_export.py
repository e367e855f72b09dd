"""The staff list as XLSX: the same people as the page, with the same filters."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.workforce.factories import AssignmentFactory, WorkerFactory
from workforce.codes import LeavingReason
from workforce.exports.staff import StaffListExport

pytestmark = pytest.mark.django_db
URL = reverse("core:export_download", args=[StaffListExport.id])
HEADERS = [title for _, title in StaffListExport.field_titles]


def _rows(response) -> list[tuple]:  # noqa: ANN001
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    sheet = workbook["Staff list"]
    return list(sheet.iter_rows(values_only=True))


def test_it_redirects_anonymous_users_to_sign_in(client_for, cast) -> None:
    response = client_for(None).get(URL)
    assert response.status_code == 302


@pytest.mark.parametrize("role", ["social_worker", "panel_member"])
def test_it_refuses_roles_without_a_staff_list(client_for, cast, role) -> None:
    assert client_for(cast.user(role)).get(URL).status_code == 403


def test_it_answers_a_post_with_405(client_for, cast) -> None:
    assert client_for(cast.workforce_officer).post(URL).status_code == 405


def test_it_downloads_the_rows_the_filter_selects(client_for, cast) -> None:
    response = client_for(cast.workforce_officer).get(URL, {"service_area": cast.safeguarding.pk})
    assert response["Content-Disposition"].startswith('attachment; filename="Staff list - ')
    header, *rows = _rows(response)
    assert list(header) == HEADERS
    assert [(row[0], row[1], row[2], row[5], row[14]) for row in rows] == [
        ("A002", "Chris", "Morgan", "Front Door", "In post"),
        ("A001", "Sam", "Patel", "Front Door", "In post"),
    ]
    chris = rows[0]
    assert chris[10] == pytest.approx(0.6)  # a number, not text
    assert isinstance(chris[11], dt.datetime)  # a real date
    assert chris[11].date() == dt.date(2022, 4, 4)


def test_it_downloads_leavers_with_their_reason(client_for, cast) -> None:
    leaver = WorkerFactory(authority=cast.authority, worker_id="L1", first_name="Lee", last_name="Ver")
    AssignmentFactory(
        worker=leaver,
        team=cast.child_protection,
        fte=Decimal("0.5"),
        start_date=dt.date(2020, 1, 6),
        end_date=dt.date(2024, 3, 31),
        leaving_reason=LeavingReason.RETIRED,
    )
    header, *rows = _rows(client_for(cast.workforce_officer).get(URL, {"status": "left"}))
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Staff reference"] == "L1"
    assert row["Team"] == "Child Protection"
    assert row["Reason for leaving"] == "Retired"
    assert row["Status"] == "Left"


def test_it_limits_a_team_manager_to_their_teams(client_for, cast) -> None:
    _, *rows = _rows(client_for(cast.team_manager).get(URL, {"status": "all"}))
    assert sorted(row[0] for row in rows) == ["A001", "A002"]


def test_it_gives_another_authority_only_its_own_people(client_for, cast) -> None:
    _, *rows = _rows(client_for(cast.other_authority_manager).get(URL))
    assert [row[0] for row in rows] == ["B001"]


def test_it_makes_formula_like_text_inert(client_for, cast) -> None:
    cast.sam.last_name = "=HYPERLINK(1)"
    cast.sam.save()
    _, *rows = _rows(client_for(cast.workforce_officer).get(URL, {"q": "A001"}))
    assert rows[0][2] == "'=HYPERLINK(1)"
