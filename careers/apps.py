from __future__ import annotations

from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Career progression"

    def ready(self) -> None:
        """Register the careers exports and the demo step (see ADR 19)."""
        from careers import demo
        from careers.exports import progress  # noqa: F401 - registering is the import's effect

        demo.register()
