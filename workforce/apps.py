from __future__ import annotations

from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "workforce"
    verbose_name = "Workforce"

    def ready(self) -> None:
        from workforce import exports  # noqa: F401  (registers the exports)
