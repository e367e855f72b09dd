"""The authority's CPD settings: protected days a year, pro rata, reminder points and the training window."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from cpd.models import CpdSettings
from cpd.selectors.days import is_whole_or_half
from workforce.models import Authority

DAYS_NOT_HALVES = "Enter the days as a whole or half number, for example 3 or 2.5"
DAYS_NEGATIVE = "The days a year must be 0 or more"
REMINDER_OUT_OF_RANGE = "Each reminder point must be a whole number of days from 1 to 365"
WINDOW_OUT_OF_RANGE = "The expiring window must be a whole number of days from 1 to 365"
MAX_REMINDER_DAYS = 365


@transaction.atomic
def cpd_settings_update(
    *,
    authority: Authority,
    days_per_year: Decimal,
    pro_rata: bool,
    reminder_days: list[int],
    training_expiring_days: int,
    user: Any,
) -> CpdSettings:
    """Create or change the authority's CPD settings; reminder points are stored once each, latest first."""
    if days_per_year < 0:
        raise ValidationError({"days_per_year": DAYS_NEGATIVE})
    if not is_whole_or_half(days_per_year):
        raise ValidationError({"days_per_year": DAYS_NOT_HALVES})
    if any(not isinstance(day, int) or not 1 <= day <= MAX_REMINDER_DAYS for day in reminder_days):
        raise ValidationError({"reminder_days": REMINDER_OUT_OF_RANGE})
    if not 1 <= training_expiring_days <= MAX_REMINDER_DAYS:
        raise ValidationError({"training_expiring_days": WINDOW_OUT_OF_RANGE})
    settings = CpdSettings.objects.select_for_update().filter(authority=authority).first()
    if settings is None:
        settings = CpdSettings(authority=authority, created_by=user)
    settings.days_per_year = days_per_year
    settings.pro_rata = pro_rata
    settings.reminder_days = sorted(set(reminder_days), reverse=True)
    settings.training_expiring_days = training_expiring_days
    settings.updated_by = user
    settings.full_clean()
    settings.save()
    return settings
