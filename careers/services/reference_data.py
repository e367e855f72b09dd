"""The careers reference data shipped with the app (careers/reference_data/*.json), loaded idempotently.

- Framework versions and their items: created when missing (matched by version ``code`` and item ``key``); an
  existing item is left alone unless ``force``, which puts back the shipped wording, number and kind. ``force``
  touches only the shipped versions (``authority`` empty), never an authority's adaptation.
- Every authority without careers settings gets some, on the December 2023 national framework.
- Every authority without career levels gets the default ladder (``career_ladder_seed``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from careers.models import CareersSettings, FrameworkItem, FrameworkVersion
from careers.services.framework import DEFAULT_VERSION_CODE, careers_settings_ensure, stamp
from careers.services.levels import career_ladder_seed
from workforce.models import Authority

if TYPE_CHECKING:
    from core.models import User

DATA_DIR = Path(__file__).resolve().parents[1] / "reference_data"
VERSION_FILES = (
    "national_2023_12.json",
    "consultation_2023_02.json",
    "basw_pcf_2018.json",
    "dfe_pqs_practitioner_2018.json",
)
ITEM_FIELDS = ("kind", "number", "title", "description")
VERSION_FIELDS = ("family", "name", "published_on", "source")


@dataclass
class LoadSummary:
    versions_created: int = 0
    versions_updated: int = 0
    items_created: int = 0
    items_updated: int = 0
    settings_created: int = 0
    ladders_created: int = 0

    def line(self) -> str:
        return (
            f"Framework reference data: {self.versions_created} versions created, {self.versions_updated} updated; "
            f"{self.items_created} items created, {self.items_updated} updated; careers settings created for "
            f"{self.settings_created} authorities; default career ladder created for {self.ladders_created}."
        )


def shipped_versions() -> list[dict[str, Any]]:
    """The shipped versions as data, in file order (national framework first)."""
    versions = []
    for name in VERSION_FILES:
        data = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
        data["published_on"] = dt.date.fromisoformat(data["published_on"]) if data.get("published_on") else None
        versions.append(data)
    return versions


def _load_version(data: dict[str, Any], *, force: bool, user: User | None, summary: LoadSummary) -> None:
    version = FrameworkVersion.objects.filter(code=data["code"]).first()
    if version is not None and version.authority_id is not None:
        return  # a code an authority's adaptation took: never touched
    if version is None:
        version = FrameworkVersion(code=data["code"], **{f: data.get(f) or "" for f in VERSION_FIELDS})
        version.published_on = data.get("published_on")
        stamp(version, user, created=True)
        version.full_clean()
        version.save()
        summary.versions_created += 1
    elif force and any(
        getattr(version, f) != (data.get(f) or ("" if f != "published_on" else None)) for f in VERSION_FIELDS
    ):
        for f in VERSION_FIELDS:
            setattr(version, f, data.get(f) or ("" if f != "published_on" else None))
        stamp(version, user, created=False)
        version.full_clean()
        version.save()
        summary.versions_updated += 1

    existing = {item.key: item for item in version.items.all()}
    changed = [
        (existing[row["key"]], row)
        for row in data["items"]
        if row["key"] in existing
        and force
        and any(getattr(existing[row["key"]], f) != row.get(f, "") for f in ITEM_FIELDS)
    ]
    # Park changed items on free numbers first, so that swapping two numbers never breaks the unique constraint.
    top = max([item.number for item in existing.values()] + [len(data["items"])]) + 1
    for offset, (item, _) in enumerate(changed):
        item.number = top + offset + 1000
        item.save(update_fields=["number"])
    for item, row in changed:
        for f in ITEM_FIELDS:
            setattr(item, f, row.get(f, ""))
        stamp(item, user, created=False)
        item.full_clean()
        item.save()
        summary.items_updated += 1
    missing = []
    for row in data["items"]:
        if row["key"] in existing:
            continue
        item = FrameworkItem(version=version, key=row["key"], **{f: row.get(f, "") for f in ITEM_FIELDS})
        stamp(item, user, created=True)
        # Field checks here; the unique constraints are the database's (a clash rolls the whole load back).
        item.full_clean(validate_unique=False, validate_constraints=False)
        missing.append(item)
    bulk_create_with_history(missing, FrameworkItem, default_user=user)
    summary.items_created += len(missing)


@transaction.atomic
def reference_data_load(*, force: bool = False, user: User | None = None) -> LoadSummary:
    """Load the shipped framework versions, then give every authority careers settings and a ladder if it has none."""
    summary = LoadSummary()
    for data in shipped_versions():
        _load_version(data, force=force, user=user, summary=summary)

    national = FrameworkVersion.objects.get(code=DEFAULT_VERSION_CODE, authority__isnull=True)
    with_settings = CareersSettings.objects.values_list("authority_id", flat=True)
    for authority in Authority.objects.exclude(pk__in=with_settings).order_by("pk"):
        careers_settings_ensure(authority=authority, user=user)
        summary.settings_created += 1
    for authority in Authority.objects.order_by("pk"):
        if career_ladder_seed(authority=authority, version=national, user=user):
            summary.ladders_created += 1
    return summary
