from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "kadry.reports"
    label = "reports"
    verbose_name = "Банк данных о персонале"

    def ready(self) -> None:
        from kadry.reports import home  # noqa: F401  (registers the home panel)
