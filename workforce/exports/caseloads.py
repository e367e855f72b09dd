"""The caseload view's table as a spreadsheet: one team's people, current caseloads, status, trend and workload."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.http import HttpRequest

from core.exports.registry import Export, register
from core.exports.xlsx import Sheet
from workforce import selectors, workload
from workforce.access import STAFF_LIST_ROLES, get_scope
from workforce.services.settings import workload_settings_ensure


@register
class TeamCaseloadsExport(Export):
    """The team shown by the caseload view (``?team=<pk>``, else the user's first team), with the same figures."""

    id = "team-caseloads"
    name = "Team caseloads"
    field_titles = (
        ("worker_id", "Staff reference"),
        ("name", "Name"),
        ("role", "Role"),
        ("asye", "ASYE"),
        ("fte", "FTE"),
        ("cases", "Current caseload"),
        ("recorded_on", "Recorded on"),
        ("threshold", "Threshold"),
        ("status", "Status"),
        ("points", "Workload points"),
        ("capacity", "Capacity points"),
        ("percentage", "Workload (%)"),
    )
    column_widths = (16, 26, 26, 8, 8, 16, 14, 12, 34, 16, 16, 14)
    TREND_WIDTH = 14

    def __init__(self, request: HttpRequest) -> None:
        super().__init__(request)
        # Resolved here, inside the export view, so that a team outside the user's scope answers 404.
        self.team = workload.caseload_team_choice(user=request.user, wanted=request.GET.get("team")).team
        self.caseloads = None
        if self.team is not None:
            settings = workload_settings_ensure(authority=get_scope(request.user).authority, actor=request.user)
            self.caseloads = workload.team_caseloads(team=self.team, settings=settings, on=selectors.today())

    @classmethod
    def allowed(cls, user: Any) -> bool:
        return get_scope(user).has(*STAFF_LIST_ROLES)

    def headers(self) -> list[str]:
        titles = [title for _, title in self.field_titles]
        if self.caseloads is not None:
            titles += [f"Cases at {day:%d/%m/%Y}" for day in self.caseloads.trend_dates]
        return titles

    def rows(self) -> Iterator[Sequence[Any]]:
        if self.caseloads is None:
            return
        for row in self.caseloads.rows:
            assignment, work = row.assignment, row.workload
            yield (
                row.worker.worker_id,
                row.worker.full_name,
                assignment.get_role_display(),
                row.is_asye,
                assignment.fte,
                row.current_cases,
                row.current.date if row.current else None,
                row.threshold,
                "; ".join(row.status_labels + (["Over capacity"] if row.over_capacity else [])),
                work.points if work else None,
                work.capacity if work else None,
                work.percentage if work else None,
                *row.trend,
            )

    def sheets(self) -> list[Sheet]:
        headers = self.headers()
        widths = [*self.column_widths, *[self.TREND_WIDTH] * (len(headers) - len(self.column_widths))]
        return [Sheet(title=self.name, headers=headers, rows=self.rows(), column_widths=widths)]
