"""The CPD days uptake page as XLSX, with the page's filters (the same selector, so the same people)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from core.exports.registry import Export, register
from cpd.access.days import can_see_days_uptake
from cpd.filters import DaysUptakeFilter
from cpd.selectors.days import days_uptake
from cpd.years import year_label
from workforce import selectors as wf_selectors
from workforce.models import Team


def uptake_for_request(request: Any) -> tuple[DaysUptakeFilter, Any]:
    """The filter and the report of the uptake page, shared by the page and its download."""
    filterset = DaysUptakeFilter(request.GET, user=request.user)
    today = wf_selectors.today()
    teams = None
    if not filterset.is_valid():
        teams = Team.objects.none()
    elif filterset.value("team") is not None:
        teams = Team.objects.filter(pk=filterset.value("team").pk)
    return filterset, days_uptake(user=request.user, teams=teams, year=filterset.selected_year(), today=today)


@register
class DaysUptakeExport(Export):
    id = "cpd-days-uptake"
    name = "CPD days uptake"
    field_titles = (
        ("year", "CPD year"),
        ("team_code", "Team code"),
        ("team", "Team"),
        ("worker_id", "Staff reference"),
        ("name", "Name"),
        ("allowance", "Allowance (days)"),
        ("used", "Used"),
        ("booked", "Booked"),
        ("pending", "Waiting for approval"),
        ("remaining", "Remaining"),
    )
    column_widths = (34, 12, 28, 16, 28, 16, 10, 10, 20, 12)

    @classmethod
    def allowed(cls, user: Any) -> bool:
        return can_see_days_uptake(user)

    def rows(self) -> Iterator[Sequence[Any]]:
        _, uptake = uptake_for_request(self.request)
        label = year_label(uptake.year)
        for team in uptake.teams:
            for row in team.rows:
                balance = row.balance
                yield (
                    label,
                    team.team.code,
                    team.team.name,
                    row.worker.worker_id,
                    row.worker.full_name,
                    balance.allowance,
                    balance.used,
                    balance.booked,
                    balance.pending,
                    balance.remaining,
                )
