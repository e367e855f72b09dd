"""Single sign-on in a real browser, against the stub identity provider of tests/core/test_sso.py.

The browser's visit to the provider's authorisation page is answered by Playwright (page.route) with the redirect
back to the callback, as the provider would after the person signs in; the server's own calls to the provider go
to the stub through SocialAccountAdapter.get_requests_session. Each page is checked with axe.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from core.adapters import SocialAccountAdapter
from tests.browser.conftest import check_accessible
from tests.core.test_sso import SERVER_URL, SSO_CALLBACK, SSO_LOGIN, StubIdentityProvider, sso_settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_signing_in_with_a_council_account(page: Page, live_server, cast, monkeypatch) -> None:  # noqa: ANN001
    idp = StubIdentityProvider()
    monkeypatch.setattr(SocialAccountAdapter, "get_requests_session", lambda self: idp)

    def provider_signs_in(route: Route) -> None:
        query = parse_qs(urlsplit(route.request.url).query)
        callback = f"{query['redirect_uri'][0]}?state={query['state'][0]}&code=stub-code"
        route.fulfill(status=302, headers={"Location": callback})

    page.route(f"{SERVER_URL}/**", provider_signs_in)
    base = live_server.url
    with sso_settings():
        page.goto(f"{base}/accounts/login/")
        expect(page.get_by_role("button", name="Sign in with your council account")).to_be_visible()
        expect(
            page.get_by_role("heading", level=2, name="Or sign in with your e-mail address and password")
        ).to_be_visible()
        check_accessible(page, "sign-in-with-sso")

        idp.claims = {"sub": "entra-stranger", "email": "stranger@northshire.example", "email_verified": True}
        page.get_by_role("button", name="Sign in with your council account").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("You cannot sign in with this council account")
        expect(page.get_by_text("There is no account for stranger@northshire.example")).to_be_visible()
        check_accessible(page, "sso-refused-unknown")

        page.goto(f"{base}{SSO_CALLBACK}?state=forged&code=x")
        expect(page.get_by_role("heading", level=1)).to_have_text("Signing in with your council account did not work")
        check_accessible(page, "sso-error")

        page.goto(f"{base}{SSO_LOGIN}")
        expect(page.get_by_role("heading", level=1)).to_have_text("Sign in with your council account")
        check_accessible(page, "sso-confirm")

        page.goto(f"{base}/accounts/login/")
        idp.claims = {"sub": "entra-sam", "email": cast.social_worker.email, "email_verified": True}
        page.get_by_role("button", name="Sign in with your council account").click()
        expect(page.get_by_text("Sam Patel").first).to_be_visible()
        assert urlsplit(page.url).path == "/"

        page.goto(f"{base}/accounts/3rdparty/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Council account sign-in")
        check_accessible(page, "sso-connections")
