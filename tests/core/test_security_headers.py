"""Security headers and deployment checks (issue 8, item 7).

Every response carries a content security policy with no inline script or style, a referrer policy, nosniff,
X-Frame-Options, Cross-Origin-Opener-Policy and a Permissions-Policy (core.middleware.PermissionsPolicyMiddleware);
with HTTPS on, cookies are Secure and HSTS is sent; and `check --deploy` is clean under the production settings,
with single sign-on configured too.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from core.middleware import PERMISSIONS_POLICY
from tests.conftest import PASSWORD
from tests.processes import production_env, run_python

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "object-src": "'none'",
}
# A <script> without src= that the browser would run (JSON data blocks, such as allauth's passkey options, are inert).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE)


def _csp(response) -> dict[str, str]:  # noqa: ANN001
    directives = [part.strip() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {d.split(" ", 1)[0]: d.split(" ", 1)[1] if " " in d else "" for d in directives}


def _assert_security_headers(response) -> None:  # noqa: ANN001
    assert _csp(response) == EXPECTED_CSP
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_the_permissions_policy_switches_off_features_the_service_never_uses() -> None:
    features = dict(part.strip().split("=") for part in PERMISSIONS_POLICY.split(","))
    assert features == {"camera": "()", "microphone": "()", "geolocation": "()", "payment": "()", "usb": "()"}
    assert "publickey-credentials" not in PERMISSIONS_POLICY, "passkeys must keep working"


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/password/reset/", "/no-such-page/"])
def test_pages_before_sign_in_carry_every_header(client, cast, path: str) -> None:  # noqa: ANN001
    _assert_security_headers(client.get(path))


@pytest.mark.parametrize("path", ["/", "/staff/", "/account/", "/accounts/2fa/"])
def test_signed_in_pages_carry_every_header(client_for, cast, path: str) -> None:  # noqa: ANN001
    response = client_for(cast.workforce_officer).get(path)
    assert response.status_code == 200
    _assert_security_headers(response)


def test_a_download_carries_the_headers_too(client_for, cast) -> None:  # noqa: ANN001
    response = client_for(cast.workforce_officer).get("/exports/staff-list/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("path", ["/accounts/login/", "/", "/staff/", "/accounts/2fa/"])
def test_pages_have_no_inline_script_style_or_event_handler(client_for, cast, path: str) -> None:  # noqa: ANN001
    client = client_for(None if path == "/accounts/login/" else cast.administrator)
    body = client.get(path).content.decode()
    assert not INLINE_SCRIPT.findall(body), "every script is a file (script-src 'self')"
    assert not STYLE_ATTRIBUTE.findall(body), "no style attributes (style-src 'self')"
    assert not EVENT_HANDLER.findall(body), "no onclick= and the like"


def test_without_https_cookies_are_not_marked_secure_and_no_hsts_is_sent(client, cast) -> None:  # noqa: ANN001
    assert settings.USE_HTTPS is False
    response = client.post("/accounts/login/", {"login": cast.social_worker.email, "password": PASSWORD})
    assert "Strict-Transport-Security" not in response
    assert not response.cookies[settings.SESSION_COOKIE_NAME]["secure"]


@override_settings(
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
)
def test_with_https_cookies_are_secure_and_hsts_is_sent(client, cast) -> None:  # noqa: ANN001
    page = client.get("/accounts/login/", secure=True)
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    csrf_cookie = page.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf_cookie["secure"] is True
    assert csrf_cookie["samesite"] == "Lax"
    response = client.post("/accounts/login/", {"login": cast.social_worker.email, "password": PASSWORD}, secure=True)
    session_cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session_cookie["secure"] is True
    assert session_cookie["httponly"] is True
    _assert_security_headers(page)


# --- Deployment checks under the production settings ---------------------------------------------------------


def _deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    return run_python(["-c", code], env)


def test_check_deploy_is_clean_with_single_sign_on_behind_a_proxy(tmp_path: Path) -> None:
    env = production_env(
        tmp_path,
        settings_module="config.settings.production",
        BEHIND_PROXY="true",
        SSO_OIDC_CLIENT_ID="00000000-1111-2222-3333-444444444444",
        SSO_OIDC_CLIENT_SECRET="a-secret-from-entra",
        SSO_OIDC_SERVER_URL="https://login.microsoftonline.com/55555555-6666-7777-8888-999999999999/v2.0",
        SSO_OIDC_VERIFIED_EMAIL_DOMAINS="northshire.gov.uk",
    )
    result = _deploy_check(env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_check_deploy_fails_on_a_warning(tmp_path: Path) -> None:
    """The check is strict: switching HTTPS off in production makes it fail (secure cookies, HSTS, redirect)."""
    result = _deploy_check(production_env(tmp_path, settings_module="config.settings.production", USE_HTTPS="false"))
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout
