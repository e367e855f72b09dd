"""The home page shows each role what exists for it now."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_redirects_anonymous_users_to_sign_in(client_for, cast) -> None:
    response = client_for(None).get(reverse("core:home"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_it_shows_a_social_worker_their_own_record(client_for, cast) -> None:
    response = client_for(cast.social_worker).get(reverse("core:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your record" in body
    assert "A001" in body
    assert "Front Door" in body
    assert "17 cases" in body


def test_it_shows_a_team_manager_their_team_and_colleagues(client_for, cast) -> None:
    body = client_for(cast.team_manager).get(reverse("core:home")).content.decode()
    assert "Your team" in body
    assert "Sam Patel" in body
    assert "Chris Morgan" in body
    assert "Priya Shah" not in body  # another service area's team


def test_it_shows_a_service_manager_the_teams_of_their_area(client_for, cast) -> None:
    body = client_for(cast.service_manager).get(reverse("core:home")).content.decode()
    assert "Child Protection" in body
    assert "Front Door" in body
    assert "Children in Care" not in body


def test_it_shows_a_workforce_officer_the_authority_today(client_for, cast) -> None:
    response = client_for(cast.workforce_officer).get(reverse("core:home"))
    assert response.context["overview"]["in_post"] == 2
    assert response.context["overview"]["agency"] == 1


def test_it_shows_an_administrator_the_organisation(client_for, cast) -> None:
    body = client_for(cast.administrator).get(reverse("core:home")).content.decode()
    assert "Organisation" in body
    assert "Safeguarding" in body
    assert "Children in Care" in body


def test_it_shows_another_authority_nothing_of_this_one(client_for, cast) -> None:
    body = client_for(cast.other_authority_manager).get(reverse("core:home")).content.decode()
    assert "Southshire Borough Council" in body
    assert "Northshire" not in body
    assert "Sam Patel" not in body
