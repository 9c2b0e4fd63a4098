from __future__ import annotations

from django.apps import AppConfig


class DisciplineConfig(AppConfig):
    name = "kadry.discipline"
    label = "discipline"
    verbose_name = "Трудовая дисциплина"

    def ready(self) -> None:
        from kadry.discipline import (
            card,  # noqa: F401  (adds the sanctions tab to the personal card)
            deadlines,  # noqa: F401  (registers the terms of open cases)
        )
