"""The browser-test harness: Playwright on Debian's Chromium, axe-core for accessibility, and screenshots.

One browser for the whole session (pytest-playwright's session-scoped `browser`); each test gets a fresh context
and page. Every test here is skipped, with the reason, when /usr/bin/chromium is missing
(`apt-get install chromium`; never `playwright install`, which downloads a browser).

Helpers:
- `sign_in(page, live_server, email, password)` fills in the sign-in form as a person would.
- `check_accessible(page, name)` runs axe (WCAG 2.2 AA tags) on the page as it is, saves a full-page screenshot to
  test-artifacts/screenshots/<name>.png, and fails on any violation, on any script or style the content security
  policy blocked, and on any static file that did not load.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from playwright.sync_api import ConsoleMessage, Page, Response

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "tests" / "vendor" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
HERE = Path(__file__).resolve().parent

# Problems the browser reported for each page: blocked by the CSP, or a static file that failed to load.
_PAGE_PROBLEMS: WeakKeyDictionary[Page, list[str]] = WeakKeyDictionary()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip this folder's tests, and only those, when there is no Chromium to run them in."""
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # The width of a laptop; screenshots are full-page, so the height only matters for what is "above the fold".
    return {**browser_context_args, "viewport": {"width": 1100, "height": 900}, "locale": "en-GB"}


@pytest.fixture
def page(page: Page) -> Page:
    """The plugin's page, recording what the content security policy blocked and which static files failed."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            problems.append(f"CSP: {message.text}")

    def on_response(response: Response) -> None:
        if "/static/" in response.url and response.status >= 400:
            problems.append(f"static file {response.url} answered {response.status}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.set_default_timeout(10_000)
    _PAGE_PROBLEMS[page] = problems
    return page


def sign_in(page: Page, live_server: Any, email: str, password: str) -> None:
    """Sign in through the sign-in page; the caller checks where it lands."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").first.click()
    page.wait_for_load_state()


def check_accessible(page: Page, name: str) -> None:
    """Run axe on the page, save a screenshot, and fail on violations, CSP blocks or missing static files."""
    page.wait_for_load_state()
    # page.evaluate runs through the DevTools protocol, which the page's content security policy does not govern.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{_slug(name)}.png"), full_page=True)
    violations = result["violations"]
    assert not violations, f"axe found {len(violations)} violation(s) on {name} ({page.url}):\n" + _describe(violations)
    problems = _PAGE_PROBLEMS.get(page, [])
    assert not problems, f"the browser reported problems on {name} ({page.url}):\n" + "\n".join(problems)


@cache
def _axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node.get('failureSummary', '')!r}")
    return "\n".join(lines)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "page"
