"""The caseload view as XLSX: the same team, people and figures as the page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.workforce.factories import CaseloadRecordFactory
from workforce.codes import PostQualifyingStatus
from workforce.exports.caseloads import TeamCaseloadsExport
from workforce.indicators import month_ends
from workforce.models import CaseloadRecord
from workforce.selectors import today

pytestmark = pytest.mark.django_db
URL = reverse("core:export_download", args=[TeamCaseloadsExport.id])


def _record(worker, day: dt.date, **values: int) -> CaseloadRecord:  # noqa: ANN001
    """A caseload record (replacing the cast's, when it falls on the same day)."""
    record, _ = CaseloadRecord.objects.update_or_create(worker=worker, date=day, defaults=values)
    return record


def _rows(response) -> list[tuple]:  # noqa: ANN001
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    header, *rows = workbook["Team caseloads"].iter_rows(values_only=True)
    # Empty cells at the end of a row are not stored: pad them back.
    return [header, *(row + (None,) * (len(header) - len(row)) for row in rows)]


def test_it_redirects_anonymous_users_to_sign_in(client_for, cast) -> None:
    assert client_for(None).get(URL).status_code == 302


@pytest.mark.parametrize("role", ["social_worker", "panel_member"])
def test_it_refuses_roles_without_teams(client_for, cast, role) -> None:
    assert client_for(cast.user(role)).get(URL).status_code == 403


def test_it_answers_a_post_with_405(client_for, cast) -> None:
    assert client_for(cast.team_manager).post(URL).status_code == 405


@pytest.mark.parametrize(("role", "team"), [("team_manager", "children_in_care"), ("administrator", "other_team")])
def test_a_team_outside_the_users_scope_answers_404(client_for, cast, role, team) -> None:
    assert client_for(cast.user(role)).get(URL, {"team": getattr(cast, team).pk}).status_code == 404


def test_it_downloads_the_teams_caseloads_with_real_numbers_and_dates(client_for, cast) -> None:
    cast.sam.pq_status = PostQualifyingStatus.ASYE
    cast.sam.save()
    on = today()
    _record(cast.sam, on, cases=16, child_in_need=4, child_protection=12, child_in_care=0, care_leaver=0, other_cases=0)
    trend_dates = month_ends(on, 6)
    CaseloadRecordFactory(worker=cast.colleague, date=trend_dates[0], cases=8)  # five months ago or more
    response = client_for(cast.team_manager).get(URL, {"team": cast.front_door.pk})
    assert response["Content-Disposition"].startswith('attachment; filename="Team caseloads - ')
    header, *rows = _rows(response)
    assert list(header) == [
        *[title for _, title in TeamCaseloadsExport.field_titles],
        *[f"Cases at {day:%d/%m/%Y}" for day in trend_dates],
    ]
    chris, sam = rows
    assert chris[:9] == ("A002", "Chris Morgan", "Case holder", "No", 0.6, None, None, 20, "No record this month")
    assert chris[9:12] == (None, None, None)
    assert chris[12] == 8  # the trend's first month end
    # Sam (ASYE): 16 cases above the ASYE threshold of 15; 4 × 4 + 12 × 6 = 88 points of 80: 110%.
    assert sam[:5] == ("A001", "Sam Patel", "Case holder", "Yes", 1)
    assert sam[5] == 16
    assert isinstance(sam[6], dt.datetime)
    assert sam[6].date() == on
    assert sam[7:12] == (15, "Over threshold; Over capacity", 88, 80, 110)
    assert sam[12:17] == (None,) * 5  # no records before this month (the last month end may be today)


def test_without_a_team_it_downloads_the_users_first_team(client_for, cast) -> None:
    header, *rows = _rows(client_for(cast.other_authority_manager).get(URL))
    assert [row[1] for row in rows] == ["Owen Jones"]
