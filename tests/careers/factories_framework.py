"""Helpers for the framework tests: the shipped reference data, loaded through its service as the command does."""

from __future__ import annotations

from careers.models import FrameworkItem, FrameworkVersion
from careers.services.reference_data import reference_data_load

NATIONAL = "national-2023-12"
CONSULTATION = "consultation-2023-02"
PCF = "basw-pcf-2018"
PQS = "dfe-pqs-practitioner-2018"


def load_framework() -> FrameworkVersion:
    """Load the reference data (idempotent) and return the national framework of December 2023."""
    reference_data_load()
    return FrameworkVersion.objects.get(code=NATIONAL)


def item(version: FrameworkVersion, key: str) -> FrameworkItem:
    return version.items.get(key=key)
