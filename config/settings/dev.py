"""Development: DEBUG on, SQLite unless DATABASE_URL is set, no other variable needed."""

from __future__ import annotations

from config.settings.base import *  # noqa: F403
from config.settings.env import env_bool, env_list, env_str

DEBUG = env_bool("DEBUG", True)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Demo logins should work without setting up an authenticator first; set MFA_REQUIRED_ROLES to try it.
MFA_REQUIRED_ROLES = env_list("MFA_REQUIRED_ROLES", [])
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
