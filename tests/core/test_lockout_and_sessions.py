"""Sign-in hardening (issue 8, item 1): MFA required per role by default, idle session timeout, lock-out with
django-axes per e-mail address and IP address, and no user enumeration on sign-in or password reset.

Test settings switch off what would get in the way of other tests (AXES_ENABLED, MFA_REQUIRED_ROLES); these tests
switch each one back on with override_settings. Idle time is simulated by moving the stored session's expiry date,
never by sleeping.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from config.settings import base
from tests.conftest import PASSWORD
from tests.processes import production_env, run_python

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
RESET = "/accounts/password/reset/"
PRODUCTION_DEFAULT_MFA_ROLES = ["workforce_officer", "administrator"]


def _sign_in(client, email: str, password: str, ip: str = "10.0.0.1"):  # noqa: ANN001, ANN202
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=ip)


def _signed_in_user(client):  # noqa: ANN001, ANN202
    return client.get("/account/").wsgi_request.user


def _neutral(body: str, *values: str) -> str:
    """The page without what legitimately differs: CSRF tokens and the address the person typed."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    for value in values:
        body = body.replace(value, "ADDRESS")
    return body


@pytest.fixture
def axes_on():  # noqa: ANN201
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3):
        axes_reset()
        yield
        axes_reset()


# --- MFA per role ----------------------------------------------------------------------------------------


def test_mfa_is_required_by_default_for_workforce_officers_and_administrators() -> None:
    if "MFA_REQUIRED_ROLES" in os.environ:
        pytest.skip("the environment overrides MFA_REQUIRED_ROLES")
    assert base.MFA_REQUIRED_ROLES == PRODUCTION_DEFAULT_MFA_ROLES
    assert settings.MFA_REQUIRED_ROLES == [], "test settings switch it off; the tests below switch it on"


def test_production_keeps_the_default_mfa_roles_and_the_lock_out_on(tmp_path: Path) -> None:
    env = production_env(tmp_path, settings_module="config.settings.production")
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.MFA_REQUIRED_ROLES, s.AXES_ENABLED, s.SESSION_COOKIE_AGE, s.SESSION_SAVE_EVERY_REQUEST]))"
    )
    result = run_python(["-c", code], env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [PRODUCTION_DEFAULT_MFA_ROLES, True, 1800, True]


@override_settings(MFA_REQUIRED_ROLES=PRODUCTION_DEFAULT_MFA_ROLES)
@pytest.mark.parametrize("role", ["workforce_officer", "administrator"])
def test_with_the_default_roles_hr_and_administrators_must_set_up_mfa(role: str, client_for, cast) -> None:  # noqa: ANN001
    client = client_for(cast.user(role))
    for path in ("/", "/staff/", "/account/"):
        assert client.get(path)["Location"] == "/mfa-required/", path
    assert client.get("/accounts/2fa/").status_code == 200, "the set-up pages stay open"


@override_settings(MFA_REQUIRED_ROLES=PRODUCTION_DEFAULT_MFA_ROLES)
@pytest.mark.parametrize("role", ["social_worker", "team_manager", "service_manager", "panel_member"])
def test_with_the_default_roles_other_roles_are_not_stopped(role: str, client_for, cast) -> None:  # noqa: ANN001
    assert client_for(cast.user(role)).get("/").status_code == 200


@override_settings(MFA_REQUIRED_ROLES=["team_manager"])
def test_the_required_roles_are_whatever_the_setting_lists(client_for, cast) -> None:  # noqa: ANN001
    assert client_for(cast.team_manager).get("/")["Location"] == "/mfa-required/"
    assert client_for(cast.workforce_officer).get("/").status_code == 200


# --- Idle session timeout ----------------------------------------------------------------------------------


def _stored_session(client) -> Session:  # noqa: ANN001
    return Session.objects.get(session_key=client.session.session_key)


def test_the_session_lasts_thirty_idle_minutes_and_ends_with_the_browser() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_a_session_idle_past_the_timeout_is_signed_out(client, cast) -> None:
    assert _sign_in(client, cast.social_worker.email, PASSWORD)["Location"] == "/"
    assert client.get("/").status_code == 200
    Session.objects.filter(pk=_stored_session(client).pk).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not _signed_in_user(client).is_authenticated


def test_each_request_renews_an_active_session(client, cast) -> None:
    _sign_in(client, cast.social_worker.email, PASSWORD)
    nearly_idle = timezone.now() + dt.timedelta(seconds=5)
    Session.objects.filter(pk=_stored_session(client).pk).update(expire_date=nearly_idle)
    before = timezone.now()
    assert client.get("/").status_code == 200
    renewed = _stored_session(client).expire_date
    assert renewed >= before + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 5)
    assert _signed_in_user(client) == cast.social_worker


def test_the_session_cookie_is_http_only_lax_and_has_no_lifetime_of_its_own(client, cast) -> None:
    response = _sign_in(client, cast.social_worker.email, PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == "", "a browser-session cookie: the server decides the idle timeout"


# --- Lock-out (django-axes) --------------------------------------------------------------------------------


def test_after_the_limit_the_right_password_is_refused_from_that_ip(client, cast, axes_on) -> None:  # noqa: ANN001
    statuses = [_sign_in(client, cast.social_worker.email, "guess").status_code for _ in range(3)]
    assert statuses == [200, 200, 429], "the third failure reaches AXES_FAILURE_LIMIT"
    locked = _sign_in(client, cast.social_worker.email, PASSWORD)
    assert locked.status_code == 429
    assert "Sign-in is locked for now" in locked.content.decode()
    assert "30 minutes" in locked.content.decode()
    assert not _signed_in_user(client).is_authenticated
    assert AccessAttempt.objects.filter(username=cast.social_worker.email, ip_address="10.0.0.1").exists()


def test_the_same_address_from_another_ip_still_signs_in(client, cast, axes_on) -> None:  # noqa: ANN001
    for _ in range(3):
        _sign_in(client, cast.social_worker.email, "guess", ip="10.0.0.1")
    assert _sign_in(client, cast.social_worker.email, PASSWORD, ip="10.0.0.1").status_code == 429
    elsewhere = _sign_in(client, cast.social_worker.email, PASSWORD, ip="10.0.0.2")
    assert elsewhere["Location"] == "/"


def test_another_address_from_the_same_ip_still_signs_in(client, cast, axes_on) -> None:  # noqa: ANN001
    """A council office shares one IP address: one person's typos must not lock out their colleagues."""
    for _ in range(3):
        _sign_in(client, cast.social_worker.email, "guess")
    assert _sign_in(client, cast.team_manager.email, PASSWORD)["Location"] == "/"


def test_a_success_before_the_limit_clears_the_count(client, cast, axes_on) -> None:  # noqa: ANN001
    for _ in range(2):
        _sign_in(client, cast.social_worker.email, "guess")
    assert _sign_in(client, cast.social_worker.email, PASSWORD)["Location"] == "/"
    client.post("/accounts/logout/")
    for _ in range(2):
        _sign_in(client, cast.social_worker.email, "guess")
    assert _sign_in(client, cast.social_worker.email, PASSWORD)["Location"] == "/"


def test_the_locked_out_page_is_the_same_for_an_unknown_address(client, cast, axes_on) -> None:  # noqa: ANN001
    for _ in range(3):
        _sign_in(client, cast.social_worker.email, "guess")
        _sign_in(client, "nobody@northshire.example", "guess")
    known = _sign_in(client, cast.social_worker.email, "guess")
    unknown = _sign_in(client, "nobody@northshire.example", "guess")
    assert known.status_code == unknown.status_code == 429
    assert _neutral(known.content.decode()) == _neutral(unknown.content.decode())


# --- No user enumeration -------------------------------------------------------------------------------------


def test_sign_in_answers_the_same_for_an_unknown_address_and_a_wrong_password(client, cast) -> None:
    known = _sign_in(client, cast.social_worker.email, "not-the-password")
    unknown = _sign_in(client, "nobody@northshire.example", "not-the-password")
    assert known.status_code == unknown.status_code == 200
    assert _neutral(known.content.decode(), cast.social_worker.email) == _neutral(
        unknown.content.decode(), "nobody@northshire.example"
    )


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "10/m/ip,5/5m/key"})
def test_allauth_rate_limit_answers_the_same_for_known_and_unknown_addresses(client, cast) -> None:
    for _ in range(5):
        _sign_in(client, cast.social_worker.email, "guess", ip="10.0.0.3")
        _sign_in(client, "nobody@northshire.example", "guess", ip="10.0.0.4")
    known = _sign_in(client, cast.social_worker.email, PASSWORD, ip="10.0.0.3")
    unknown = _sign_in(client, "nobody@northshire.example", PASSWORD, ip="10.0.0.4")
    assert not _signed_in_user(client).is_authenticated, "the right password is refused once rate-limited"
    assert known.status_code == unknown.status_code
    assert _neutral(known.content.decode(), cast.social_worker.email) == _neutral(
        unknown.content.decode(), "nobody@northshire.example"
    )


def test_password_reset_shows_the_same_page_and_sends_nothing_to_an_unknown_address(client, cast) -> None:
    known = client.post(RESET, {"email": cast.social_worker.email}, follow=True)
    sent_to_known = len(mail.outbox)
    unknown = client.post(RESET, {"email": "nobody@northshire.example"}, follow=True)
    assert sent_to_known == 1
    assert len(mail.outbox) == 1, "no e-mail at all to an address without an account"
    assert known.redirect_chain == unknown.redirect_chain
    assert _neutral(known.content.decode()) == _neutral(unknown.content.decode())
    assert not settings.ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS
    assert settings.ACCOUNT_PREVENT_ENUMERATION is True
