"""Writes to the career ladder: levels and their criteria, the default ladder, and a worker's level set by hand.

Levels are never deleted (applications and workers' level records point at them): an administrator takes one out
of use, which sets ``disabled_on``. A worker's level is a history: setting it adds a ``WorkerLevel`` from a date and
never overwrites an earlier one.

Criteria name the framework items of the version the authority uses when they are saved. The progress grid
matches them by ``key``, so they keep working after the authority moves to another wording; a required item whose
meaning the version in use does not have (a principle the consultation wording lacks, say) is kept as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from careers.models import CareerLevel, FrameworkItem, FrameworkVersion, WorkerLevel
from careers.services.framework import stamp
from workforce.models import Authority, Worker
from workforce.selectors import today

if TYPE_CHECKING:
    from core.models import User

LADDER_FILE = Path(__file__).resolve().parents[1] / "reference_data" / "career_ladder.json"
REQUIRED_KINDS = (FrameworkItem.Kind.PRINCIPLE, FrameworkItem.Kind.OUTCOME)

CODE_TAKEN = "Another level already has the code {code}."
ORDER_TAKEN = "{level} is already at position {order}: choose another position."
NAME_REQUIRED = "Enter the name of the level."
CODE_REQUIRED = "Enter a short code for the level, for example ESW."
ITEM_NOT_IN_VERSION = "Choose principles and outcomes of the framework version the authority uses."
LEVEL_OUT_OF_USE = "{level} is no longer in use: choose another level."
LEVEL_OTHER_AUTHORITY = "Choose one of the authority's levels."
LEVEL_ALREADY_THAT_DAY = (
    "{worker} already has a level from {date}: levels are kept as a history, so choose another date."
)


def _check_unique(authority: Authority, *, code: str, order: int, exclude_pk: int | None) -> None:
    others = CareerLevel.objects.filter(authority=authority).exclude(pk=exclude_pk)
    errors: dict[str, str] = {}
    if others.filter(code__iexact=code).exists():
        errors["code"] = CODE_TAKEN.format(code=code)
    clash = others.filter(order=order).first()
    if clash is not None:
        errors["order"] = ORDER_TAKEN.format(level=clash.name, order=order)
    if errors:
        raise ValidationError(errors)


def _check_items(items: Iterable[FrameworkItem], version: FrameworkVersion | None) -> list[FrameworkItem]:
    items = list(items)
    if any(item.version_id != getattr(version, "pk", None) or item.kind not in REQUIRED_KINDS for item in items):
        raise ValidationError({"required_items": ITEM_NOT_IN_VERSION})
    return items


def _clean_text(name: str, code: str) -> tuple[str, str]:
    name, code = name.strip(), code.strip().upper()
    errors = {}
    if not name:
        errors["name"] = NAME_REQUIRED
    if not code:
        errors["code"] = CODE_REQUIRED
    if errors:
        raise ValidationError(errors)
    return name, code


@transaction.atomic
def career_level_create(
    *,
    authority: Authority,
    version: FrameworkVersion | None,
    name: str,
    code: str,
    order: int,
    description: str = "",
    required_items: Iterable[FrameworkItem] = (),
    min_accepted_evidence: int = 0,
    min_months_at_previous_level: int = 0,
    user: User | None,
) -> CareerLevel:
    """A new level of the authority's ladder; ``required_items`` come from ``version`` (the version in use)."""
    name, code = _clean_text(name, code)
    _check_unique(authority, code=code, order=order, exclude_pk=None)
    items = _check_items(required_items, version)
    level = CareerLevel(
        authority=authority,
        name=name,
        code=code,
        order=order,
        description=description.strip(),
        min_accepted_evidence=min_accepted_evidence,
        min_months_at_previous_level=min_months_at_previous_level,
    )
    stamp(level, user, created=True)
    level.full_clean()
    level.save()
    level.required_items.set(items)
    return level


@transaction.atomic
def career_level_update(
    *,
    level: CareerLevel,
    version: FrameworkVersion | None,
    name: str,
    code: str,
    order: int,
    description: str,
    required_items: Iterable[FrameworkItem],
    min_accepted_evidence: int,
    min_months_at_previous_level: int,
    in_use: bool,
    user: User,
) -> CareerLevel:
    """Change a level's name, position and criteria, or take it out of use (never deleted)."""
    name, code = _clean_text(name, code)
    _check_unique(level.authority, code=code, order=order, exclude_pk=level.pk)
    items = _check_items(required_items, version)
    offered_keys = set(
        FrameworkItem.objects.filter(version=version, kind__in=REQUIRED_KINDS).values_list("key", flat=True)
    )
    # Keep what the version in use cannot show (a meaning it does not have), so that saving never drops it.
    kept = [item for item in level.required_items.all() if item.key not in offered_keys]
    level.name, level.code, level.order = name, code, order
    level.description = description.strip()
    level.min_accepted_evidence = min_accepted_evidence
    level.min_months_at_previous_level = min_months_at_previous_level
    if in_use:
        level.disabled_on = None
    elif level.disabled_on is None:
        level.disabled_on = today()
    stamp(level, user, created=False)
    level.full_clean()
    level.save()
    level.required_items.set([*items, *kept])
    return level


def _ladder() -> list[dict[str, Any]]:
    return json.loads(LADDER_FILE.read_text(encoding="utf-8"))["levels"]


@transaction.atomic
def career_ladder_seed(
    *, authority: Authority, version: FrameworkVersion, user: User | None = None
) -> list[CareerLevel]:
    """Give an authority with no career levels the default ladder (careers/reference_data/career_ladder.json).

    An authority that already has any level is left alone (returns []), so this is safe to run again.
    Required items are the items of ``version`` with the ladder's keys.
    """
    if CareerLevel.objects.filter(authority=authority).exists():
        return []
    items = {item.key: item for item in FrameworkItem.objects.filter(version=version, kind__in=REQUIRED_KINDS)}
    levels = []
    for row in _ladder():
        levels.append(
            career_level_create(
                authority=authority,
                version=version,
                name=row["name"],
                code=row["code"],
                order=row["order"],
                description=row["description"],
                required_items=[items[key] for key in row["required_keys"] if key in items],
                min_accepted_evidence=row["min_accepted_evidence"],
                min_months_at_previous_level=row["min_months_at_previous_level"],
                user=user,
            )
        )
    return levels


def worker_level_set(
    *, worker: Worker, level: CareerLevel, effective_from: dt.date, note: str = "", user: User
) -> WorkerLevel:
    """Record a worker's level from a date (for example someone joining at a level). Earlier records are kept."""
    if level.authority_id != worker.authority_id:
        raise ValidationError({"level": LEVEL_OTHER_AUTHORITY})
    if level.disabled_on is not None and level.disabled_on <= effective_from:
        raise ValidationError({"level": LEVEL_OUT_OF_USE.format(level=level.name)})
    if WorkerLevel.objects.filter(worker=worker, effective_from=effective_from).exists():
        raise ValidationError(
            {
                "effective_from": LEVEL_ALREADY_THAT_DAY.format(
                    worker=worker.full_name, date=f"{effective_from:%-d %B %Y}"
                )
            }
        )
    record = WorkerLevel(worker=worker, level=level, effective_from=effective_from, note=note.strip())
    stamp(record, user, created=True)
    record.full_clean()
    record.save()
    return record
