from __future__ import annotations

from django.apps import AppConfig


class AbsencesConfig(AppConfig):
    name = "kadry.absences"
    label = "absences"
    verbose_name = "Неявки"

    def ready(self) -> None:
        # The personal card's tab of absences.
        from kadry.absences import card  # noqa: F401
