from __future__ import annotations

from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "kadry.prevention"
    label = "prevention"
    verbose_name = "Профилактика правонарушений"

    def ready(self) -> None:
        # The terms of the plans' reviews and of their measures on the deadlines registry.
        from kadry.prevention import deadlines  # noqa: F401
