"""Error pages (core.views.error_*) use the service's GOV.UK layout and answer with the right status."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import path

from config import urls as project_urls
from core.models import User
from core.views import error_400, error_500

# Tests that use the cast have the database through it; the 500 and 400 tests run without one on purpose.


def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("not for you")


# A URL configuration for the 403 test: the project's own URLs and error handlers, plus one page that refuses.
urlpatterns = [path("forbidden-for-test/", _forbidden), *project_urls.urlpatterns]
handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500


def _assert_govuk_page(body: str, heading: str) -> None:
    assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in body
    assert 'class="govuk-template"' in body
    assert '<main class="govuk-main-wrapper" id="main-content">' in body
    assert "govuk-frontend.min.css" in body


def test_a_record_that_does_not_exist_is_a_styled_404(client_for, cast) -> None:
    response = client_for(cast.workforce_officer).get("/staff/999999/")
    assert response.status_code == 404
    body = response.content.decode()
    _assert_govuk_page(body, "Page not found")
    assert "Northshire County Council" in body, "the header names the user's authority"
    assert "<title>Page not found" in body


def test_an_unknown_address_is_a_styled_404_for_anonymous_users(client_for, cast) -> None:
    response = client_for(None).get("/no-such-page/")
    assert response.status_code == 404
    _assert_govuk_page(response.content.decode(), "Page not found")


def test_another_authoritys_record_is_a_404_not_a_403(client_for, cast) -> None:
    """Existence outside the user's scope is not revealed (spec section 1)."""
    response = client_for(cast.other_authority_manager).get(f"/staff/{cast.sam.pk}/")
    assert response.status_code == 404
    _assert_govuk_page(response.content.decode(), "Page not found")


@pytest.mark.urls("tests.core.test_error_pages")
def test_a_refused_request_is_a_styled_403(client_for, cast) -> None:
    response = client_for(cast.social_worker).get("/forbidden-for-test/")
    assert response.status_code == 403
    body = response.content.decode()
    _assert_govuk_page(body, "You do not have access to this page")
    assert "Northshire County Council" in body


def test_the_500_page_is_styled() -> None:
    request = RequestFactory().get("/broken/")
    request.user = AnonymousUser()
    response = error_500(request)
    assert response.status_code == 500
    _assert_govuk_page(response.content.decode(), "Sorry, there is a problem with the service")


def test_the_500_page_renders_when_the_database_is_down_for_a_signed_in_user() -> None:
    """The failure behind a 500 may be the database itself (no django_db mark here: any query raises)."""
    request = RequestFactory().get("/broken/")
    request.user = User(pk=1, email="someone@northshire.example")
    response = error_500(request)
    assert response.status_code == 500
    _assert_govuk_page(response.content.decode(), "Sorry, there is a problem with the service")


def test_the_400_page_is_styled() -> None:
    request = RequestFactory().get("/bad/")
    request.user = AnonymousUser()
    response = error_400(request)
    assert response.status_code == 400
    _assert_govuk_page(response.content.decode(), "Sorry, there is a problem with the request")
