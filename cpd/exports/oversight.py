"""The CPD overview as a spreadsheet, with the page's filters (the same selector, so the same people)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from core.exports.registry import Export, register
from cpd.access.oversight import can_see_cpd_overview
from cpd.selectors.oversight import cpd_overview, person_rows
from workforce import selectors as workforce_selectors

EXPORT_CHUNK_SIZE = 2000


@register
class CpdOverviewExport(Export):
    """Counts and status only: what a workforce officer may see."""

    id = "cpd-overview"
    name = "CPD overview"
    field_titles = (
        ("worker_id", "Staff reference"),
        ("name", "Name"),
        ("team_code", "Team code"),
        ("team", "Team"),
        ("year", "Registration year"),
        ("records", "CPD records recorded"),
        ("peer_reflection", "Peer reflection"),
        ("status", "Status"),
        ("deadline", "Deadline"),
        ("days_left", "Days left"),
        ("swe_renewal_date", "SWE renewal date"),
    )
    column_widths = (16, 28, 12, 28, 18, 20, 16, 14, 14, 10, 18)

    @classmethod
    def allowed(cls, user: Any) -> bool:
        return can_see_cpd_overview(user)

    def rows(self) -> Iterator[Sequence[Any]]:
        overview = cpd_overview(user=self.request.user, filters=self.request.GET, today=workforce_selectors.today())
        if "team" in overview.filterset.form.errors:
            return
        workers = overview.people.iterator(chunk_size=EXPORT_CHUNK_SIZE)
        for row in person_rows(workers, year=overview.year, today=overview.today, with_links=False):
            yield (
                row.worker_id,
                row.name,
                row.team_code,
                row.team_name,
                overview.year,
                row.records,
                "Yes" if row.has_peer_reflection else "No",
                row.status_label,
                row.deadline,
                row.days_left,
                row.swe_renewal_date,
            )
