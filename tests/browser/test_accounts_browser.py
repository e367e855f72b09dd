"""Accounts in a real browser: sign-in, password reset, MFA set-up and passkeys, each page checked with axe."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import check_accessible, sign_in, sign_out
from tests.conftest import PASSWORD, ROLE_NAMES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_the_pages_before_sign_in_are_accessible(page: Page, live_server, cast) -> None:
    """Sign-in (also with an error), sign-up closed, password reset from request to new password, and lock-out."""
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_text("Accounts are created by your administrator")).to_be_visible()
    check_accessible(page, "sign-in")

    sign_in(page, live_server, cast.social_worker.email, "not-the-password")
    expect(page.locator(".govuk-error-summary")).to_contain_text("not correct")
    check_accessible(page, "sign-in-wrong-password")

    page.goto(f"{base}/accounts/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot create an account here")
    check_accessible(page, "sign-up-closed")

    page.goto(f"{base}/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    check_accessible(page, "password-reset")
    page.get_by_label("Email").fill(cast.social_worker.email)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    check_accessible(page, "password-reset-done")

    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mail.outbox[-1].body).group(0)
    page.goto(base + urlsplit(link).path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    check_accessible(page, "password-reset-from-key")
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("New password (again)").fill("different")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessible(page, "password-reset-from-key-errors")
    page.get_by_label("New password", exact=True).fill("a-brand-new-passphrase")
    page.get_by_label("New password (again)").fill("a-brand-new-passphrase")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Password changed")
    check_accessible(page, "password-reset-from-key-done")

    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=1):
        try:
            sign_in(page, live_server, cast.panel_member.email, "wrong")
            sign_in(page, live_server, cast.panel_member.email, "wrong")
            expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in is locked for now")
            check_accessible(page, "locked-out")
        finally:
            axes_reset()


def test_an_account_made_in_the_admin_confirms_its_address_at_first_sign_in(page: Page, live_server, cast) -> None:
    """Accounts created in Django admin have no verified address yet: the first sign-in sends a link."""
    get_user_model().objects.create_user(email="new.starter@northshire.example", password=PASSWORD)
    sign_in(page, live_server, "new.starter@northshire.example", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your e-mail address")
    check_accessible(page, "email-verification-sent")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + urlsplit(link).path)
    check_accessible(page, "email-confirm")
    page.get_by_role("button", name="Confirm").click()
    sign_in(page, live_server, "new.starter@northshire.example", PASSWORD)
    assert page.url == f"{live_server.url}/"


def test_each_role_signs_in_lands_on_the_home_page_and_signs_out(page: Page, live_server, cast) -> None:
    for role in ROLE_NAMES[1:]:
        user = cast.user(role)
        sign_in(page, live_server, user.email, PASSWORD)
        assert page.url == f"{live_server.url}/", f"{role} landed on {page.url}"
        expect(page.get_by_role("heading", level=1)).to_have_text(user.full_name)
        sign_out(page)
        assert page.url.startswith(f"{live_server.url}/accounts/login/"), f"{role} signed out to {page.url}"
    expect(page.locator(".govuk-notification-banner")).to_contain_text("signed out")
    check_accessible(page, "signed-out")


def test_the_account_and_authenticator_app_pages_are_accessible(page: Page, live_server, cast) -> None:
    """From the account page to an active authenticator app, then signing in with its code."""
    base = live_server.url
    sign_in(page, live_server, cast.workforce_officer.email, PASSWORD)
    page.goto(f"{base}/accounts/password/change/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
    check_accessible(page, "password-change")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessible(page, "password-change-errors")

    page.goto(f"{base}/accounts/email/")
    check_accessible(page, "email-addresses")
    page.goto(f"{base}/accounts/2fa/")
    check_accessible(page, "mfa-index")
    page.goto(f"{base}/accounts/2fa/totp/activate/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    check_accessible(page, "reauthenticate")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    check_accessible(page, "totp-activate")

    page.get_by_role("button", name="Activate").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessible(page, "totp-activate-errors")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(_totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.locator(".govuk-notification-banner").first).to_contain_text("Authenticator app activated")
    check_accessible(page, "totp-activated")

    page.goto(f"{base}/accounts/2fa/")
    check_accessible(page, "mfa-index-active")
    page.goto(f"{base}/accounts/2fa/recovery-codes/")
    check_accessible(page, "recovery-codes")
    page.goto(f"{base}/accounts/2fa/recovery-codes/generate/")
    check_accessible(page, "recovery-codes-generate")
    page.goto(f"{base}/accounts/2fa/totp/deactivate/")
    check_accessible(page, "totp-deactivate")
    page.goto(f"{base}/accounts/logout/")
    check_accessible(page, "sign-out-confirm")
    page.get_by_role("button", name="Sign out").last.click()

    sign_in(page, live_server, cast.workforce_officer.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    check_accessible(page, "mfa-authenticate")
    page.get_by_label("Code").fill(_totp_code(secret))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{base}/")


def test_a_passkey_can_be_added_and_used_to_sign_in(context: BrowserContext, page: Page, live_server, cast) -> None:
    """Chromium's virtual authenticator stands in for the security key (live_server.url is localhost)."""
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    base = live_server.url
    sign_in(page, live_server, cast.social_worker.email, PASSWORD)
    page.goto(f"{base}/accounts/2fa/webauthn/add/")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/webauthn/add/"))
    check_accessible(page, "webauthn-add")
    page.get_by_label("Name").fill("Laptop")
    page.get_by_label("Passwordless").check()
    page.locator("#mfa_webauthn_add").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/"))
    check_accessible(page, "webauthn-added-recovery-codes")
    page.goto(f"{base}/accounts/2fa/webauthn/")
    expect(page.get_by_role("table")).to_contain_text("Laptop")
    check_accessible(page, "webauthn-list")

    sign_out(page)
    page.locator("#passkey_login").click()
    expect(page).to_have_url(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(cast.social_worker.full_name)
