from __future__ import annotations

from django.apps import AppConfig


class LeaveConfig(AppConfig):
    name = "kadry.leave"
    label = "leave"
    verbose_name = "Отпуска"

    def ready(self) -> None:
        from kadry.leave import deadlines  # noqa: F401  (registers the leave terms)
