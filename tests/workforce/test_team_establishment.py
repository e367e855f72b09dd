"""HR set a team's establishment from a date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from workforce.models import Establishment

pytestmark = pytest.mark.django_db


def _url(team) -> str:  # noqa: ANN001
    return reverse("workforce:establishment_set", args=[team.pk])


def test_it_redirects_anonymous_users_to_sign_in(client_for, cast) -> None:
    assert client_for(None).get(_url(cast.front_door)).status_code == 302


def test_it_answers_other_methods_with_405(client_for, cast) -> None:
    assert client_for(cast.workforce_officer).delete(_url(cast.front_door)).status_code == 405


@pytest.mark.parametrize("role", ["workforce_officer", "administrator"])
def test_hr_sets_the_establishment(client_for, cast, role) -> None:
    client = client_for(cast.user(role))
    assert client.get(_url(cast.front_door)).status_code == 200
    response = client.post(
        _url(cast.front_door), {"effective_from": "01/04/2025", "establishment_fte": "7.5"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("workforce:team_detail", args=[cast.front_door.pk])
    assert "Establishment of Front Door saved" in response.content.decode()
    record = Establishment.objects.get(team=cast.front_door)
    assert (record.effective_from, record.establishment_fte) == (dt.date(2025, 4, 1), Decimal("7.5"))
    assert record.created_by == cast.user(role)


def test_it_shows_errors_beside_the_fields_and_saves_nothing(client_for, cast) -> None:
    response = client_for(cast.workforce_officer).post(
        _url(cast.front_door), {"effective_from": "31/02/2025", "establishment_fte": "-1"}
    )
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'id="id_effective_from-error"' in body
    assert "Establishment FTE must be 0 or more" in body
    assert not Establishment.objects.exists()


@pytest.mark.parametrize("role", ["team_manager", "service_manager"])
def test_managers_may_not_set_the_establishment(client_for, cast, role) -> None:
    data = {"effective_from": "01/04/2025", "establishment_fte": "7.5"}
    assert client_for(cast.user(role)).post(_url(cast.front_door), data).status_code == 403
    assert not Establishment.objects.exists()


def test_it_hides_another_authoritys_team(client_for, cast) -> None:
    assert client_for(cast.other_authority_manager).get(_url(cast.front_door)).status_code == 404
    assert client_for(cast.workforce_officer).get(_url(cast.other_team)).status_code == 404
