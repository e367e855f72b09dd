"""Writes to the administrator's settings: caseload thresholds, workload weights, targets and comparator figures.

Each function validates (``full_clean()`` and the rules below) before it saves, records who made the change (audit
fields and the history row's user), and raises ``ValidationError`` keyed by the form field concerned. Settings are
not people's records: a team's own thresholds and a comparator figure may be deleted, and their history keeps them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from workforce.models import (
    CASE_TYPE_FIELDS,
    Authority,
    ComparatorFigure,
    IndicatorKey,
    IndicatorTarget,
    Team,
    TeamThreshold,
    WorkloadSettings,
)

if TYPE_CHECKING:
    from core.models import User

ASYE_THRESHOLD_ABOVE_MAIN = "The ASYE threshold must not be above the main threshold ({threshold} cases)."
ASYE_CAPACITY_ABOVE_MAIN = "ASYE capacity must not be above the capacity of other workers ({capacity} points)."
CAPACITY_NOT_POSITIVE = "Capacity points per FTE must be 1 or more."
NOT_NEGATIVE = "{label} must be 0 or more."
RATE_ABOVE_HUNDRED = "{indicator} is a percentage: enter a value from 0 to 100."
TARGET_EXISTS = "There is already a {indicator} target from this date: change that one instead."
COMPARATOR_EXISTS = "There is already a {label} {indicator} figure for this census date: change that one instead."
ENGLAND_FIGURES_READ_ONLY = (
    "England figures are published reference data: add a regional or statistical-neighbour figure."
)
COMPARATOR_KINDS = (ComparatorFigure.Kind.REGION, ComparatorFigure.Kind.STATISTICAL_NEIGHBOURS)
PERCENTAGE_INDICATORS = frozenset(key for key in IndicatorKey.values if key.endswith("_rate"))

WORKLOAD_FIELDS = (
    "caseload_threshold",
    "asye_caseload_threshold",
    "capacity_points_per_fte",
    "asye_capacity_points_per_fte",
    *(f"{name}_points" for name in CASE_TYPE_FIELDS),
)
WORKLOAD_LABELS = {
    "caseload_threshold": "The caseload threshold",
    "asye_caseload_threshold": "The ASYE caseload threshold",
    "capacity_points_per_fte": "Capacity points per FTE",
    "asye_capacity_points_per_fte": "ASYE capacity points per FTE",
    "child_in_need_points": "Points for a child in need case",
    "child_protection_points": "Points for a child protection case",
    "child_in_care_points": "Points for a child in care case",
    "care_leaver_points": "Points for a care leaver case",
    "other_cases_points": "Points for another case",
}


def _stamp(instance: Model, actor: User | None, *, created: bool) -> None:
    """Audit fields, and the user simple-history records for this save or delete."""
    if created:
        instance.created_by = actor
    instance.updated_by = actor
    instance._history_user = actor  # noqa: SLF001 (simple-history's documented hook)


def _check_not_negative(values: dict[str, Any], labels: dict[str, str]) -> None:
    errors = {
        name: NOT_NEGATIVE.format(label=labels[name])
        for name, value in values.items()
        if value is not None and Decimal(value) < 0
    }
    if errors:
        raise ValidationError(errors)


def _check_thresholds(caseload_threshold: int, asye_caseload_threshold: int) -> None:
    _check_not_negative(
        {"caseload_threshold": caseload_threshold, "asye_caseload_threshold": asye_caseload_threshold},
        WORKLOAD_LABELS,
    )
    if asye_caseload_threshold > caseload_threshold:
        raise ValidationError(
            {"asye_caseload_threshold": ASYE_THRESHOLD_ABOVE_MAIN.format(threshold=caseload_threshold)},
            code="asye_above_main",
        )


# ---------------------------------------------------------------------------
# The authority's thresholds, capacities and weights
# ---------------------------------------------------------------------------
def workload_settings_ensure(*, authority: Authority, actor: User | None = None) -> WorkloadSettings:
    """The authority's workload settings, created with the defaults the first time they are needed."""
    settings, _ = WorkloadSettings.objects.get_or_create(
        authority=authority, defaults={"created_by": actor, "updated_by": actor}
    )
    return settings


@transaction.atomic
def workload_settings_update(*, authority: Authority, actor: User | None, **fields: Any) -> WorkloadSettings:
    """Change the authority's caseload thresholds, capacities and points per case type."""
    unknown = set(fields) - set(WORKLOAD_FIELDS)
    if unknown:
        raise TypeError(f"Unknown workload settings: {sorted(unknown)}")
    settings = WorkloadSettings.objects.select_for_update().filter(authority=authority).first()
    created = settings is None
    if settings is None:
        settings = WorkloadSettings(authority=authority)
    for name, value in fields.items():
        setattr(settings, name, value)
    _check_not_negative({name: getattr(settings, name) for name in WORKLOAD_FIELDS}, WORKLOAD_LABELS)
    _check_thresholds(settings.caseload_threshold, settings.asye_caseload_threshold)
    if settings.capacity_points_per_fte < 1:
        raise ValidationError({"capacity_points_per_fte": CAPACITY_NOT_POSITIVE})
    if settings.asye_capacity_points_per_fte > settings.capacity_points_per_fte:
        raise ValidationError(
            {"asye_capacity_points_per_fte": ASYE_CAPACITY_ABOVE_MAIN.format(capacity=settings.capacity_points_per_fte)}
        )
    _stamp(settings, actor, created=created)
    settings.full_clean()
    settings.save()
    return settings


# ---------------------------------------------------------------------------
# A team's own thresholds
# ---------------------------------------------------------------------------
@transaction.atomic
def team_threshold_set(
    *, team: Team, actor: User | None, caseload_threshold: int, asye_caseload_threshold: int
) -> TeamThreshold:
    """Give a team its own caseload thresholds, overriding the authority's."""
    _check_thresholds(caseload_threshold, asye_caseload_threshold)
    threshold = TeamThreshold.objects.select_for_update().filter(team=team).first()
    created = threshold is None
    if threshold is None:
        threshold = TeamThreshold(team=team)
    threshold.caseload_threshold = caseload_threshold
    threshold.asye_caseload_threshold = asye_caseload_threshold
    _stamp(threshold, actor, created=created)
    threshold.full_clean()
    threshold.save()
    return threshold


@transaction.atomic
def team_threshold_remove(*, team: Team, actor: User | None) -> bool:
    """Remove a team's own thresholds, so that the authority's apply again; False when it had none."""
    threshold = TeamThreshold.objects.select_for_update().filter(team=team).first()
    if threshold is None:
        return False
    _stamp(threshold, actor, created=False)
    threshold.delete()
    return True


# ---------------------------------------------------------------------------
# Targets
# ---------------------------------------------------------------------------
def _check_value(indicator: str, value: Decimal) -> None:
    if value < 0:
        raise ValidationError({"value": NOT_NEGATIVE.format(label="The value")})
    if indicator in PERCENTAGE_INDICATORS and value > 100:
        raise ValidationError({"value": RATE_ABOVE_HUNDRED.format(indicator=IndicatorKey(indicator).label)})


def _indicator_name(indicator: str) -> str:
    label = IndicatorKey(indicator).label
    return label[0].lower() + label[1:]


def _target_save(
    *,
    authority: Authority,
    actor: User | None,
    indicator: str,
    value: Decimal,
    effective_from: dt.date,
    target: IndicatorTarget | None,
) -> IndicatorTarget:
    _check_value(indicator, value)
    clash = IndicatorTarget.objects.filter(authority=authority, indicator=indicator, effective_from=effective_from)
    if target is not None:
        clash = clash.exclude(pk=target.pk)
    if clash.exists():
        raise ValidationError({"effective_from": TARGET_EXISTS.format(indicator=_indicator_name(indicator))})
    created = target is None
    if target is None:
        target = IndicatorTarget(authority=authority)
    target.indicator = indicator
    target.value = value
    target.effective_from = effective_from
    _stamp(target, actor, created=created)
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def indicator_target_create(
    *, authority: Authority, actor: User | None, indicator: str, value: Decimal, effective_from: dt.date
) -> IndicatorTarget:
    """Add the authority's target for an indicator from a date; one target per indicator and date."""
    return _target_save(
        authority=authority,
        actor=actor,
        indicator=indicator,
        value=value,
        effective_from=effective_from,
        target=None,
    )


@transaction.atomic
def indicator_target_update(
    *, target: IndicatorTarget, actor: User | None, indicator: str, value: Decimal, effective_from: dt.date
) -> IndicatorTarget:
    """Change a target's indicator, value or date."""
    return _target_save(
        authority=target.authority,
        actor=actor,
        indicator=indicator,
        value=value,
        effective_from=effective_from,
        target=target,
    )


# ---------------------------------------------------------------------------
# Comparator figures
# ---------------------------------------------------------------------------
def _comparator_save(
    *,
    authority: Authority,
    actor: User | None,
    kind: str,
    label: str,
    as_at: dt.date,
    indicator: str,
    value: Decimal,
    source: str,
    figure: ComparatorFigure | None,
) -> ComparatorFigure:
    if kind not in COMPARATOR_KINDS:
        raise ValidationError({"kind": ENGLAND_FIGURES_READ_ONLY})
    label = label.strip()
    _check_value(indicator, value)
    clash = ComparatorFigure.objects.filter(
        authority=authority, kind=kind, label=label, as_at=as_at, indicator=indicator
    )
    if figure is not None:
        clash = clash.exclude(pk=figure.pk)
    if clash.exists():
        raise ValidationError({"as_at": COMPARATOR_EXISTS.format(label=label, indicator=_indicator_name(indicator))})
    created = figure is None
    if figure is None:
        figure = ComparatorFigure(authority=authority)
    figure.kind = kind
    figure.label = label
    figure.as_at = as_at
    figure.indicator = indicator
    figure.value = value
    figure.source = source.strip()
    _stamp(figure, actor, created=created)
    figure.full_clean()
    figure.save()
    return figure


@transaction.atomic
def comparator_figure_create(
    *,
    authority: Authority,
    actor: User | None,
    kind: str,
    label: str,
    as_at: dt.date,
    indicator: str,
    value: Decimal,
    source: str = "",
) -> ComparatorFigure:
    """Add a regional or statistical-neighbour figure for the authority (England figures are shipped, not added)."""
    return _comparator_save(
        authority=authority,
        actor=actor,
        kind=kind,
        label=label,
        as_at=as_at,
        indicator=indicator,
        value=value,
        source=source,
        figure=None,
    )


@transaction.atomic
def comparator_figure_update(
    *,
    figure: ComparatorFigure,
    actor: User | None,
    kind: str,
    label: str,
    as_at: dt.date,
    indicator: str,
    value: Decimal,
    source: str = "",
) -> ComparatorFigure:
    """Change one of the authority's comparator figures. England figures are not changed here."""
    if figure.authority_id is None:
        raise ValidationError(ENGLAND_FIGURES_READ_ONLY)
    return _comparator_save(
        authority=figure.authority,
        actor=actor,
        kind=kind,
        label=label,
        as_at=as_at,
        indicator=indicator,
        value=value,
        source=source,
        figure=figure,
    )


@transaction.atomic
def comparator_figure_remove(*, figure: ComparatorFigure, actor: User | None) -> None:
    """Delete an authority's comparator figure (its history keeps it). England figures are not removed here."""
    if figure.authority_id is None:
        raise ValidationError(ENGLAND_FIGURES_READ_ONLY)
    _stamp(figure, actor, created=False)
    figure.delete()
