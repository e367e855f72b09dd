"""Factories and helpers for the CPD days and training tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory

from cpd.models import CpdDayAllowance
from tests.workforce.factories import WorkerFactory
from workforce import selectors as wf_selectors

TODAY = dt.date(2026, 3, 2)  # in registration year 2026 (1 December 2025 to 30 November 2026)


def freeze_today(monkeypatch: Any, day: dt.date = TODAY) -> dt.date:
    """Make the app's "today" a fixed date (every CPD module reads it through workforce.selectors.today)."""
    monkeypatch.setattr(wf_selectors, "today", lambda: day)
    return day


class CpdDayAllowanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CpdDayAllowance

    worker = factory.SubFactory(WorkerFactory)
    registration_year = 2026
    days = Decimal("5")
    reason = "Agreed extra days for the practice educator award"
