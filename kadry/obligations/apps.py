from __future__ import annotations

from django.apps import AppConfig


class ObligationsConfig(AppConfig):
    name = "kadry.obligations"
    label = "obligations"
    verbose_name = "Обязательное обучение и документы"

    def ready(self) -> None:
        # The personal card's tab, and the overdue and coming items on the deadlines registry.
        from kadry.obligations import card, deadlines  # noqa: F401
