"""The dashboard's XLSX downloads: the monthly trend of a scope and the breakdowns by team and service area, with
the page's query string, the indicators module's figures, and the page's scope rules."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.workforce.test_dashboard import D, figures  # noqa: F401  (the same year of history as the page tests)
from workforce.dashboard import TREND_KEYS
from workforce.exports.dashboard import (
    FIGURE_KEYS,
    DashboardServiceAreasExport,
    DashboardTeamsExport,
    DashboardTrendsExport,
)
from workforce.indicators import (
    INDICATOR_LABELS,
    indicator_series,
    indicators_by_service_area,
    indicators_by_team,
)

pytestmark = pytest.mark.django_db
EXPORTS = [DashboardTrendsExport, DashboardTeamsExport, DashboardServiceAreasExport]


def _url(export: type, **params: str) -> str:
    url = reverse("core:export_download", args=[export.id])
    return f"{url}?{'&'.join(f'{k}={v}' for k, v in params.items())}" if params else url


def _sheet(response, name: str) -> list[dict]:  # noqa: ANN001
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    header, *rows = list(workbook[name].iter_rows(values_only=True))
    # A read-only workbook leaves out a row's trailing empty cells.
    padded = [(*row, *[None] * (len(header) - len(row))) for row in rows]
    return [dict(zip(header, row, strict=True)) for row in padded], list(header)


def _approx(value):  # noqa: ANN001, ANN202
    return None if value is None else pytest.approx(float(value))


@pytest.mark.parametrize("export", EXPORTS)
def test_it_redirects_anonymous_users_to_sign_in(client_for, cast, export) -> None:
    assert client_for(None).get(_url(export)).status_code == 302


@pytest.mark.parametrize("export", EXPORTS)
@pytest.mark.parametrize("role", ["social_worker", "panel_member"])
def test_it_refuses_roles_without_a_dashboard(client_for, cast, export, role) -> None:
    assert client_for(cast.user(role)).get(_url(export)).status_code == 403


@pytest.mark.parametrize("export", EXPORTS)
def test_a_scope_outside_the_users_is_not_found(client_for, cast, export) -> None:
    url = _url(export, scope=f"team-{cast.child_protection.pk}")
    assert client_for(cast.team_manager).get(url).status_code == 404
    assert client_for(cast.other_authority_manager).get(_url(export, scope="authority")).status_code == 404


@pytest.mark.parametrize("export", EXPORTS)
def test_a_date_it_cannot_read_is_a_bad_request(client_for, cast, export) -> None:
    assert client_for(cast.workforce_officer).get(_url(export, as_at="31/02/2025")).status_code == 400


def test_the_trend_is_the_indicators_series_of_the_scope(client_for, figures) -> None:  # noqa: F811
    url = _url(DashboardTrendsExport, as_at=D.isoformat(), scope=f"area-{figures.safeguarding.pk}")
    response = client_for(figures.workforce_officer).get(url)
    assert response["Content-Disposition"].startswith('attachment; filename="Dashboard monthly trend - ')
    rows, header = _sheet(response, "Dashboard monthly trend")
    assert header == [title for _, title in DashboardTrendsExport.field_titles]
    assert header[:4] == ["Month end", "Year from", "Scope", "Social workers in post (headcount)"]
    series = indicator_series(authority=figures.authority, end=D, service_area=figures.safeguarding)
    assert len(rows) == 24
    for row, indicators in zip(rows, series, strict=True):
        assert row["Month end"].date() == indicators.as_at  # a real date
        assert row["Scope"] == "Safeguarding service area"
        for key in FIGURE_KEYS:
            assert row[INDICATOR_LABELS[key]] == _approx(getattr(indicators, key)), key
    last = rows[-1]
    assert last["Target: Turnover rate (%)"] == pytest.approx(12.0)
    assert last["England: Turnover rate (%)"] == pytest.approx(11.8)
    assert rows[0]["England: Turnover rate (%)"] == pytest.approx(15.9)
    assert {f"England: {INDICATOR_LABELS[key]}" for key in TREND_KEYS} <= set(header)


def test_the_trend_defaults_to_the_users_scope(client_for, figures) -> None:  # noqa: F811
    rows, _ = _sheet(client_for(figures.team_manager).get(_url(DashboardTrendsExport)), "Dashboard monthly trend")
    assert {row["Scope"] for row in rows} == {"Front Door team"}


def test_the_team_breakdown_has_each_team_the_user_may_see(client_for, figures) -> None:  # noqa: F811
    response = client_for(figures.workforce_officer).get(_url(DashboardTeamsExport, as_at=D.isoformat()))
    rows, header = _sheet(response, "Indicators by team")
    assert header[:4] == ["Team code", "Team", "Service area", "As at"]
    assert [(row["Team code"], row["Service area"]) for row in rows] == [
        ("CP", "Safeguarding"),
        ("CIC", "Care"),
        ("FD", "Safeguarding"),
    ]
    expected = {team.code: i for team, i in indicators_by_team(authority=figures.authority, as_at=D)}
    for row in rows:
        assert row["As at"].date() == D
        for key in FIGURE_KEYS:
            assert row[INDICATOR_LABELS[key]] == _approx(getattr(expected[row["Team code"]], key)), key
    cic = rows[1]
    assert cic["Turnover rate (%)"] is None  # a null rate is an empty cell, not 0
    mine, _ = _sheet(client_for(figures.team_manager).get(_url(DashboardTeamsExport)), "Indicators by team")
    assert [row["Team code"] for row in mine] == ["FD"]


def test_the_service_area_breakdown_has_each_area_the_user_may_see(client_for, figures) -> None:  # noqa: F811
    response = client_for(figures.workforce_officer).get(_url(DashboardServiceAreasExport, as_at=D.isoformat()))
    rows, header = _sheet(response, "Indicators by service area")
    assert header[:3] == ["Service area code", "Service area", "As at"]
    expected = {area.code: i for area, i in indicators_by_service_area(authority=figures.authority, as_at=D)}
    assert [row["Service area code"] for row in rows] == ["CARE", "SAFE"]
    for row in rows:
        for key in FIGURE_KEYS:
            assert row[INDICATOR_LABELS[key]] == _approx(getattr(expected[row["Service area code"]], key)), key
    service_manager, _ = _sheet(
        client_for(figures.service_manager).get(_url(DashboardServiceAreasExport)), "Indicators by service area"
    )
    assert [row["Service area code"] for row in service_manager] == ["SAFE"]
    team_manager, _ = _sheet(
        client_for(figures.team_manager).get(_url(DashboardServiceAreasExport)), "Indicators by service area"
    )
    assert team_manager == []


def test_the_page_links_to_the_downloads_with_its_date_and_scope(client_for, figures) -> None:  # noqa: F811
    scope = f"team-{figures.front_door.pk}"
    response = client_for(figures.service_manager).get(
        reverse("workforce:dashboard"), {"as_at": "30/06/2025", "scope": scope}
    )
    content = response.content.decode()
    for export in EXPORTS:
        assert (
            f'href="{reverse("core:export_download", args=[export.id])}?as_at=2025-06-30&amp;scope={scope}"' in content
        )
    rows, _ = _sheet(
        client_for(figures.service_manager).get(_url(DashboardTrendsExport, as_at="2025-06-30", scope=scope)),
        "Dashboard monthly trend",
    )
    assert rows[-1]["Month end"].date() == dt.date(2025, 6, 30)
    assert rows[-1]["Scope"] == "Front Door team"


def test_the_summary_download_holds_the_pages_tables(cast, client_for) -> None:  # noqa: ANN001
    """Every table of the page at the date comes down as a sheet, with the same figures as the indicators module."""
    import datetime as dt
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    from workforce.indicators import compute_indicators

    as_at = dt.date(2025, 9, 30)
    url = reverse("core:export_download", args=["dashboard-summary"]) + f"?as_at={as_at}&scope=authority"
    response = client_for(cast.workforce_officer).get(url)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Indicators", "Counts", "More measures", "Ethnicity"]
    expected = compute_indicators(authority=cast.authority, as_at=as_at)
    counts = {row[0]: row[1] for row in workbook["Counts"].iter_rows(min_row=2, values_only=True)}
    assert counts["Social workers in post (headcount)"] == expected.social_workers_headcount
    ethnicity = list(workbook["Ethnicity"].iter_rows(min_row=2, values_only=True))
    assert ethnicity[0][0] == "All social workers"
    # The cast has 2 permanent social workers in post: small numbers are suppressed, as on the page.
    assert ethnicity[0][1] == "[c]"


def test_the_summary_download_is_refused_to_a_social_worker(cast, client_for) -> None:  # noqa: ANN001
    from django.urls import reverse

    url = reverse("core:export_download", args=["dashboard-summary"])
    assert client_for(cast.social_worker).get(url).status_code == 403
