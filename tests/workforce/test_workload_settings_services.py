"""The settings services check their rules themselves, whatever form calls them, and keep history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from workforce.models import ComparatorFigure, IndicatorTarget, TeamThreshold, WorkloadSettings
from workforce.services import settings as services

pytestmark = pytest.mark.django_db


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_the_asye_threshold_may_not_be_above_the_main_one(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        services.workload_settings_update(
            authority=cast.authority, actor=cast.administrator, caseload_threshold=10, asye_caseload_threshold=11
        )
    assert "asye_caseload_threshold" in _errors(exc)
    assert not WorkloadSettings.objects.exists()
    with pytest.raises(ValidationError):
        services.team_threshold_set(
            team=cast.front_door, actor=cast.administrator, caseload_threshold=10, asye_caseload_threshold=11
        )
    assert not TeamThreshold.objects.exists()


def test_negative_points_and_no_capacity_are_refused(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        services.workload_settings_update(
            authority=cast.authority, actor=cast.administrator, care_leaver_points=Decimal("-1")
        )
    assert _errors(exc)["care_leaver_points"] == ["Points for a care leaver case must be 0 or more."]
    with pytest.raises(ValidationError) as exc:
        services.workload_settings_update(authority=cast.authority, actor=cast.administrator, capacity_points_per_fte=0)
    assert "capacity_points_per_fte" in _errors(exc)


def test_unknown_settings_are_a_programming_error(cast) -> None:
    with pytest.raises(TypeError):
        services.workload_settings_update(authority=cast.authority, actor=None, colour="blue")


def test_an_update_records_who_changed_what(cast) -> None:
    services.workload_settings_ensure(authority=cast.authority)
    settings = services.workload_settings_update(
        authority=cast.authority, actor=cast.administrator, caseload_threshold=18
    )
    assert [h.caseload_threshold for h in settings.history.all()] == [18, 20]
    assert settings.history.first().history_user == cast.administrator


def test_rates_are_percentages_but_the_average_caseload_is_not(cast) -> None:
    common = {"authority": cast.authority, "actor": cast.administrator, "effective_from": dt.date(2026, 4, 1)}
    with pytest.raises(ValidationError) as exc:
        services.indicator_target_create(indicator="agency_rate", value=Decimal("100.1"), **common)
    assert "value" in _errors(exc)
    target = services.indicator_target_create(indicator="average_caseload", value=Decimal("150"), **common)
    assert IndicatorTarget.objects.get() == target


def test_england_figures_are_not_added_changed_or_removed_here(cast) -> None:
    with pytest.raises(ValidationError) as exc:
        services.comparator_figure_create(
            authority=cast.authority,
            actor=cast.administrator,
            kind=ComparatorFigure.Kind.ENGLAND,
            label="England",
            as_at=dt.date(2025, 9, 30),
            indicator="turnover_rate",
            value=Decimal("11.8"),
        )
    assert "kind" in _errors(exc)
    england = ComparatorFigure.objects.create(
        kind=ComparatorFigure.Kind.ENGLAND,
        label="England (test)",
        as_at=dt.date(2019, 9, 30),
        indicator="turnover_rate",
        value=Decimal("15.2"),
    )
    with pytest.raises(ValidationError):
        services.comparator_figure_remove(figure=england, actor=cast.administrator)
    with pytest.raises(ValidationError):
        services.comparator_figure_update(
            figure=england,
            actor=cast.administrator,
            kind=ComparatorFigure.Kind.REGION,
            label="Mine now",
            as_at=england.as_at,
            indicator=england.indicator,
            value=Decimal("1"),
        )
    england.refresh_from_db()
    assert england.label == "England (test)"
