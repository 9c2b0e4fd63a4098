from __future__ import annotations

from django.apps import AppConfig


class EmploymentConfig(AppConfig):
    name = "kadry.employment"
    label = "employment"
    verbose_name = "Трудовые отношения"

    def ready(self) -> None:
        from kadry.employment import deadlines, home  # noqa: F401  (registers the home panels and deadlines)
