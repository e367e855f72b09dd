"""The authority's CPD settings page: workforce officers and administrators change them (docs/adr/0014)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from cpd.models import CpdSettings
from cpd.selectors.days import cpd_settings_for

pytestmark = pytest.mark.django_db
URL = "cpd:settings"
VALID = {"days_per_year": "4.5", "pro_rata": "yes", "reminder_days": "30, 90,7, 30", "training_expiring_days": "45"}


def test_the_page_shows_the_defaults_when_the_authority_has_no_settings(cast, client_for) -> None:  # noqa: ANN001
    response = client_for(cast.administrator).get(reverse(URL))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["days_per_year"] == Decimal("3")
    assert form.initial["reminder_days"] == "90, 60, 30, 14, 7"
    assert form.initial["training_expiring_days"] == 60


@pytest.mark.parametrize("role", ["workforce_officer", "administrator"])
def test_hr_and_administrators_change_the_settings(cast, client_for, role: str) -> None:  # noqa: ANN001
    response = client_for(cast.user(role)).post(reverse(URL), VALID)
    assert response.status_code == 302
    settings = CpdSettings.objects.get(authority=cast.authority)
    assert (settings.days_per_year, settings.pro_rata, settings.reminder_days, settings.training_expiring_days) == (
        Decimal("4.5"),
        True,
        [90, 30, 7],
        45,
    )
    assert settings.updated_by == cast.user(role)
    assert cpd_settings_for(cast.other_authority).days_per_year == Decimal("3")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("days_per_year", "2.3", "Enter the days as a whole or half number, for example 3 or 2.5"),
        (
            "reminder_days",
            "90, soon",
            "Enter the reminder points as whole numbers of days separated by commas, for example 90, 30, 7",
        ),
        ("reminder_days", "400", "Each reminder point must be a whole number of days from 1 to 365"),
        ("training_expiring_days", "0", "The expiring window must be a whole number of days from 1 to 365"),
    ],
)
def test_it_shows_errors_beside_the_field(cast, client_for, field: str, value: str, message: str) -> None:  # noqa: ANN001
    response = client_for(cast.administrator).post(reverse(URL), {**VALID, field: value})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert "<title>Error: " in response.content.decode()
    assert not CpdSettings.objects.exists()


@pytest.mark.parametrize("role", ["social_worker", "team_manager", "service_manager", "panel_member"])
def test_other_roles_may_not_change_them(cast, client_for, role: str) -> None:  # noqa: ANN001
    assert client_for(cast.user(role)).post(reverse(URL), VALID).status_code == 403
    assert not CpdSettings.objects.exists()


def test_anonymous_users_are_sent_to_sign_in(cast, client_for) -> None:  # noqa: ANN001
    assert client_for(None).get(reverse(URL)).status_code == 302
