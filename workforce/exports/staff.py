"""Downloadable workforce tables, registered in core.exports.registry."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from core.exports.registry import Export, register
from workforce import selectors
from workforce.access import can_see_staff_list
from workforce.codes import Contract, LeavingReason, Role

EXPORT_CHUNK_SIZE = 2000

_ROLE_LABELS = dict(Role.choices)
_CONTRACT_LABELS = {Contract.PERMANENT: "Permanent", Contract.AGENCY: "Agency"}
_REASON_LABELS = dict(LeavingReason.choices)


@register
class StaffListExport(Export):
    """The staff list page's rows, with the page's filters (the same selector, so the same people)."""

    id = "staff-list"
    name = "Staff list"
    field_titles = (
        ("worker_id", "Staff reference"),
        ("first_name", "First name"),
        ("last_name", "Last name"),
        ("swe_registration", "SWE registration"),
        ("team_code", "Team code"),
        ("team", "Team"),
        ("service_area", "Service area"),
        ("role", "Role"),
        ("job_title", "Job title"),
        ("contract", "Contract"),
        ("fte", "FTE"),
        ("start_date", "Start date"),
        ("end_date", "End date"),
        ("leaving_reason", "Reason for leaving"),
        ("status", "Status"),
    )
    column_widths = (16, 16, 18, 18, 12, 28, 22, 28, 24, 12, 8, 12, 12, 28, 10)

    @classmethod
    def allowed(cls, user: Any) -> bool:
        return can_see_staff_list(user)

    def rows(self) -> Iterator[Sequence[Any]]:
        on = selectors.today()
        workers = selectors.staff_list(user=self.request.user, filters=self.request.GET, on=on)
        for worker in workers.iterator(chunk_size=EXPORT_CHUNK_SIZE):
            shown = worker.assignments_to_date[0] if worker.assignments_to_date else None
            if shown is None:
                yield (
                    worker.worker_id,
                    worker.first_name,
                    worker.last_name,
                    worker.swe_registration,
                    *[None] * 10,
                    "Not in post",
                )
                continue
            in_post = shown.end_date is None or shown.end_date > on
            yield (
                worker.worker_id,
                worker.first_name,
                worker.last_name,
                worker.swe_registration,
                shown.team.code,
                shown.team.name,
                shown.team.service_area.name if shown.team.service_area else "",
                _ROLE_LABELS.get(shown.role, shown.role),
                shown.job_title,
                _CONTRACT_LABELS.get(shown.contract, shown.contract),
                shown.fte,
                shown.start_date,
                shown.end_date,
                _REASON_LABELS.get(shown.leaving_reason, "") if shown.end_date else "",
                "In post" if in_post else "Left",
            )
