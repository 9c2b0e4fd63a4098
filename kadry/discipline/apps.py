from __future__ import annotations

from django.apps import AppConfig


class DisciplineConfig(AppConfig):
    name = "kadry.discipline"
    label = "discipline"
    verbose_name = "Трудовая дисциплина"

    def ready(self) -> None:
        # The personal card's tab of sanctions, and the terms of open cases on the deadlines registry.
        from kadry.discipline import card, deadlines  # noqa: F401
