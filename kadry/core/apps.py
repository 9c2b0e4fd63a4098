from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kadry.core"
    label = "core"
    verbose_name = "Организации и доступ"

    def ready(self) -> None:
        from kadry.core import (
            checks,  # noqa: F401  (registers the system checks)
            heartbeat,
            home_panels,  # noqa: F401  (registers the administrator's and auditor's home panels)
            jobs,
            security_log,  # (connects the log-in event receivers)
        )
        from kadry.core.models import BackgroundJob

        heartbeat.register(
            BackgroundJob,
            error=jobs.ABANDONED_ERROR,
            cleanup=jobs.discard_abandoned_upload,
            by_kind=dict(jobs.ABANDONED_ERRORS),
        )
        security_log.connect_axes()
