"""Django admin is for administrators only (core.admin_site), and signing in to it goes through allauth's MFA."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.conftest import PASSWORD, ROLE_NAMES

pytestmark = pytest.mark.django_db


def test_an_administrator_can_use_the_admin(client_for, cast) -> None:
    response = client_for(cast.administrator).get("/admin/")
    assert response.status_code == 200
    assert "Equipped administration" in response.content.decode()


@pytest.mark.parametrize("role", [r for r in ROLE_NAMES if r != "administrator"])
def test_everyone_else_is_sent_to_sign_in_or_refused(role: str, client_for, cast) -> None:
    response = client_for(cast.user(role)).get("/admin/")
    assert response.status_code in (302, 403), f"{role}: {response.status_code}"
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"] or "/accounts/login/" in response["Location"]
        after = client_for(cast.user(role)).get(response["Location"])
        assert after.status_code in (200, 302, 403)
        assert "Site administration" not in after.content.decode()


def test_the_staff_flag_alone_does_not_open_the_admin(client_for, cast) -> None:
    """A staff flag alone does not open the admin: the user must be a superuser or hold the administrator role."""
    officer = cast.workforce_officer
    officer.is_staff = True
    officer.save(update_fields=["is_staff"])
    response = client_for(officer).get("/admin/")
    assert response.status_code in (302, 403)


def test_the_admin_login_page_does_not_bypass_multi_factor_authentication(client, cast) -> None:
    TOTP.activate(cast.administrator, generate_totp_secret())
    client.post("/admin/login/?next=/admin/", {"username": cast.administrator.email, "password": PASSWORD})
    assert client.get("/admin/").status_code != 200
