"""The agency compliance list as XLSX, with the page's filters (registered in core.exports.registry)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from core.exports.registry import Export, register
from workforce.access import get_scope
from workforce.agency import JOB_TYPE_LABELS, agency_compliance_list
from workforce.codes import Role

_ROLE_LABELS = dict(Role.choices)


@register
class AgencyComplianceExport(Export):
    """The rows of the compliance page (the same selector and filters, so the same people and flags)."""

    id = "agency-compliance"
    name = "Agency compliance"
    field_titles = (
        ("worker_id", "Worker ID"),
        ("name", "Name"),
        ("swe_registration", "SWE registration"),
        ("team", "Team"),
        ("role", "Role"),
        ("fte", "FTE"),
        ("start_date", "Start date"),
        ("end_date", "End date"),
        ("covers_vacancy", "Covers a vacancy"),
        ("agency", "Agency"),
        ("job_type", "Job type"),
        ("hourly_charge", "Hourly charge (£)"),
        ("regional_price_cap", "Regional price cap (£)"),
        ("pq_experience_years", "Post-qualifying experience (years)"),
        ("notice_period_weeks", "Notice period (weeks)"),
        ("dcs_signoff_on", "DCS sign-off"),
        ("chief_executive_signoff_on", "Chief executive sign-off"),
        ("flags", "Flags"),
    )
    column_widths = (12, 24, 18, 28, 24, 8, 12, 12, 12, 28, 34, 12, 14, 14, 12, 14, 14, 80)

    @classmethod
    def allowed(cls, user: Any) -> bool:
        return get_scope(user).is_hr

    def rows(self) -> Iterator[Sequence[Any]]:
        result = agency_compliance_list(user=self.request.user, filters=self.request.GET)
        for check in result.checks:
            a, e = check.assignment, check.engagement
            details: tuple[Any, ...] = (None,) * 8
            if e is not None:
                details = (
                    e.agency,
                    JOB_TYPE_LABELS.get(e.job_type, e.job_type),
                    e.hourly_charge,
                    e.regional_price_cap,
                    e.pq_experience_years,
                    e.notice_period_weeks,
                    e.dcs_signoff_on,
                    e.chief_executive_signoff_on,
                )
            yield (
                a.worker.worker_id,
                a.worker.full_name,
                a.worker.swe_registration,
                a.team.name,
                _ROLE_LABELS.get(a.role, a.role),
                a.fte,
                a.start_date,
                a.end_date,
                a.covers_vacancy,
                *details,
                "; ".join(check.flags) or "None",
            )
