"""Running Python, or manage.py, in a subprocess with a controlled environment, so that settings load fresh.

Used by the tests of the settings modules, the security checks and the commands' real command lines.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
# Variables that would change what is being tested if the caller's environment had them.
CLEARED = (
    *PRODUCTION_REQUIRED,
    "DJANGO_SETTINGS_MODULE",
    "DEBUG",
    "USE_HTTPS",
    "MFA_REQUIRED_ROLES",
    "AXES_ENABLED",
    "SECURE_HSTS_PRELOAD",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by tests/conftest.py for Playwright; never in a deployment
)


def clean_env(**overrides: str) -> dict[str, str]:
    """The caller's environment without the variables above or any single sign-on setting, plus `overrides`."""
    env = {k: v for k, v in os.environ.items() if k not in CLEARED and not k.startswith("SSO_OIDC_")}
    env.update(overrides)
    return env


def production_env(tmp_path: Path, *, settings_module: str | None = None, **overrides: str) -> dict[str, str]:
    """What production needs (a fresh secret key, a host, a throw-away SQLite file); the settings module only when
    named, so that a test of the default module stays a real test.
    """
    env = clean_env(
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="equipped.northshire.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
    )
    if settings_module:
        env["DJANGO_SETTINGS_MODULE"] = settings_module
    env.update(overrides)
    return env


def run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python ARGS` in the repository, with this interpreter and environment; never raises on a failure."""
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def manage_py(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`manage.py ARGS` under the test settings, on a throw-away database (never the developer's)."""
    env = clean_env(
        DJANGO_SETTINGS_MODULE="config.settings.test", DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    )
    return run_python([str(ROOT / "manage.py"), *args], env)
