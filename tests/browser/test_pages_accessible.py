"""Every page each role can reach passes axe (WCAG 2.2 AA), in a real browser, with a screenshot of each.

For each role of the cast: sign in once, then visit the home page, the account page, every link of the service
navigation, and the extra pages listed for the role in PAGES_BY_ROLE. Screenshots go to
test-artifacts/screenshots/<role>-<page>.png.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.browser.conftest import check_accessible, sign_in
from tests.conftest import PASSWORD, ROLE_NAMES, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A page is a URL name without arguments ("core:account"), a path ("/accounts/2fa/"), or a function of the cast
# that returns a path (for pages about one object). Extend these lists as pages are built.
PageRef = str | Callable[[Cast], str]
EVERY_ROLE: list[PageRef] = ["core:home", "core:account"]  # the account pages themselves: test_accounts_browser.py
PAGES_BY_ROLE: dict[str, list[PageRef]] = {
    "social_worker": [lambda c: reverse("workforce:worker_detail", kwargs={"pk": c.sam.pk})],
    "team_manager": [lambda c: reverse("workforce:team_detail", kwargs={"pk": c.front_door.pk})],
    "service_manager": [lambda c: reverse("workforce:team_detail", kwargs={"pk": c.child_protection.pk})],
    "workforce_officer": [lambda c: reverse("workforce:worker_detail", kwargs={"pk": c.cic_worker.pk})],
    "panel_member": [],
    "administrator": [
        lambda c: reverse("workforce:team_detail", kwargs={"pk": c.children_in_care.pk}),
        "core:audit_sign_ins",
        "core:audit_downloads",
        lambda c: reverse("core:audit_record", kwargs={"label": "workforce.Worker", "pk": c.sam.pk}),
        lambda c: reverse("workforce:worker_detail", kwargs={"pk": c.sam.pk}),
    ],
    "other_authority_manager": [lambda c: reverse("workforce:team_detail", kwargs={"pk": c.other_team.pk})],
}
# Pages that other changes are still building answer 501 "Not built yet"; they are skipped (and listed in the
# test's output) until they exist. Once every page is built, this can become a failure.
NOT_BUILT_YET = 501


def _path(ref: PageRef, cast: Cast) -> str:
    if callable(ref):
        return ref(cast)
    return ref if ref.startswith("/") else reverse(ref)


def _navigation_paths(page: Page) -> list[str]:
    links = page.locator(".govuk-service-navigation__list a.govuk-service-navigation__link")
    return [urlsplit(href).path for href in links.evaluate_all("links => links.map(a => a.href)")]


def _name(role: str, path: str) -> str:
    return f"{role}-{path.strip('/').replace('/', '-') or 'home'}"


@pytest.mark.parametrize("role", ROLE_NAMES[1:])
def test_every_page_of_the_role_is_accessible(role: str, page: Page, live_server, cast: Cast) -> None:
    user = cast.user(role)
    sign_in(page, live_server, user.email, PASSWORD)
    assert urlsplit(page.url).path == "/", f"{role} landed on {page.url}"

    paths = [_path(ref, cast) for ref in EVERY_ROLE]
    paths += [p for p in _navigation_paths(page) if p not in paths]
    paths += [p for p in (_path(ref, cast) for ref in PAGES_BY_ROLE[role]) if p not in paths]

    not_built = []
    for path in paths:
        response = page.goto(live_server.url + path)
        if response.status == NOT_BUILT_YET:
            not_built.append(path)
            continue
        assert response.status == 200, f"{role}: {path} answered {response.status}"
        check_accessible(page, _name(role, path))
    if not_built:
        print(f"{role}: not built yet, skipped: {', '.join(not_built)}")  # noqa: T201
