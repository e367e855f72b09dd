"""Multi-factor authentication: TOTP set-up after re-authentication, the code at sign-in, recovery codes, and
core.middleware.RequireMfaMiddleware for the roles in MFA_REQUIRED_ROLES."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.cache import cache
from django.test import override_settings

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ACTIVATE = "/accounts/2fa/totp/activate/"
AUTHENTICATE = "/accounts/2fa/authenticate/"


@pytest.fixture(autouse=True)
def _forget_used_codes():  # noqa: ANN202
    """allauth remembers used TOTP codes in the cache; a code from one test must not leak into the next."""
    cache.clear()
    yield
    cache.clear()


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def _sign_in(client, email: str):  # noqa: ANN001, ANN202
    return client.post(LOGIN, {"login": email, "password": PASSWORD})


def _activate_totp(client) -> str:  # noqa: ANN001
    """Re-authenticate, then set up an authenticator app; returns its secret."""
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get(ACTIVATE)
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(ACTIVATE, {"code": _code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return secret


def test_setting_up_an_authenticator_app_asks_for_the_password_again(client, cast) -> None:
    _sign_in(client, cast.workforce_officer.email)
    response = client.get(ACTIVATE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    page = client.get(response["Location"])
    assert "Confirm it is you" in page.content.decode()


def test_the_activation_page_shows_the_qr_code_and_the_secret(client, cast) -> None:
    _sign_in(client, cast.workforce_officer.email)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get(ACTIVATE)
    body = page.content.decode()
    assert 'alt="QR code for your authenticator app"' in body
    assert page.context["form"].secret in body


def test_a_wrong_code_does_not_activate_the_app(client, cast) -> None:
    _sign_in(client, cast.workforce_officer.email)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    client.get(ACTIVATE)
    response = client.post(ACTIVATE, {"code": "000000"})
    assert response.status_code == 200
    assert "govuk-error-message" in response.content.decode()
    assert not Authenticator.objects.filter(user=cast.workforce_officer).exists()


def test_after_activation_sign_in_asks_for_the_code_and_accepts_a_valid_one(client, cast) -> None:
    _sign_in(client, cast.workforce_officer.email)
    secret = _activate_totp(client)
    assert Authenticator.objects.filter(user=cast.workforce_officer, type=Authenticator.Type.TOTP).exists()
    client.post("/accounts/logout/")

    response = _sign_in(client, cast.workforce_officer.email)
    assert response["Location"] == AUTHENTICATE
    page = client.get(AUTHENTICATE)
    assert "Enter your code" in page.content.decode()
    assert client.get("/").status_code == 302, "not signed in before the code"

    wrong = client.post(AUTHENTICATE, {"code": "000000"})
    assert wrong.status_code == 200
    assert "govuk-error-summary" in wrong.content.decode()

    accepted = client.post(AUTHENTICATE, {"code": _code(secret)})
    assert accepted["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_recovery_code_works_once_instead_of_the_app(client, cast) -> None:
    _sign_in(client, cast.workforce_officer.email)
    _activate_totp(client)
    codes = Authenticator.objects.get(user=cast.workforce_officer, type=Authenticator.Type.RECOVERY_CODES)
    recovery_code = codes.wrap().get_unused_codes()[0]
    client.post("/accounts/logout/")

    _sign_in(client, cast.workforce_officer.email)
    assert client.post(AUTHENTICATE, {"code": recovery_code})["Location"] == "/"
    client.post("/accounts/logout/")

    _sign_in(client, cast.workforce_officer.email)
    assert client.post(AUTHENTICATE, {"code": recovery_code}).status_code == 200, "a used code is refused"


def test_the_mfa_page_shows_what_is_set_up(client, cast) -> None:
    _sign_in(client, cast.workforce_officer.email)
    before = client.get("/accounts/2fa/").content.decode()
    assert "Multi-factor authentication" in before
    assert "Not set up" in before
    _activate_totp(client)
    after = client.get("/accounts/2fa/").content.decode()
    assert "Turn off" in after
    assert "10 of 10 unused" in after


@override_settings(MFA_REQUIRED_ROLES=["workforce_officer"])
def test_a_role_that_requires_mfa_is_sent_to_set_it_up_from_any_page(client_for, cast) -> None:
    client = client_for(cast.workforce_officer)
    for path in ["/", "/account/", "/staff/", f"/staff/{cast.sam.pk}/", "/teams/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/mfa-required/", path
    page = client.get("/mfa-required/")
    assert page.status_code == 200
    assert "Set up multi-factor authentication" in page.content.decode()


@override_settings(MFA_REQUIRED_ROLES=["workforce_officer"])
def test_the_account_pages_stay_open_so_that_mfa_can_be_set_up(client_for, cast) -> None:
    client = client_for(cast.workforce_officer)
    for path in ["/accounts/2fa/", "/accounts/reauthenticate/", "/accounts/password/change/"]:
        assert client.get(path).status_code == 200, path


@override_settings(MFA_REQUIRED_ROLES=["workforce_officer"])
def test_after_setting_up_totp_the_role_may_use_the_service(client, cast) -> None:
    _sign_in(client, cast.workforce_officer.email)
    assert client.get("/")["Location"] == "/mfa-required/"
    _activate_totp(client)
    assert client.get("/").status_code == 200
    assert client.get("/staff/").status_code == 200


@override_settings(MFA_REQUIRED_ROLES=["workforce_officer"])
def test_recovery_codes_alone_do_not_count_as_mfa(client_for, cast) -> None:
    Authenticator.objects.create(user=cast.workforce_officer, type=Authenticator.Type.RECOVERY_CODES, data={})
    assert client_for(cast.workforce_officer).get("/")["Location"] == "/mfa-required/"


@override_settings(MFA_REQUIRED_ROLES=["workforce_officer"])
def test_a_role_that_does_not_require_mfa_is_not_redirected(client_for, cast) -> None:
    client = client_for(cast.social_worker)
    assert client.get("/").status_code == 200
    assert client.get("/account/").status_code == 200


@override_settings(MFA_REQUIRED_ROLES=["workforce_officer"])
def test_anonymous_users_are_sent_to_sign_in_not_to_mfa(client_for, cast) -> None:
    response = client_for(None).get("/")
    assert response["Location"].startswith(LOGIN)
