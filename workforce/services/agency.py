"""Writes of agency engagement details (spec section 2), from the agency engagement page.

Like workforce.services.records: validates with ``full_clean()`` before saving, records who made the change (audit
fields and the history row's user), and raises ``ValidationError`` keyed by the form field concerned.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from workforce.codes import Contract
from workforce.models import AgencyEngagement, Assignment
from workforce.services.records import _stamp

if TYPE_CHECKING:
    from core.models import User

NOT_AGENCY = "Engagement details are recorded for agency assignments only."
ENGAGEMENT_FIELDS = (
    "agency",
    "job_type",
    "pay_rate",
    "employer_ni",
    "apprenticeship_levy",
    "regional_price_cap",
    "pq_experience_years",
    "notice_period_weeks",
    "dcs_signoff_on",
    "chief_executive_signoff_on",
)


@transaction.atomic
def agency_engagement_save(
    *,
    assignment: Assignment,
    actor: User | None,
    agency: str,
    job_type: str,
    pay_rate: Decimal,
    employer_ni: Decimal,
    apprenticeship_levy: Decimal,
    regional_price_cap: Decimal,
    pq_experience_years: Decimal,
    notice_period_weeks: int,
    dcs_signoff_on: dt.date | None = None,
    chief_executive_signoff_on: dt.date | None = None,
    covers_vacancy: bool | None = None,
) -> AgencyEngagement:
    """Record or change the engagement details of an agency assignment, and whether it covers a vacancy."""
    assignment = Assignment.objects.select_for_update().select_related("worker", "team").get(pk=assignment.pk)
    if assignment.contract != Contract.AGENCY:
        raise ValidationError(NOT_AGENCY)
    engagement = AgencyEngagement.objects.filter(assignment=assignment).first()
    created = engagement is None
    if engagement is None:
        engagement = AgencyEngagement(assignment=assignment)
    engagement.agency = agency.strip()
    engagement.job_type = job_type
    engagement.pay_rate = pay_rate
    engagement.employer_ni = employer_ni
    engagement.apprenticeship_levy = apprenticeship_levy
    engagement.regional_price_cap = regional_price_cap
    engagement.pq_experience_years = pq_experience_years
    engagement.notice_period_weeks = notice_period_weeks
    engagement.dcs_signoff_on = dcs_signoff_on
    engagement.chief_executive_signoff_on = chief_executive_signoff_on
    _stamp(engagement, actor, created=created)
    engagement.full_clean()
    engagement.save()
    if assignment.covers_vacancy != covers_vacancy:
        assignment.covers_vacancy = covers_vacancy
        _stamp(assignment, actor, created=False)
        assignment.full_clean()
        assignment.save(update_fields=["covers_vacancy", "updated_by", "updated_at"])
    return engagement
