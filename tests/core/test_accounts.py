"""Signing in, signing out, no sign-up, password reset and lock-out (allauth with django-axes)."""

from __future__ import annotations

import re

import pytest
from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
RESET = "/accounts/password/reset/"
RESET_LINK = re.compile(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)")


def _sign_in(client, email: str, password: str):  # noqa: ANN001, ANN202
    return client.post(LOGIN, {"login": email, "password": password})


def _without_tokens(body: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)


def _signed_in_user(client):  # noqa: ANN001, ANN202
    return client.get("/account/").wsgi_request.user


def test_it_signs_in_with_email_and_password_and_lands_on_the_home_page(client, cast) -> None:
    response = _sign_in(client, cast.social_worker.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "Sam Patel" in home.content.decode()


def test_it_accepts_the_email_address_in_any_case(client, cast) -> None:
    response = _sign_in(client, cast.social_worker.email.upper(), PASSWORD)
    assert response["Location"] == "/"


def test_the_sign_in_page_says_who_creates_accounts_and_links_to_password_reset(client, cast) -> None:
    body = client.get(LOGIN).content.decode()
    assert "Accounts are created by your administrator" in body
    assert f'href="{RESET}"' in body
    assert "/accounts/signup/" not in body
    assert 'class="govuk-input' in body
    assert '<label class="govuk-label" for="id_login">' in body


def test_a_wrong_password_shows_an_error_without_revealing_whether_the_account_exists(client, cast) -> None:
    known = _sign_in(client, cast.social_worker.email, "not-the-password")
    unknown = _sign_in(client, "nobody@northshire.example", "not-the-password")
    assert known.status_code == unknown.status_code == 200
    known_errors = known.context["form"].non_field_errors()
    unknown_errors = unknown.context["form"].non_field_errors()
    assert known_errors == unknown_errors
    assert known_errors, "an error is shown"
    body = known.content.decode()
    assert "govuk-error-summary" in body
    assert "<title>Error: Sign in" in body
    assert not _signed_in_user(client).is_authenticated


def test_an_empty_form_shows_the_error_beside_each_field(client, cast) -> None:
    body = client.post(LOGIN, {"login": "", "password": ""}).content.decode()
    assert body.count('class="govuk-error-message"') == 2
    assert 'aria-describedby=" id_login-error"' in body or 'aria-describedby="id_login-error"' in body
    assert 'href="#id_password"' in body  # the summary links to the field


def test_there_is_no_public_sign_up(client, cast) -> None:
    page = client.get("/accounts/signup/")
    assert page.status_code == 200
    assert "You cannot create an account here" in page.content.decode()
    client.post(
        "/accounts/signup/",
        {"email": "newcomer@example.org", "password1": "a-long-passphrase", "password2": "a-long-passphrase"},
    )
    assert not get_user_model().objects.filter(email="newcomer@example.org").exists()


def test_it_signs_out_after_confirming(client, cast) -> None:
    _sign_in(client, cast.team_manager.email, PASSWORD)
    confirm = client.get("/accounts/logout/")
    assert "Are you sure you want to sign out?" in confirm.content.decode()
    assert _signed_in_user(client).is_authenticated
    response = client.post("/accounts/logout/")
    assert response["Location"] == LOGIN
    assert not _signed_in_user(client).is_authenticated


def test_password_reset_emails_a_link_to_a_known_address(client, cast) -> None:
    response = client.post(RESET, {"email": cast.social_worker.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [cast.social_worker.email]
    assert RESET_LINK.search(mail.outbox[0].body)


def test_password_reset_shows_the_same_page_for_an_unknown_address(client, cast) -> None:
    known = client.post(RESET, {"email": cast.social_worker.email}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@northshire.example"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert _without_tokens(known.content.decode()) == _without_tokens(unknown.content.decode())
    assert "Check your e-mail" in unknown.content.decode()
    to_unknown = [m for m in mail.outbox if m.to == ["nobody@northshire.example"]]
    assert not any(RESET_LINK.search(m.body) for m in to_unknown), "no reset link for an address without an account"


def test_the_emailed_link_sets_a_new_password(client, cast) -> None:
    client.post(RESET, {"email": cast.social_worker.email})
    link = RESET_LINK.search(mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": "a-new-long-passphrase", "password2": "a-new-long-passphrase"},
        follow=True,
    )
    assert "Password changed" in done.content.decode()
    assert _sign_in(client, cast.social_worker.email, "a-new-long-passphrase")["Location"] == "/"


def test_a_used_reset_link_does_not_work_again(client, cast) -> None:
    client.post(RESET, {"email": cast.social_worker.email})
    link = RESET_LINK.search(mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    client.post(url, {"password1": "a-new-long-passphrase", "password2": "a-new-long-passphrase"})
    again = client.get(link, follow=True)
    assert "This link does not work" in again.content.decode()


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_it_locks_out_after_repeated_failures(client, cast) -> None:
    """After three wrong passwords, the fourth attempt is refused even with the right one."""
    try:
        for _ in range(3):
            _sign_in(client, cast.social_worker.email, "guess")
        locked = _sign_in(client, cast.social_worker.email, PASSWORD)
        assert locked.status_code == 429
        body = locked.content.decode()
        assert "Sign-in is locked for now" in body
        assert "govuk-heading-l" in body
        assert not _signed_in_user(client).is_authenticated
    finally:
        axes_reset()
    assert _sign_in(client, cast.social_worker.email, PASSWORD)["Location"] == "/"


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_the_lockout_page_is_the_same_for_an_unknown_address(client, cast) -> None:
    try:
        for _ in range(3):
            _sign_in(client, "nobody@northshire.example", "guess")
        locked = _sign_in(client, "nobody@northshire.example", "guess")
        assert locked.status_code == 429
        assert "Sign-in is locked for now" in locked.content.decode()
    finally:
        axes_reset()


def test_an_account_without_a_confirmed_address_confirms_it_at_first_sign_in(client, cast) -> None:
    """Accounts made in Django admin (not through user_create) must confirm their e-mail address first."""
    get_user_model().objects.create_user(email="new.starter@northshire.example", password=PASSWORD)
    response = _sign_in(client, "new.starter@northshire.example", PASSWORD)
    assert "Confirm your e-mail address" in client.get(response["Location"]).content.decode()
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[0].body).group(1)
    client.post(link)
    assert _sign_in(client, "new.starter@northshire.example", PASSWORD)["Location"] == "/"


def test_the_change_password_page_uses_the_service_layout(client_for, cast) -> None:
    body = client_for(cast.social_worker).get("/accounts/password/change/").content.decode()
    assert "Change your password" in body
    assert 'id="main-content"' in body
    assert "Northshire County Council" in body
    assert 'class="govuk-service-navigation' in body
