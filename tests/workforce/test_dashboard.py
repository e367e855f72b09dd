"""The workforce dashboard: who may open it, which scopes each role may choose, and figures that are the indicators
module's own, beside the authority's targets and the comparators."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import html

from tests.workforce.factories import (
    AbsenceFactory,
    AssignmentFactory,
    CaseloadRecordFactory,
    EstablishmentFactory,
    ServiceAreaFactory,
    TeamFactory,
    WorkerFactory,
)
from workforce import selectors
from workforce.codes import Contract, LeavingReason, Role
from workforce.dashboard import TREND_KEYS, default_as_at
from workforce.indicators import (
    compute_indicators,
    indicator_series,
    indicators_by_service_area,
    indicators_by_team,
)
from workforce.models import ComparatorFigure, IndicatorTarget

pytestmark = pytest.mark.django_db
URL = reverse("workforce:dashboard")
D = dt.date(2025, 9, 30)


def _text(response, element_id: str) -> str:  # noqa: ANN001
    """The text a user sees in an element of the page, spaces collapsed."""
    element = html.fromstring(response.content).get_element_by_id(element_id)
    return re.sub(r"\s+", " ", element.text_content()).strip()


def _cells(response, element_id: str) -> list[str]:  # noqa: ANN001
    element = html.fromstring(response.content).get_element_by_id(element_id)
    return [re.sub(r"\s+", " ", cell.text_content()).strip() for cell in element.xpath("./th|./td")]


def _scope_values(response) -> list[str]:  # noqa: ANN001
    return [value for value, _ in _flat(response.context["form"].fields["scope"].choices)]


def _flat(choices) -> list[tuple[str, str]]:  # noqa: ANN001
    out = []
    for value, label in choices:
        out.extend(label if isinstance(label, list | tuple) else [(value, label)])
    return out


@pytest.fixture
def figures(cast):  # noqa: ANN001, ANN201
    """A year of history in Northshire: establishments, a leaver, a starter, a manager, agency cover, caseloads,
    sickness, a target and a regional comparator."""
    a = cast.authority
    EstablishmentFactory(team=cast.front_door, effective_from=dt.date(2024, 4, 1), establishment_fte=Decimal("4"))
    EstablishmentFactory(team=cast.child_protection, effective_from=dt.date(2024, 4, 1), establishment_fte=Decimal("3"))
    manager = WorkerFactory(authority=a, worker_id="M1", ethnicity="BAFR")
    AssignmentFactory(
        worker=manager, team=cast.child_protection, role=Role.FIRST_LINE_MANAGER, start_date=dt.date(2021, 5, 4)
    )
    AssignmentFactory(
        worker=WorkerFactory(authority=a, worker_id="L1"),
        team=cast.child_protection,
        start_date=dt.date(2020, 1, 6),
        end_date=dt.date(2025, 3, 31),
        leaving_reason=LeavingReason.RESIGNATION,
    )
    AssignmentFactory(
        worker=WorkerFactory(authority=a, worker_id="S1"), team=cast.child_protection, start_date=dt.date(2025, 2, 3)
    )
    AssignmentFactory(
        worker=WorkerFactory(authority=a, worker_id="AG1"),
        team=cast.child_protection,
        contract=Contract.AGENCY,
        covers_vacancy=True,
        start_date=dt.date(2025, 1, 6),
    )
    CaseloadRecordFactory(worker=cast.sam, date=D, cases=18)
    CaseloadRecordFactory(worker=cast.colleague, date=D - dt.timedelta(days=10), cases=12)
    AbsenceFactory(worker=cast.sam, start_date=dt.date(2025, 1, 6), end_date=dt.date(2025, 1, 10))
    IndicatorTarget.objects.create(
        authority=a, indicator="turnover_rate", value=Decimal("15.0"), effective_from=dt.date(2023, 4, 1)
    )
    IndicatorTarget.objects.create(
        authority=a, indicator="turnover_rate", value=Decimal("12.0"), effective_from=dt.date(2024, 4, 1)
    )
    IndicatorTarget.objects.create(
        authority=a, indicator="turnover_rate", value=Decimal("10.0"), effective_from=dt.date(2025, 10, 1)
    )
    IndicatorTarget.objects.create(
        authority=a, indicator="average_caseload", value=Decimal("17.5"), effective_from=dt.date(2024, 4, 1)
    )
    ComparatorFigure.objects.create(
        authority=a,
        kind="region",
        label="North East",
        as_at=dt.date(2024, 9, 30),
        indicator="turnover_rate",
        value=Decimal("14.5"),
    )
    ComparatorFigure.objects.create(
        authority=cast.other_authority,
        kind="region",
        label="South West",
        as_at=dt.date(2024, 9, 30),
        indicator="turnover_rate",
        value=Decimal("9.9"),
    )
    return cast


# ---------------------------------------------------------------------------
# Who may open it
# ---------------------------------------------------------------------------
def test_it_redirects_anonymous_users_to_sign_in(client_for, cast) -> None:
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["social_worker", "panel_member"])
def test_it_refuses_roles_without_a_dashboard(client_for, cast, role) -> None:
    assert client_for(cast.user(role)).get(URL).status_code == 403


def test_it_answers_a_post_with_405(client_for, cast) -> None:
    assert client_for(cast.workforce_officer).post(URL).status_code == 405


@pytest.mark.parametrize(
    ("role", "default", "scopes"),
    [
        ("workforce_officer", "authority", ["authority", "area-CARE", "area-SAFE", "team-CP", "team-CIC", "team-FD"]),
        ("administrator", "authority", ["authority", "area-CARE", "area-SAFE", "team-CP", "team-CIC", "team-FD"]),
        ("service_manager", "area-SAFE", ["area-SAFE", "team-CP", "team-FD"]),
        ("team_manager", "team-FD", ["team-FD"]),
        ("other_authority_manager", "team-B1", ["team-B1"]),
    ],
)
def test_each_role_chooses_among_the_scopes_it_may_see(client_for, cast, role, default, scopes) -> None:
    codes = {"authority": "authority"}
    codes |= {f"area-{area.pk}": f"area-{area.code}" for area in (cast.safeguarding, cast.care)}
    teams = (cast.front_door, cast.child_protection, cast.children_in_care, cast.other_team)
    codes |= {f"team-{team.pk}": f"team-{team.code}" for team in teams}
    response = client_for(cast.user(role)).get(URL)
    assert response.status_code == 200
    assert [codes[value] for value in _scope_values(response)] == scopes
    assert codes[response.context["dashboard"].scope.value] == default


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        ("team_manager", lambda c: f"team-{c.child_protection.pk}"),
        ("team_manager", lambda c: f"team-{c.children_in_care.pk}"),
        ("team_manager", lambda c: f"area-{c.safeguarding.pk}"),
        ("team_manager", lambda c: "authority"),
        ("service_manager", lambda c: f"team-{c.children_in_care.pk}"),
        ("service_manager", lambda c: f"area-{c.care.pk}"),
        ("service_manager", lambda c: "authority"),
        ("workforce_officer", lambda c: f"team-{c.other_team.pk}"),
        ("other_authority_manager", lambda c: f"team-{c.front_door.pk}"),
        ("other_authority_manager", lambda c: "authority"),
        ("workforce_officer", lambda c: "team-nonsense"),
    ],
)
def test_a_scope_outside_the_users_is_not_found(client_for, cast, role, scope) -> None:
    assert client_for(cast.user(role)).get(URL, {"scope": scope(cast)}).status_code == 404


def test_the_other_authoritys_manager_sees_only_their_own_authority(client_for, figures) -> None:
    response = client_for(figures.other_authority_manager).get(URL, {"as_at": D.isoformat()})
    dashboard = response.context["dashboard"]
    assert dashboard.indicators == compute_indicators(
        authority=figures.other_authority, as_at=D, team=figures.other_team
    )
    assert [row.code for row in dashboard.team_rows] == ["B1"]
    assert dashboard.service_area_rows == []
    assert "Northshire" not in response.content.decode()
    assert "North East" not in response.content.decode()  # Northshire's regional comparator


# ---------------------------------------------------------------------------
# The date
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2025, 9, 29), dt.date(2024, 9, 30)),
        (dt.date(2025, 9, 30), dt.date(2025, 9, 30)),
        (dt.date(2026, 1, 15), dt.date(2025, 9, 30)),
    ],
)
def test_the_date_defaults_to_the_latest_30_september(client_for, cast, monkeypatch, today, expected) -> None:
    assert default_as_at(today) == expected
    monkeypatch.setattr(selectors, "today", lambda: today)
    response = client_for(cast.workforce_officer).get(URL)
    assert response.context["dashboard"].as_at == expected
    assert f"Figures at {expected.day} {expected:%B %Y}" in _text(response, "main-content")


def test_any_date_may_be_chosen(client_for, cast) -> None:
    response = client_for(cast.workforce_officer).get(URL, {"as_at": "14/02/2025"})
    assert response.context["dashboard"].as_at == dt.date(2025, 2, 14)
    assert response.context["dashboard"].indicators.period_start == dt.date(2024, 2, 15)


@pytest.mark.parametrize("value", ["31/02/2025", "yesterday", "01/01/1900"])
def test_it_shows_an_error_for_a_date_it_cannot_use(client_for, cast, value) -> None:
    response = client_for(cast.workforce_officer).get(URL, {"as_at": value})
    assert response.status_code == 200
    assert "dashboard" not in response.context
    content = response.content.decode()
    assert "There is a problem" in content
    assert 'href="#id_as_at"' in content


# ---------------------------------------------------------------------------
# The figures
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("scope", ["authority", "safeguarding", "child_protection", "front_door"])
def test_every_figure_is_the_indicators_modules_own(client_for, figures, scope) -> None:
    team = getattr(figures, scope) if scope in {"child_protection", "front_door"} else None
    area = figures.safeguarding if scope == "safeguarding" else None
    value = f"team-{team.pk}" if team else f"area-{area.pk}" if area else "authority"
    response = client_for(figures.workforce_officer).get(URL, {"as_at": D.isoformat(), "scope": value})
    expected = compute_indicators(authority=figures.authority, as_at=D, team=team, service_area=area)
    dashboard = response.context["dashboard"]
    assert dashboard.indicators == expected
    for row in [*dashboard.target_rows, *dashboard.count_rows, *dashboard.extra_rows, *dashboard.extra_count_rows]:
        assert row.value == getattr(expected, row.key)
        shown = _cells(response, f"figure-{row.key}")[1]
        if row.value is None:
            assert shown == f"Cannot be worked out: {expected.null_reason(row.key)}"
        else:
            assert shown == str(row.value)


def test_it_shows_the_counts_of_the_scope(client_for, figures) -> None:
    response = client_for(figures.workforce_officer).get(
        URL, {"as_at": D.isoformat(), "scope": f"team-{figures.child_protection.pk}"}
    )
    # In post at D in Child Protection: the manager and the starter (permanent), one agency worker; one leaver.
    assert _cells(response, "figure-social_workers_headcount") == ["Social workers in post (headcount)", "2"]
    assert _cells(response, "figure-social_workers_fte") == ["Social workers in post (FTE)", "2.00"]
    assert _cells(response, "figure-agency_headcount") == ["Agency workers in post (headcount)", "1"]
    assert _cells(response, "figure-leavers_headcount") == ["Leavers in the year (headcount)", "1"]
    assert _cells(response, "figure-starters_headcount") == ["Starters in the year (headcount)", "1"]
    assert _cells(response, "figure-vacancy_fte") == ["Vacancies (FTE)", "1.00"]
    assert _cells(response, "figure-turnover_rate")[1] == "50.0"
    assert _cells(response, "figure-agency_cover_rate")[1] == "100.0"
    assert _cells(response, "figure-vacancy_agency_cover_rate")[1] == "100.0"


def test_a_rate_that_cannot_be_worked_out_shows_why_not_zero(client_for, figures) -> None:
    # Children in Care has only an agency worker: no social workers in post, so no turnover or absence rate.
    response = client_for(figures.workforce_officer).get(
        URL, {"as_at": D.isoformat(), "scope": f"team-{figures.children_in_care.pk}"}
    )
    for key in ("turnover_rate", "absence_rate", "headcount_turnover_rate", "days_lost_per_fte"):
        assert _cells(response, f"figure-{key}")[1] == "Cannot be worked out: no social workers in post at this date"
    assert _cells(response, "figure-average_caseload")[1].startswith("Cannot be worked out: no case holders")


def test_it_shows_the_target_in_effect_at_the_date(client_for, figures) -> None:
    response = client_for(figures.workforce_officer).get(URL, {"as_at": D.isoformat()})
    assert _cells(response, "figure-turnover_rate")[2] == "12.0"  # not the older 15.0 nor the later 10.0
    assert _cells(response, "figure-average_caseload")[2] == "17.5"
    assert _cells(response, "figure-agency_rate")[2] == "– (no target set)"
    later = client_for(figures.workforce_officer).get(URL, {"as_at": "2025-10-31"})
    assert _cells(later, "figure-turnover_rate")[2] == "10.0"


@pytest.mark.parametrize(
    ("as_at", "heading", "turnover"),
    [
        (D, "England, 30 September 2025", "11.8"),
        (dt.date(2025, 9, 29), "England, 30 September 2024", "13.9"),
        (dt.date(2024, 3, 31), "England, 30 September 2023", "15.9"),
    ],
)
def test_it_compares_with_england_at_the_latest_census_date(client_for, figures, as_at, heading, turnover) -> None:
    response = client_for(figures.workforce_officer).get(URL, {"as_at": as_at.isoformat()})
    headings = [column.heading for column in response.context["dashboard"].comparators]
    assert headings[0] == heading
    assert heading in _text(response, "indicators-table")
    assert _cells(response, "figure-turnover_rate")[3] == turnover


def test_there_is_no_england_figure_before_the_first_census_shipped(client_for, figures) -> None:
    response = client_for(figures.workforce_officer).get(URL, {"as_at": "2023-09-29"})
    assert response.context["dashboard"].comparators == []
    assert "There are no published comparator figures for this date" in response.content.decode()


def test_it_shows_the_authoritys_own_comparators_and_no_one_elses(client_for, figures) -> None:
    response = client_for(figures.workforce_officer).get(URL, {"as_at": D.isoformat()})
    headings = [column.heading for column in response.context["dashboard"].comparators]
    assert headings == ["England, 30 September 2025", "North East, 30 September 2024"]
    assert _cells(response, "figure-turnover_rate")[4] == "14.5"
    assert _cells(response, "figure-agency_rate")[4] == "– (not published)"
    assert "South West" not in response.content.decode()


# ---------------------------------------------------------------------------
# Trends
# ---------------------------------------------------------------------------
def test_the_trends_are_the_indicators_series_of_the_scope(client_for, figures) -> None:
    response = client_for(figures.service_manager).get(URL, {"as_at": D.isoformat()})
    dashboard = response.context["dashboard"]
    series = indicator_series(authority=figures.authority, end=D, service_area=figures.safeguarding)
    assert dashboard.series == series
    assert [trend.key for trend in dashboard.trends] == list(TREND_KEYS)
    for trend in dashboard.trends:
        assert [p.month_end for p in trend.points] == [i.as_at for i in series]
        assert [p.value for p in trend.points] == [getattr(i, trend.key) for i in series]
        assert trend.chart_data()["datasets"][0]["data"] == [
            None if getattr(i, trend.key) is None else float(getattr(i, trend.key)) for i in series
        ]
    assert len(series) == 24
    assert series[0].as_at == dt.date(2023, 10, 31)


def test_each_chart_has_a_canvas_its_data_and_a_table_of_the_same_numbers(client_for, figures) -> None:
    response = client_for(figures.workforce_officer).get(URL, {"as_at": D.isoformat()})
    doc = html.fromstring(response.content)
    series = indicator_series(authority=figures.authority, end=D)
    for key in TREND_KEYS:
        chart_id = f"chart-{key.replace('_', '-')}"
        canvas = doc.xpath(f'//canvas[@data-chart="{chart_id}"]')[0]
        assert canvas.get("role") == "img"
        assert "month end from October 2023 to September 2025" in canvas.get("aria-label")
        assert doc.get_element_by_id(chart_id).get("type") == "application/json"
        table = canvas.getparent().getnext().getnext().xpath(".//table")[0]  # the <details> after the JSON
        rows = table.xpath("./tbody/tr")
        assert len(rows) == 24
        last = [re.sub(r"\s+", " ", c.text_content()).strip() for c in rows[-1].xpath("./th|./td")]
        assert last[0] == "30 Sep 2025"
        value = getattr(series[-1], key)
        assert last[1] == (str(value) if value is not None else f"Cannot be worked out: {series[-1].null_reason(key)}")
    turnover = doc.xpath('//canvas[@data-chart="chart-turnover-rate"]')[0].getparent().getnext().getnext()
    last_turnover = [c.text_content().strip() for c in turnover.xpath(".//tbody/tr")[-1].xpath("./th|./td")]
    assert last_turnover[2:] == ["12.0", "11.8"]  # the target and England at that month end
    assert 'src="/static/js/charts.js"' in response.content.decode()


def test_the_chart_draws_the_target_and_england_in_effect_each_month(client_for, figures) -> None:
    response = client_for(figures.workforce_officer).get(URL, {"as_at": D.isoformat()})
    turnover = response.context["dashboard"].trends[0].chart_data()
    target = next(d for d in turnover["datasets"] if d["kind"] == "target")["data"]
    england = next(d for d in turnover["datasets"] if d["kind"] == "england")["data"]
    assert turnover["labels"][0] == "Oct 2023"
    assert target[:6] == [15.0] * 6  # Oct 2023 to Mar 2024: the first target
    assert target[6:] == [12.0] * 18  # from April 2024
    assert england[:11] == [15.9] * 11  # to August 2024: the 2023 census
    assert england[11:23] == [13.9] * 12
    assert england[23] == 11.8


# ---------------------------------------------------------------------------
# Breakdowns
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "teams", "areas"),
    [
        ("workforce_officer", ["CP", "CIC", "FD"], ["CARE", "SAFE"]),
        ("service_manager", ["CP", "FD"], ["SAFE"]),
        ("team_manager", ["FD"], []),
    ],
)
def test_the_breakdowns_show_what_the_user_may_see(client_for, figures, role, teams, areas) -> None:
    response = client_for(figures.user(role)).get(URL, {"as_at": D.isoformat()})
    dashboard = response.context["dashboard"]
    assert [row.code for row in dashboard.team_rows] == teams
    assert [row.code for row in dashboard.service_area_rows] == areas
    by_team = {team.code: i for team, i in indicators_by_team(authority=figures.authority, as_at=D)}
    by_area = {area.code: i for area, i in indicators_by_service_area(authority=figures.authority, as_at=D)}
    for row in dashboard.team_rows:
        assert row.indicators == by_team[row.code]
    for row in dashboard.service_area_rows:
        assert row.indicators == by_area[row.code]
    content = response.content.decode()
    assert ('id="service-area-table"' in content) is bool(areas)
    if role == "team_manager":
        assert "Child Protection" not in _text(response, "team-table")


def test_the_breakdown_tables_are_sortable_and_show_the_figures(client_for, figures) -> None:
    response = client_for(figures.workforce_officer).get(URL, {"as_at": D.isoformat()})
    doc = html.fromstring(response.content)
    table = doc.get_element_by_id("team-table")
    assert table.get("data-module") == "app-sortable-table"
    headers = table.xpath("./thead/tr/th")
    assert headers[0].get("aria-sort") == "ascending"
    assert all(th.get("aria-sort") == "none" for th in headers[1:])
    cp = compute_indicators(authority=figures.authority, as_at=D, team=figures.child_protection)
    first = table.xpath("./tbody/tr")[0]  # Child Protection, by name
    cells = [re.sub(r"\s+", " ", c.text_content()).strip() for c in first.xpath("./th|./td")]
    assert cells[:3] == ["Child Protection (CP)", "Safeguarding", str(cp.social_workers_fte)]
    titles = [re.sub(r"\s+", " ", th.text_content()).strip() for th in headers]
    assert cells[titles.index("Turnover %")] == str(cp.turnover_rate)
    cic = table.xpath("./tbody/tr")[1]
    turnover_cell = cic.xpath("./td")[titles.index("Turnover %") - 1]
    assert turnover_cell.get("data-sort-value") == ""
    assert "cannot be worked out: no social workers in post" in turnover_cell.text_content()
    assert 'src="/static/js/sortable.js"' in response.content.decode()


# ---------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------
def _grow(cast, teams: int, workers_per_team: int) -> None:  # noqa: ANN001
    """More teams (in the service manager's area, another area, none) and more workers in every team."""
    areas = [cast.safeguarding, ServiceAreaFactory(authority=cast.authority), None]
    new_teams = [TeamFactory(authority=cast.authority, service_area=areas[t % 3]) for t in range(teams)]
    for team in [*new_teams, cast.front_door, cast.child_protection]:
        EstablishmentFactory(team=team, effective_from=dt.date(2019, 4, 1), establishment_fte=Decimal("6"))
        for w in range(workers_per_team):
            worker = WorkerFactory(authority=cast.authority, ethnicity="WBRI" if w % 2 else "AIND")
            AssignmentFactory(worker=worker, team=team, start_date=dt.date(2022, 1, 3), role=Role.CASE_HOLDER)
            CaseloadRecordFactory(worker=worker, date=D, cases=10 + w)
            AbsenceFactory(worker=worker, start_date=dt.date(2025, 3, 3), end_date=dt.date(2025, 3, 4))


# The exact count per role, sign-in and session queries included, at a month end or any other date (the headline
# figures come from the same indicators call as the series). It must not grow with workers or teams.
QUERIES = {"workforce_officer": 31, "service_manager": 25, "team_manager": 18}


@pytest.mark.parametrize("as_at", [D, dt.date(2025, 9, 15)])
@pytest.mark.parametrize("role", ["workforce_officer", "service_manager", "team_manager"])
def test_the_number_of_queries_does_not_grow_with_workers_or_teams(
    client_for, figures, role, as_at, django_assert_num_queries
) -> None:
    client = client_for(figures.user(role))
    params = {"as_at": as_at.isoformat()}
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL, params).status_code == 200
    _grow(figures, teams=6, workers_per_team=5)
    with CaptureQueriesContext(connection) as large:
        assert client.get(URL, params).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    with django_assert_num_queries(QUERIES[role]):
        client.get(URL, params)
