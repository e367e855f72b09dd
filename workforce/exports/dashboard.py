"""The dashboard's downloads: the monthly trend of the scope, and the breakdowns by team and by service area.

Each takes the dashboard's query string (``as_at``, ``scope``) and the same scope rules as the page: a scope the
user may not see answers 404. The figures come from workforce.indicators through workforce.dashboard.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest

from core.exports.registry import Export, register
from core.exports.xlsx import Sheet
from workforce import selectors
from workforce.dashboard import (
    TREND_KEYS,
    DashboardScopes,
    ScopeChoice,
    can_see_dashboard,
    dashboard_scopes,
    dashboard_tables,
    default_as_at,
    series_with_context,
    service_area_breakdown,
    team_breakdown,
)
from workforce.forms.dashboard import DashboardForm
from workforce.indicators import EXTRA_RATE_KEYS, INDICATOR_KEYS, INDICATOR_LABELS, Indicators

# Every figure of the indicators, in the command's order, then the dashboard's extra measures and their parts.
FIGURE_KEYS = (
    *(key for key in INDICATOR_KEYS if key not in {"as_at", "period_start", "period_end", "scope"}),
    "manager_social_workers_fte",
    "manager_leavers_fte",
    "agency_covering_vacancies_fte",
    *EXTRA_RATE_KEYS,
)
FIGURE_TITLES = tuple((key, INDICATOR_LABELS[key]) for key in FIGURE_KEYS)


def _published(figure: Any) -> Any:
    """A suppressed figure travels as "[c]", exactly as the page and the DfE show it; others as numbers."""
    return str(figure) if figure.suppressed else figure.value


def _figures(indicators: Indicators) -> list[Any]:
    return [getattr(indicators, key) for key in FIGURE_KEYS]


class _DashboardExport(Export):
    """The dashboard's date and scope, read from the query string as the page reads them."""

    column_widths = None

    def __init__(self, request: HttpRequest) -> None:
        super().__init__(request)
        self.scopes: DashboardScopes = dashboard_scopes(request.user)
        form = DashboardForm(
            request.GET,
            scope_choices=self.scopes.form_choices,
            default_scope=self.scopes.default.value,
            default_as_at=default_as_at(selectors.today()),
        )
        if not form.is_valid():
            if form.scope_refused:
                raise Http404("No such scope.")
            raise BadRequest("; ".join(message for _, message in form.error_links()))
        self.as_at: dt.date = form.cleaned_data["as_at"]
        self.choice: ScopeChoice = self.scopes.get(form.cleaned_data["scope"])

    @classmethod
    def allowed(cls, user: Any) -> bool:
        return can_see_dashboard(user)


@register
class DashboardTrendsExport(_DashboardExport):
    """The scope's indicators at each of the 24 month ends up to the date, with the targets and England figures."""

    id = "dashboard-trends"
    name = "Dashboard monthly trend"
    field_titles = (
        ("as_at", "Month end"),
        ("period_start", "Year from"),
        ("scope", "Scope"),
        *FIGURE_TITLES,
        *((f"target_{key}", f"Target: {INDICATOR_LABELS[key]}") for key in TREND_KEYS),
        *((f"england_{key}", f"England: {INDICATOR_LABELS[key]}") for key in TREND_KEYS),
    )

    def rows(self) -> Iterator[Sequence[Any]]:
        for indicators, targets, england in series_with_context(self.choice, self.as_at):
            yield (
                indicators.as_at,
                indicators.period_start,
                self.choice.name,
                *_figures(indicators),
                *(targets.get(key) for key in TREND_KEYS),
                *(england.get(key) for key in TREND_KEYS),
            )


@register
class DashboardTeamsExport(_DashboardExport):
    """Each team the user may see, with its indicators at the date."""

    id = "dashboard-teams"
    name = "Indicators by team"
    field_titles = (
        ("code", "Team code"),
        ("name", "Team"),
        ("service_area", "Service area"),
        ("as_at", "As at"),
        *FIGURE_TITLES,
    )

    def rows(self) -> Iterator[Sequence[Any]]:
        for team, indicators in team_breakdown(self.scopes, self.as_at):
            area = team.service_area.name if team.service_area else ""
            yield (team.code, team.name, area, self.as_at, *_figures(indicators))


@register
class DashboardServiceAreasExport(_DashboardExport):
    """Each service area the user may see (none for a team manager), with its indicators at the date."""

    id = "dashboard-service-areas"
    name = "Indicators by service area"
    field_titles = (
        ("code", "Service area code"),
        ("name", "Service area"),
        ("as_at", "As at"),
        *FIGURE_TITLES,
    )

    def rows(self) -> Iterator[Sequence[Any]]:
        for area, indicators in service_area_breakdown(self.scopes, self.as_at):
            yield (area.code, area.name, self.as_at, *_figures(indicators))


@register
class DashboardSummaryExport(_DashboardExport):
    """The page's own tables at the date: indicators beside targets and comparators, counts, measures, ethnicity."""

    id = "dashboard-summary"
    name = "Workforce dashboard"
    field_titles = ()

    def rows(self) -> Iterator[Sequence[Any]]:  # the sheets below replace the single-sheet default
        return iter(())

    def sheets(self) -> list[Sheet]:
        tables = dashboard_tables(choice=self.choice, as_at=self.as_at)
        comparators = [column.heading for column in tables.comparators]
        return [
            Sheet(
                title="Indicators",
                headers=("Indicator", self.choice.name, "Why not worked out", "Target", *comparators),
                rows=[
                    (row.label, row.value, row.null_reason or "", row.target, *row.comparators)
                    for row in tables.target_rows
                ],
                column_widths=(36, 18, 40, 10, *(24 for _ in comparators)),
            ),
            Sheet(
                title="Counts",
                headers=("Count", self.choice.name),
                rows=[(row.label, row.value) for row in tables.count_rows],
                column_widths=(44, 18),
            ),
            Sheet(
                title="More measures",
                headers=("Measure", self.choice.name, "Why not worked out", "How it is worked out"),
                rows=[(row.label, row.value, row.null_reason or "", row.definition) for row in tables.extra_rows],
                column_widths=(44, 18, 40, 60),
            ),
            Sheet(
                title="Ethnicity",
                headers=(
                    "Seniority",
                    "Social workers",
                    "Ethnicity known",
                    "Ethnic minority",
                    "White",
                    "Ethnic minority (% of known)",
                    "White (% of known)",
                ),
                rows=[
                    (
                        row.label,
                        *(
                            _published(figure)
                            for figure in (
                                row.headcount,
                                row.known,
                                row.minority,
                                row.white,
                                row.minority_share,
                                row.white_share,
                            )
                        ),
                    )
                    for row in tables.ethnicity
                ],
                column_widths=(30, 16, 16, 16, 10, 28, 20),
            ),
        ]
