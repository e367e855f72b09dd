from __future__ import annotations

from django.apps import AppConfig


class CpdConfig(AppConfig):
    name = "cpd"
    verbose_name = "CPD"

    def ready(self) -> None:
        """Register the CPD exports, the dashboard's CPD section and the demo step (see ADR 19)."""
        from cpd import dashboard, demo
        from cpd.exports import days, oversight, training  # noqa: F401 - registering is the import's effect

        dashboard.register()
        demo.register()
