from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kadry.core"
    label = "core"
    verbose_name = "Организации и доступ"

    def ready(self) -> None:
        from kadry.core import (
            checks,  # noqa: F401  (registers the system checks)
            security_log,  # (connects the log-in event receivers)
        )

        security_log.connect_axes()
