"""A team's caseloads entered on one page: one row per person in post, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.workforce.factories import AssignmentFactory, WorkerFactory
from workforce.models import CaseloadRecord
from workforce.selectors import today

pytestmark = pytest.mark.django_db
ON = dt.date(2025, 9, 30)


def _url(team) -> str:  # noqa: ANN001
    return reverse("workforce:team_caseloads", args=[team.pk])


def _post(cast, rows: list[dict[str, object]], date: str = "30/09/2025") -> dict[str, object]:  # noqa: ANN001
    """Rows in the page's order (Chris Morgan, then Sam Patel), as the browser submits them."""
    data: dict[str, object] = {
        "date": date,
        "rows-TOTAL_FORMS": len(rows),
        "rows-INITIAL_FORMS": len(rows),
        "rows-MIN_NUM_FORMS": 0,
        "rows-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"rows-{index}-{key}"] = value
    return data


def _rows(cast, chris: dict | None = None, sam: dict | None = None) -> list[dict[str, object]]:  # noqa: ANN001
    return [
        {"worker": cast.colleague.pk, "cases": "", **(chris or {})},
        {"worker": cast.sam.pk, "cases": "", **(sam or {})},
    ]


def test_it_redirects_anonymous_users_to_sign_in(client_for, cast) -> None:
    assert client_for(None).get(_url(cast.front_door)).status_code == 302


def test_it_answers_other_methods_with_405(client_for, cast) -> None:
    assert client_for(cast.team_manager).put(_url(cast.front_door)).status_code == 405


@pytest.mark.parametrize("role", ["other_authority_manager", "social_worker", "panel_member"])
def test_it_hides_the_team_from_users_without_scope(client_for, cast, role) -> None:
    client = client_for(cast.user(role))
    assert client.get(_url(cast.front_door)).status_code == 404
    assert client.post(_url(cast.front_door), _post(cast, _rows(cast, sam={"cases": 5}))).status_code == 404


def test_it_offers_a_row_per_person_prefilled_with_the_latest_figure(client_for, cast) -> None:
    response = client_for(cast.team_manager).get(_url(cast.front_door))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'value="{today():%d/%m/%Y}"' in body  # the date defaults to today
    assert [form.assignment.worker.full_name for form in response.context["formset"]] == ["Chris Morgan", "Sam Patel"]
    assert 'name="rows-1-cases" value="17"' in body
    assert "Cases, Sam Patel" in body  # each input has its own label


@pytest.mark.parametrize("role", ["team_manager", "workforce_officer"])
def test_it_saves_every_row_at_once(client_for, cast, role) -> None:
    data = _post(cast, _rows(cast, chris={"cases": "9"}, sam={"cases": "12", "child_in_need": "5", "care_leaver": "7"}))
    response = client_for(cast.user(role)).post(_url(cast.front_door), data, follow=True)
    assert "2 caseloads saved for Front Door" in response.content.decode()
    sam = CaseloadRecord.objects.get(worker=cast.sam, date=ON)
    assert (sam.cases, sam.child_in_need, sam.care_leaver, sam.child_protection) == (12, 5, 7, 0)
    assert CaseloadRecord.objects.get(worker=cast.colleague, date=ON).cases == 9


def test_a_blank_row_records_nothing_for_that_person(client_for, cast) -> None:
    client_for(cast.team_manager).post(_url(cast.front_door), _post(cast, _rows(cast, sam={"cases": "12"})))
    assert CaseloadRecord.objects.filter(date=ON).count() == 1


def test_a_row_error_is_shown_beside_its_field_and_nothing_is_saved(client_for, cast) -> None:
    data = _post(cast, _rows(cast, chris={"cases": "9"}, sam={"cases": "12", "child_in_need": "5"}))
    response = client_for(cast.team_manager).post(_url(cast.front_door), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'href="#id_rows-1-cases"' in body
    assert "Sam Patel: The cases by type add up to 5, not 12" in body
    assert 'id="id_rows-1-cases-error"' in body
    assert not CaseloadRecord.objects.filter(date=ON).exists()


def test_a_person_not_in_post_on_the_date_is_shown_beside_their_row(client_for, cast) -> None:
    newcomer = WorkerFactory(authority=cast.authority, first_name="Nina", last_name="New")
    AssignmentFactory(worker=newcomer, team=cast.front_door, start_date=dt.date(2025, 10, 6))
    rows = [
        {"worker": cast.colleague.pk, "cases": "9"},
        {"worker": newcomer.pk, "cases": "3"},
        {"worker": cast.sam.pk, "cases": "12"},
    ]
    body = client_for(cast.team_manager).post(_url(cast.front_door), _post(cast, rows)).content.decode()
    assert "Nina New was not in post in this team on 30 September 2025" in body
    assert 'id="id_rows-1-cases-error"' in body
    assert not CaseloadRecord.objects.filter(date=ON).exists()


def test_a_bad_date_is_shown_beside_the_date(client_for, cast) -> None:
    data = _post(cast, _rows(cast, sam={"cases": "12"}), date="not a date")
    body = client_for(cast.team_manager).post(_url(cast.front_door), data).content.decode()
    assert 'id="id_date-error"' in body
    assert not CaseloadRecord.objects.filter(worker=cast.sam, cases=12).exists()


def test_rows_for_people_outside_the_team_are_refused(client_for, cast) -> None:
    rows = [{"worker": cast.colleague.pk, "cases": "9"}, {"worker": cast.cic_worker.pk, "cases": "12"}]
    body = client_for(cast.team_manager).post(_url(cast.front_door), _post(cast, rows)).content.decode()
    assert "The people in post in this team have changed" in body
    assert not CaseloadRecord.objects.filter(date=ON).exists()


def test_a_service_manager_reads_but_may_not_save(client_for, cast) -> None:
    client = client_for(cast.service_manager)
    body = client.get(_url(cast.front_door)).content.decode()
    assert "You can read this team’s caseloads" in body
    assert 'name="rows-0-cases"' not in body
    response = client.post(_url(cast.front_door), _post(cast, _rows(cast, sam={"cases": "12"})))
    assert response.status_code == 403
    assert not CaseloadRecord.objects.filter(date=ON).exists()
