"""allauth adapters: no public sign-up; accounts are created by an administrator or by import.

Single sign-on (allauth.socialaccount with the OpenID Connect provider) only ever signs in an account that already
exists: the identity provider's verified e-mail address is matched to it (SOCIALACCOUNT_EMAIL_AUTHENTICATION).
A sign-in that matches no account, or whose address the provider has not verified, is refused with a page that
says why; no account is created and nothing is connected. See docs/adr/0020-single-sign-on.md.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.base import AuthProcess
from django.http import HttpRequest
from django.shortcuts import render

# Why a single sign-on was refused (the template words each one).
REFUSED_NO_EMAIL = "no_email"
REFUSED_UNVERIFIED = "unverified"
REFUSED_UNKNOWN = "unknown"
REFUSED_CONNECT = "connect"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: Any) -> bool:
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        """Never: single sign-on does not create accounts (pre_social_login refuses first, this is the backstop)."""
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """Let through only a sign-in that allauth matched to an existing account (by an earlier connection, or by
        a verified e-mail address); refuse everything else, including connecting an identity by hand."""
        process = sociallogin.state.get("process")
        if process == AuthProcess.CONNECT:
            raise ImmediateHttpResponse(self._refusal(request, sociallogin, REFUSED_CONNECT))
        if sociallogin.is_existing:
            return
        addresses = sociallogin.email_addresses
        if not addresses:
            reason = REFUSED_NO_EMAIL
        elif not any(address.verified for address in addresses):
            reason = REFUSED_UNVERIFIED
        else:
            reason = REFUSED_UNKNOWN
        raise ImmediateHttpResponse(self._refusal(request, sociallogin, reason))

    @staticmethod
    def _refusal(request: HttpRequest, sociallogin: SocialLogin, reason: str) -> Any:
        addresses = sociallogin.email_addresses
        return render(
            request,
            "socialaccount/sign_in_refused.html",
            {
                "reason": reason,
                "email": addresses[0].email if addresses else "",
                "provider_name": sociallogin.provider.name,
            },
            status=403,
        )
