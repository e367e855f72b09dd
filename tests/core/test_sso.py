"""Single sign-on with the council's identity provider, through allauth's OpenID Connect provider.

The identity provider is a stub: every HTTP call allauth makes (discovery, token, userinfo, signing keys) goes
through `SocialAccountAdapter.get_requests_session`, which the `idp` fixture replaces with an in-memory fake that
answers like Microsoft Entra ID and records what it was sent. The app is configured from settings
(SOCIALACCOUNT_PROVIDERS, as config.settings.base builds it from the SSO_OIDC_* variables), never from the database.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.socialaccount.models import SocialAccount, SocialApp
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings

from core.adapters import SocialAccountAdapter
from tests.conftest import PASSWORD
from tests.processes import clean_env, run_python

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
SSO_LOGIN = "/accounts/oidc/entra/login/"
SSO_CALLBACK = "/accounts/oidc/entra/login/callback/"
SERVER_URL = "https://login.microsoftonline.test/11111111-2222-3333-4444-555555555555/v2.0"
CLIENT_ID = "equipped-client-id"
CLIENT_SECRET = "equipped-client-secret"  # noqa: S105
KID = "stub-key-1"
_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _app(**settings: Any) -> dict[str, Any]:
    return {
        "provider_id": "entra",
        "name": "Sign in with your council account",
        "client_id": CLIENT_ID,
        "secret": CLIENT_SECRET,
        "settings": {"server_url": SERVER_URL, "token_auth_method": "client_secret_post", **settings},
    }


def sso_settings(**app_settings: Any) -> override_settings:
    """SSO switched on as config.settings.base does it when the SSO_OIDC_* variables are set."""
    csp = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    csp["DIRECTIVES"]["form-action"].append("https://login.microsoftonline.test")
    return override_settings(
        SOCIALACCOUNT_PROVIDERS={"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [_app(**app_settings)]}},
        CONTENT_SECURITY_POLICY=csp,
    )


class _Response:
    def __init__(self, payload: dict[str, Any], status: int = 200) -> None:
        self.status_code = status
        self._payload = payload
        self.headers = {"content-type": "application/json; charset=utf-8"}
        self.text = json.dumps(payload)
        self.content = self.text.encode()

    def json(self) -> dict[str, Any]:
        return self._payload

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            import requests

            raise requests.HTTPError(f"{self.status_code}")


@dataclass
class StubIdentityProvider:
    """Answers allauth's requests as an OpenID Connect provider would; `claims` is who signs in."""

    claims: dict[str, Any] = field(default_factory=dict)
    audience: str = CLIENT_ID
    token_requests: list[dict[str, Any]] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)

    @property
    def issuer(self) -> str:
        return SERVER_URL

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{SERVER_URL}/oauth2/authorize",
            "token_endpoint": f"{SERVER_URL}/oauth2/token",
            "userinfo_endpoint": f"{SERVER_URL}/oidc/userinfo",
            "jwks_uri": f"{SERVER_URL}/discovery/keys",
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        }

    def id_token(self) -> str:
        now = int(time.time())
        payload = {"iss": self.issuer, "aud": self.audience, "iat": now, "nbf": now, "exp": now + 3600, **self.claims}
        return jwt.encode(payload, _KEY, algorithm="RS256", headers={"kid": KID})

    def jwks(self) -> dict[str, Any]:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(_KEY.public_key()))
        return {"keys": [{**public, "kid": KID, "use": "sig", "alg": "RS256"}]}

    # The requests.Session interface allauth uses.
    def __enter__(self) -> StubIdentityProvider:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def get(self, url: str, **kwargs: Any) -> _Response:
        return self.request("GET", url, **kwargs)

    def request(self, method: str, url: str, **kwargs: Any) -> _Response:
        self.calls.append(f"{method} {url}")
        endpoints = self.discovery()
        if url == f"{SERVER_URL}/.well-known/openid-configuration":
            return _Response(endpoints)
        if url == endpoints["token_endpoint"] and method == "POST":
            self.token_requests.append(dict(kwargs.get("data") or {}))
            return _Response(
                {
                    "access_token": "stub-access-token",
                    "token_type": "Bearer",
                    "expires_in": 3600,
                    "id_token": self.id_token(),
                }
            )
        if url == endpoints["userinfo_endpoint"]:
            assert kwargs["headers"]["Authorization"] == "Bearer stub-access-token"
            return _Response({k: v for k, v in self.claims.items() if k not in {"nonce"}})
        if url == endpoints["jwks_uri"]:
            return _Response(self.jwks())
        return _Response({"error": "not_found"}, status=404)


@pytest.fixture
def idp(monkeypatch: pytest.MonkeyPatch) -> StubIdentityProvider:
    stub = StubIdentityProvider()
    monkeypatch.setattr(SocialAccountAdapter, "get_requests_session", lambda self: stub)
    return stub


def _claims(email: str, *, verified: bool | None = True, sub: str | None = None) -> dict[str, Any]:
    claims: dict[str, Any] = {"sub": sub or f"sub-{uuid.uuid4()}", "email": email, "name": "Someone"}
    if verified is not None:
        claims["email_verified"] = verified
    return claims


def sso_sign_in(client, idp: StubIdentityProvider, claims: dict[str, Any], *, process: str = "login"):  # noqa: ANN001, ANN201
    """The whole round trip: the button's POST, the provider's redirect back, and the callback."""
    idp.claims = claims
    start = client.post(f"{SSO_LOGIN}?process={process}")
    assert start.status_code == 302, start.content.decode()[:500]
    authorize = urlsplit(start["Location"])
    assert f"{authorize.scheme}://{authorize.netloc}{authorize.path}" == f"{SERVER_URL}/oauth2/authorize"
    query = {k: v[0] for k, v in parse_qs(authorize.query).items()}
    assert query["client_id"] == CLIENT_ID
    assert query["redirect_uri"] == f"http://testserver{SSO_CALLBACK}"
    assert set(query["scope"].split()) == {"openid", "profile", "email"}
    assert query["code_challenge_method"] == "S256"
    response = client.get(SSO_CALLBACK, {"state": query["state"], "code": "stub-authorisation-code"})
    if idp.token_requests:
        sent = idp.token_requests[-1]
        assert sent["code"] == "stub-authorisation-code"
        assert sent["client_secret"] == CLIENT_SECRET
        challenge = base64.urlsafe_b64encode(hashlib.sha256(sent["code_verifier"].encode()).digest()).rstrip(b"=")
        assert challenge.decode() == query["code_challenge"], "PKCE: the verifier matches the challenge sent"
    return response


def _signed_in_user(client):  # noqa: ANN001, ANN202
    return client.get("/account/").wsgi_request.user


# --- The sign-in page -------------------------------------------------------------------------------------


def test_without_a_client_id_the_sign_in_page_offers_no_single_sign_on(client, cast) -> None:
    body = client.get(LOGIN).content.decode()
    assert "Sign in with your council account" not in body
    assert "/accounts/oidc/" not in body
    assert client.post(f"{SSO_LOGIN}?process=login").status_code == 404


def test_with_sso_configured_the_sign_in_page_has_a_button_that_posts_to_the_provider(client, cast) -> None:
    with sso_settings():
        body = client.get(LOGIN).content.decode()
    assert '<form method="post" action="/accounts/oidc/entra/login/?process=login">' in body
    assert 'id="sso_login_entra">Sign in with your council account</button>' in body
    assert "Or sign in with your e-mail address and password" in body
    assert "Accounts are created by your administrator" in body


def test_the_app_comes_from_settings_not_the_database(client, cast) -> None:
    with sso_settings():
        client.get(LOGIN)
    assert not SocialApp.objects.exists()


def test_opening_the_sign_on_link_directly_asks_before_leaving_the_site(client, cast) -> None:
    with sso_settings():
        page = client.get(SSO_LOGIN)
    assert page.status_code == 200
    body = page.content.decode()
    assert "You will be taken to your council's sign-in page" in body
    assert "<title>Sign in with your council account" in body


def test_an_unknown_provider_answers_404(client, cast) -> None:
    with sso_settings():
        assert client.post("/accounts/oidc/google/login/?process=login").status_code == 404


# --- Matching by verified e-mail address ------------------------------------------------------------------


def test_a_known_user_with_a_verified_address_is_signed_in_and_connected(client, cast, idp) -> None:
    users_before = get_user_model().objects.count()
    with sso_settings():
        response = sso_sign_in(client, idp, _claims(cast.social_worker.email, sub="entra-sam"))
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _signed_in_user(client) == cast.social_worker
    assert "Sam Patel" in client.get("/").content.decode()
    account = SocialAccount.objects.get()
    assert (account.user, account.provider, account.uid) == (cast.social_worker, "entra", "entra-sam")
    assert get_user_model().objects.count() == users_before
    cast.social_worker.refresh_from_db()
    assert cast.social_worker.check_password(PASSWORD), "a verified account keeps its password"


def test_the_address_matches_in_any_case(client, cast, idp) -> None:
    with sso_settings():
        response = sso_sign_in(client, idp, _claims("Sam.Patel@Northshire.Example"))
    assert response["Location"] == "/"
    assert _signed_in_user(client) == cast.social_worker


def test_once_connected_the_provider_identity_signs_in_even_after_the_address_changes(client, cast, idp) -> None:
    with sso_settings():
        sso_sign_in(client, idp, _claims(cast.social_worker.email, sub="entra-sam"))
        client.post("/accounts/logout/")
        response = sso_sign_in(client, idp, _claims("sam.patel-married@northshire.example", sub="entra-sam"))
    assert response["Location"] == "/"
    assert _signed_in_user(client) == cast.social_worker


def test_it_follows_next_after_signing_in(client, cast, idp) -> None:
    with sso_settings():
        idp.claims = _claims(cast.team_manager.email)
        start = client.post(f"{SSO_LOGIN}?process=login&next=/staff/")
        state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
        response = client.get(SSO_CALLBACK, {"state": state, "code": "c"})
    assert response["Location"] == "/staff/"


def test_an_unknown_address_is_refused_and_no_account_is_created(client, cast, idp) -> None:
    users_before = get_user_model().objects.count()
    with sso_settings():
        response = sso_sign_in(client, idp, _claims("stranger@northshire.example"))
    assert response.status_code == 403
    body = response.content.decode()
    assert "You cannot sign in with this council account" in body
    assert "There is no account for stranger@northshire.example" in body
    assert "does not create one" in body
    assert get_user_model().objects.count() == users_before
    assert not get_user_model().objects.filter(email__iexact="stranger@northshire.example").exists()
    assert not EmailAddress.objects.filter(email__iexact="stranger@northshire.example").exists()
    assert not SocialAccount.objects.exists()
    assert not _signed_in_user(client).is_authenticated


def test_an_unverified_address_is_refused_even_when_an_account_has_it(client, cast, idp) -> None:
    with sso_settings():
        response = sso_sign_in(client, idp, _claims(cast.social_worker.email, verified=False))
    assert response.status_code == 403
    assert "did not confirm that it belongs to you" in response.content.decode()
    assert not SocialAccount.objects.exists()
    assert not _signed_in_user(client).is_authenticated
    cast.social_worker.refresh_from_db()
    assert cast.social_worker.check_password(PASSWORD), "nothing about the account changed"


def test_an_address_without_the_verified_claim_is_refused_by_default(client, cast, idp) -> None:
    """Entra ID sends no email_verified claim: without SSO_OIDC_VERIFIED_EMAIL_DOMAINS nobody is matched."""
    with sso_settings():
        response = sso_sign_in(client, idp, _claims(cast.social_worker.email, verified=None))
    assert response.status_code == 403
    assert not _signed_in_user(client).is_authenticated


def test_the_verified_domains_setting_vouches_for_the_council_domain_only(client, cast, idp) -> None:
    with sso_settings(verified_email=["northshire.example"]):
        signed_in = sso_sign_in(client, idp, _claims(cast.social_worker.email, verified=None))
        assert signed_in["Location"] == "/"
        client.post("/accounts/logout/")
        other = sso_sign_in(client, idp, _claims(cast.other_authority_manager.email, verified=None))
    assert other.status_code == 403, "southshire.example is not a domain the provider vouches for"
    assert "did not confirm that it belongs to you" in other.content.decode()


def test_a_sign_in_without_an_address_is_refused(client, cast, idp) -> None:
    with sso_settings():
        response = sso_sign_in(client, idp, {"sub": "no-email", "name": "No Email"})
    assert response.status_code == 403
    assert "did not tell us your e-mail address" in response.content.decode()


def test_an_inactive_account_cannot_sign_in(client, cast, idp) -> None:
    cast.panel_member.is_active = False
    cast.panel_member.save()
    with sso_settings():
        response = sso_sign_in(client, idp, _claims(cast.panel_member.email))
    assert response["Location"] == "/accounts/inactive/"
    assert "Your account is not active" in client.get(response["Location"]).content.decode()
    assert not _signed_in_user(client).is_authenticated


def test_an_account_without_a_confirmed_address_must_confirm_it_and_loses_its_password(client, cast, idp) -> None:
    """allauth's guard against an account pre-registered with someone else's address: matching an unconfirmed
    address wipes the password, and the person confirms the address by e-mail (as at a first password sign-in)."""
    user = get_user_model().objects.create_user(email="new.starter@northshire.example", password=PASSWORD)
    with sso_settings():
        response = sso_sign_in(client, idp, _claims("new.starter@northshire.example"))
    assert response["Location"] == "/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.starter@northshire.example"]
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert not _signed_in_user(client).is_authenticated


def test_connecting_a_council_account_by_hand_is_refused(client_for, cast, idp) -> None:
    client = client_for(cast.social_worker)
    with sso_settings():
        response = sso_sign_in(client, idp, _claims(cast.team_manager.email), process="connect")
    assert response.status_code == 403
    assert "cannot be added by hand" in response.content.decode()
    assert not SocialAccount.objects.exists()


def test_the_connections_page_lists_the_council_account(client, cast, idp) -> None:
    with sso_settings():
        sso_sign_in(client, idp, _claims(cast.social_worker.email, sub="entra-sam"))
        body = client.get("/accounts/3rdparty/").content.decode()
    assert "Council account sign-in" in body
    assert "Sign in with your council account" in body
    assert "connected automatically" in body


# --- Failures at the provider -----------------------------------------------------------------------------


def test_a_callback_with_a_forged_state_is_refused(client, cast, idp) -> None:
    idp.claims = _claims(cast.social_worker.email)
    with sso_settings():
        client.post(f"{SSO_LOGIN}?process=login")
        response = client.get(SSO_CALLBACK, {"state": "forged", "code": "c"})
    assert "Signing in with your council account did not work" in response.content.decode()
    assert not idp.token_requests, "no code is exchanged without the state this session started"
    assert not _signed_in_user(client).is_authenticated


def test_an_id_token_issued_for_another_application_is_refused(client, cast, idp) -> None:
    idp.audience = "some-other-application"
    with sso_settings():
        response = sso_sign_in(client, idp, _claims(cast.social_worker.email))
    assert "Signing in with your council account did not work" in response.content.decode()
    assert not _signed_in_user(client).is_authenticated


def test_a_cancelled_sign_in_says_so(client, cast, idp) -> None:
    with sso_settings():
        start = client.post(f"{SSO_LOGIN}?process=login")
        state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
        response = client.get(SSO_CALLBACK, {"state": state, "error": "access_denied"})
        page = client.get(response["Location"]) if response.status_code == 302 else response
    assert "You did not sign in" in page.content.decode()
    assert not _signed_in_user(client).is_authenticated


# --- Multi-factor authentication still applies ------------------------------------------------------------


@override_settings(MFA_REQUIRED_ROLES=["workforce_officer"])
def test_a_role_that_requires_mfa_must_still_set_it_up_after_single_sign_on(client, cast, idp) -> None:
    with sso_settings():
        sso_sign_in(client, idp, _claims(cast.workforce_officer.email))
    assert _signed_in_user(client) == cast.workforce_officer
    assert client.get("/")["Location"] == "/mfa-required/"
    assert client.get("/staff/")["Location"] == "/mfa-required/"


def test_a_user_with_an_authenticator_app_is_asked_for_the_code_after_single_sign_on(client, cast, idp) -> None:
    TOTP.activate(cast.workforce_officer, generate_totp_secret())
    with sso_settings():
        response = sso_sign_in(client, idp, _claims(cast.workforce_officer.email))
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/").status_code == 302, "not signed in before the code"
    assert not _signed_in_user(client).is_authenticated


@override_settings(AXES_ENABLED=True)
def test_single_sign_on_works_with_the_lock_out_switched_on(client, cast, idp) -> None:
    with sso_settings():
        response = sso_sign_in(client, idp, _claims(cast.team_manager.email))
    assert response["Location"] == "/"
    assert _signed_in_user(client) == cast.team_manager


# --- Settings from the environment ------------------------------------------------------------------------

_PRINT_PROVIDERS = (
    "import json; from django.conf import settings; "
    "print(json.dumps([settings.SSO_ENABLED, settings.SOCIALACCOUNT_PROVIDERS['openid_connect']['APPS'], "
    "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']]))"
)


def _settings_with(**env: str) -> subprocess.CompletedProcess[str]:
    clean = clean_env(DJANGO_SETTINGS_MODULE="config.settings.test", **env)
    return run_python(["-c", f"import django; django.setup(); {_PRINT_PROVIDERS}"], clean)


def test_the_app_is_built_from_the_sso_environment_variables() -> None:
    result = _settings_with(
        SSO_OIDC_CLIENT_ID="abc",
        SSO_OIDC_CLIENT_SECRET="shh",
        SSO_OIDC_SERVER_URL=SERVER_URL,
        SSO_OIDC_VERIFIED_EMAIL_DOMAINS="northshire.gov.uk, northshire.example",
    )
    assert result.returncode == 0, result.stderr
    enabled, apps, form_action = json.loads(result.stdout.strip().splitlines()[-1])
    assert enabled is True
    assert form_action == ["'self'", "https://login.microsoftonline.test"], "the sign-in form may go to the provider"
    assert apps == [
        {
            "provider_id": "entra",
            "name": "Sign in with your council account",
            "client_id": "abc",
            "secret": "shh",
            "settings": {
                "server_url": SERVER_URL,
                "token_auth_method": "client_secret_post",
                "verified_email": ["northshire.gov.uk", "northshire.example"],
            },
        }
    ]
    unset = _settings_with()
    assert json.loads(unset.stdout.strip().splitlines()[-1]) == [False, [], ["'self'"]], unset.stderr


def test_a_client_id_without_the_server_or_secret_fails_loudly() -> None:
    result = _settings_with(SSO_OIDC_CLIENT_ID="abc")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SSO_OIDC_SERVER_URL" in result.stderr.strip().splitlines()[-1]
