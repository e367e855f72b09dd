"""The caseload view: a team's current caseloads against its threshold, the trend, and weighted workload."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.workforce.factories import AssignmentFactory, CaseloadRecordFactory, WorkerFactory
from workforce.codes import PostQualifyingStatus, UserRole
from workforce.indicators import month_ends
from workforce.models import CaseloadRecord, TeamThreshold, WorkloadSettings
from workforce.selectors import today
from workforce.services.accounts import role_assign

pytestmark = pytest.mark.django_db
URL = reverse("workforce:caseload_overview")


def _record(worker, day: dt.date, **values: int) -> CaseloadRecord:  # noqa: ANN001
    """A caseload record (replacing the cast's, when it falls on the same day)."""
    record, _ = CaseloadRecord.objects.update_or_create(worker=worker, date=day, defaults=values)
    return record


def _body(response) -> str:  # noqa: ANN001
    assert response.status_code == 200
    return response.content.decode()


def _rows(response) -> dict[str, object]:  # noqa: ANN001
    return {row.worker.first_name: row for row in response.context["caseloads"].rows}


def test_it_redirects_anonymous_users_to_sign_in(client_for, cast) -> None:
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_answers_a_post_with_405(client_for, cast) -> None:
    assert client_for(cast.team_manager).post(URL).status_code == 405


@pytest.mark.parametrize("role", ["social_worker", "panel_member"])
def test_it_refuses_roles_without_teams(client_for, cast, role) -> None:
    assert client_for(cast.user(role)).get(URL).status_code == 403


@pytest.mark.parametrize(
    ("role", "team"),
    [
        ("team_manager", "child_protection"),
        ("service_manager", "children_in_care"),
        ("other_authority_manager", "front_door"),
        ("workforce_officer", "other_team"),
    ],
)
def test_a_team_outside_the_users_scope_answers_404(client_for, cast, role, team) -> None:
    response = client_for(cast.user(role)).get(URL, {"team": getattr(cast, team).pk})
    assert response.status_code == 404


def test_a_team_that_is_not_a_number_answers_404(client_for, cast) -> None:
    assert client_for(cast.team_manager).get(URL, {"team": "FD"}).status_code == 404


def test_a_team_manager_sees_who_is_over_the_threshold_and_who_has_no_record(client_for, cast) -> None:
    _record(cast.sam, today(), cases=24)
    body = _body(response := client_for(cast.team_manager).get(URL))
    assert response.context["team"] == cast.front_door
    assert "<strong>1 person is over the threshold</strong>" in body
    assert f'<a class="govuk-link" href="#worker-{cast.sam.pk}">Sam Patel</a>' in body
    assert "<strong>1 person has no caseload recorded this month</strong>" in body
    assert f'href="#worker-{cast.colleague.pk}">Chris Morgan</a>' in body
    assert 'govuk-tag--red govuk-!-margin-bottom-1">Over threshold</strong>' in body
    assert 'govuk-tag--yellow govuk-!-margin-bottom-1">No record this month</strong>' in body
    assert "the authority’s threshold" in body
    rows = _rows(response)
    assert (rows["Sam"].current_cases, rows["Sam"].threshold) == (24, 20)
    assert rows["Chris"].current is None


def test_everyone_within_the_threshold_is_shown_green(client_for, cast) -> None:
    _record(cast.colleague, today(), cases=9)
    body = _body(client_for(cast.team_manager).get(URL))
    assert "Nobody is over the threshold." in body
    assert "Everyone who holds cases has a caseload recorded this month." in body
    assert body.count('govuk-tag--green govuk-!-margin-bottom-1">Within threshold</strong>') == 2


def test_a_record_older_than_31_days_is_not_current(client_for, cast) -> None:
    CaseloadRecordFactory(worker=cast.colleague, date=today() - dt.timedelta(days=31), cases=35)
    response = client_for(cast.team_manager).get(URL)
    assert "Nobody is over the threshold." in _body(response)
    assert _rows(response)["Chris"].current is None
    assert "None in the last 31 days" in _body(response)


def test_the_teams_own_threshold_applies(client_for, cast) -> None:
    TeamThreshold.objects.create(team=cast.front_door, caseload_threshold=12, asye_caseload_threshold=10)
    body = _body(response := client_for(cast.team_manager).get(URL))
    assert "this team’s own threshold" in body
    assert _rows(response)["Sam"].over_threshold  # 17 cases on the 1st of this month
    assert "<strong>1 person is over the threshold</strong>" in body


def test_asye_workers_are_held_to_the_asye_threshold(client_for, cast) -> None:
    cast.sam.pq_status = PostQualifyingStatus.ASYE
    cast.sam.save()
    response = client_for(cast.team_manager).get(URL)
    sam = _rows(response)["Sam"]
    assert (sam.threshold, sam.over_threshold) == (15, True)
    assert '<strong class="govuk-tag">ASYE</strong>' in _body(response)


def test_weighted_workload_is_shown_and_flagged_over_capacity(client_for, cast) -> None:
    """Chris (0.6 FTE): 8 × 6 + 2 × 4 = 56 points against 60 = 93.3%. Sam (1 FTE): 18 × 6 = 108 of 100: 108.0%."""
    _record(cast.colleague, today(), cases=10, child_in_need=2, child_protection=8, care_leaver=0, other_cases=0)
    _record(cast.sam, today(), cases=18, child_in_need=0, child_protection=18, care_leaver=0, other_cases=0)
    body = _body(client_for(cast.team_manager).get(URL))
    assert "56 of 60 points (93.3%)" in body
    assert "108 of 100 points (108.0%)" in body
    assert body.count(">Over capacity</strong>") == 1
    assert "<strong>1 person’s weighted workload is over their capacity</strong>" in body


def test_the_trend_shows_the_last_six_month_ends(client_for, cast) -> None:
    trend_dates = month_ends(today(), 6)
    _record(cast.colleague, trend_dates[-1], cases=14)
    response = client_for(cast.team_manager).get(URL)
    assert response.context["caseloads"].trend_dates == trend_dates
    assert _rows(response)["Chris"].trend[-1] == 14
    body = _body(response)
    assert all(f"{day.day} {day:%b %Y}</th>" in body for day in trend_dates)


def test_the_team_manager_is_offered_the_caseload_entry_page(client_for, cast) -> None:
    body = _body(client_for(cast.team_manager).get(URL))
    assert reverse("workforce:team_caseloads", args=[cast.front_door.pk]) in body
    assert 'id="team-choice"' not in body  # one team: no chooser


def test_a_service_manager_chooses_among_their_areas_teams_read_only(client_for, cast) -> None:
    client = client_for(cast.service_manager)
    body = _body(response := client.get(URL))
    assert [team.code for team in response.context["teams"]] == ["CP", "FD"]
    assert 'id="team-choice"' in body
    assert "Children in Care" not in body
    assert reverse("workforce:team_caseloads", args=[response.context["team"].pk]) not in body
    response = client.get(URL, {"team": cast.front_door.pk})
    assert response.context["team"] == cast.front_door
    assert set(_rows(response)) == {"Sam", "Chris"}


def test_a_manager_of_several_teams_starts_on_a_team_they_manage_and_can_switch(client_for, cast) -> None:
    role_assign(
        user=cast.team_manager, authority=cast.authority, role=UserRole.TEAM_MANAGER, team=cast.children_in_care
    )
    client = client_for(cast.team_manager)
    body = _body(response := client.get(URL))
    assert [team.code for team in response.context["teams"]] == ["CIC", "FD"]
    assert 'id="team-choice"' in body
    response = client.get(URL, {"team": cast.children_in_care.pk})
    assert set(_rows(response)) == {"Priya"}
    assert reverse("workforce:team_caseloads", args=[cast.children_in_care.pk]) in _body(response)


def test_hr_see_any_team_and_may_enter_its_caseloads(client_for, cast) -> None:
    response = client_for(cast.workforce_officer).get(URL, {"team": cast.children_in_care.pk})
    assert response.context["team"] == cast.children_in_care
    assert reverse("workforce:team_caseloads", args=[cast.children_in_care.pk]) in _body(response)


def test_only_an_administrator_is_offered_the_threshold_setting(client_for, cast) -> None:
    link = reverse("workforce:settings_team_threshold", args=[cast.front_door.pk])
    assert link in _body(client_for(cast.administrator).get(URL, {"team": cast.front_door.pk}))
    assert link not in _body(client_for(cast.workforce_officer).get(URL, {"team": cast.front_door.pk}))


def test_the_page_creates_the_authoritys_default_settings_when_missing(client_for, cast) -> None:
    assert not WorkloadSettings.objects.filter(authority=cast.authority).exists()
    client_for(cast.team_manager).get(URL)
    assert WorkloadSettings.objects.get(authority=cast.authority).caseload_threshold == 20


def test_the_page_makes_the_same_number_of_queries_however_many_people_are_in_post(client_for, cast) -> None:
    client = client_for(cast.team_manager)
    client.get(URL)  # creates the authority's settings

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(URL).status_code == 200
        return len(context)

    few = queries()
    for n in range(12):
        worker = WorkerFactory(authority=cast.authority, pq_status=PostQualifyingStatus.ASYE if n % 3 else "")
        AssignmentFactory(worker=worker, team=cast.front_door, fte=Decimal("0.8"))
        for months_ago in range(7):
            CaseloadRecordFactory(
                worker=worker,
                date=today().replace(day=1) - dt.timedelta(days=30 * months_ago),
                cases=10 + n,
                child_in_need=10 + n,
                child_protection=0,
                child_in_care=0,
                care_leaver=0,
                other_cases=0,
            )
    many = queries()
    assert len(client.get(URL).context["caseloads"].rows) == 14
    assert many == few
    assert many <= 12
