"""The three settings modules (spec section 7): production fails loudly without its variables and passes Django's
deployment checks with them; manage.py defaults to dev and the WSGI entry point to production.

Each test runs Python in a subprocess with a controlled environment, so the settings are imported fresh.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
# Variables that would change what is being tested if the caller's environment had them.
CLEARED = (
    *REQUIRED,
    "DJANGO_SETTINGS_MODULE",
    "DEBUG",
    "USE_HTTPS",
    "MFA_REQUIRED_ROLES",
    "SECURE_HSTS_PRELOAD",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by tests/conftest.py for Playwright; never in a deployment
)
PRINT_SETTINGS = (
    "from django.conf import settings; "
    "print(settings.SETTINGS_MODULE, settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
    "settings.SECURE_HSTS_SECONDS > 0)"
)


def _production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="equipped.northshire.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
    )
    env.update(overrides)
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("missing", REQUIRED)
def test_production_refuses_to_start_without_a_required_variable(missing: str, tmp_path: Path) -> None:
    env = _production_env(tmp_path)
    del env[missing]
    result = _run(["-c", "import config.settings.production"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr.strip().splitlines()[-1], result.stderr


def test_production_treats_an_empty_variable_as_missing(tmp_path: Path) -> None:
    result = _run(["-c", "import config.settings.production"], _production_env(tmp_path, SECRET_KEY=""))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr.strip().splitlines()[-1]


def test_production_passes_the_deployment_checks(tmp_path: Path) -> None:
    env = _production_env(tmp_path, DJANGO_SETTINGS_MODULE="config.settings.production")
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_turns_debug_off_and_cookies_and_hsts_on(tmp_path: Path) -> None:
    env = _production_env(tmp_path, DJANGO_SETTINGS_MODULE="config.settings.production")
    result = _run(["-c", f"import django; django.setup(); {PRINT_SETTINGS}"], env)
    assert result.stdout.split() == ["config.settings.production", "False", "True", "True", "True"], result.stderr


def test_manage_py_defaults_to_the_dev_settings() -> None:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    result = _run(["manage.py", "shell", "--verbosity", "0", "-c", PRINT_SETTINGS], env)
    assert result.returncode == 0, result.stderr
    module, debug, *_ = result.stdout.strip().splitlines()[-1].split()
    assert (module, debug) == ("config.settings.dev", "True")


def test_wsgi_defaults_to_the_production_settings(tmp_path: Path) -> None:
    result = _run(["-c", f"import config.wsgi; {PRINT_SETTINGS}"], _production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["config.settings.production", "False"]


def test_wsgi_without_the_production_variables_fails_loudly() -> None:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    result = _run(["-c", "import config.wsgi"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
