"""The three settings modules (spec section 7): production fails loudly without its variables and passes Django's
deployment checks with them; manage.py defaults to dev and the WSGI entry point to production.

Each test runs Python in a subprocess with a controlled environment, so the settings are imported fresh.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.processes import PRODUCTION_REQUIRED, clean_env, production_env, run_python

REQUIRED = PRODUCTION_REQUIRED
PRINT_SETTINGS = (
    "from django.conf import settings; "
    "print(settings.SETTINGS_MODULE, settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
    "settings.SECURE_HSTS_SECONDS > 0)"
)


@pytest.mark.parametrize("missing", REQUIRED)
def test_production_refuses_to_start_without_a_required_variable(missing: str, tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env[missing]
    result = run_python(["-c", "import config.settings.production"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr.strip().splitlines()[-1], result.stderr


def test_production_treats_an_empty_variable_as_missing(tmp_path: Path) -> None:
    result = run_python(["-c", "import config.settings.production"], production_env(tmp_path, SECRET_KEY=""))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr.strip().splitlines()[-1]


def test_production_passes_the_deployment_checks(tmp_path: Path) -> None:
    env = production_env(tmp_path, settings_module="config.settings.production")
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_turns_debug_off_and_cookies_and_hsts_on(tmp_path: Path) -> None:
    env = production_env(tmp_path, settings_module="config.settings.production")
    result = run_python(["-c", f"import django; django.setup(); {PRINT_SETTINGS}"], env)
    assert result.stdout.split() == ["config.settings.production", "False", "True", "True", "True"], result.stderr


def test_manage_py_defaults_to_the_dev_settings() -> None:
    env = clean_env()
    result = run_python(["manage.py", "shell", "--verbosity", "0", "-c", PRINT_SETTINGS], env)
    assert result.returncode == 0, result.stderr
    module, debug, *_ = result.stdout.strip().splitlines()[-1].split()
    assert (module, debug) == ("config.settings.dev", "True")


def test_wsgi_defaults_to_the_production_settings(tmp_path: Path) -> None:
    result = run_python(["-c", f"import config.wsgi; {PRINT_SETTINGS}"], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["config.settings.production", "False"]


def test_wsgi_without_the_production_variables_fails_loudly() -> None:
    env = clean_env()
    result = run_python(["-c", "import config.wsgi"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
