from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        """Connect the sign-in audit to Django's auth signals."""
        from core.audit import signals  # noqa: F401 - connecting the receivers is the import's effect
