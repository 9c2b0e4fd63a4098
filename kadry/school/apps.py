from __future__ import annotations

from django.apps import AppConfig


class SchoolConfig(AppConfig):
    name = "kadry.school"
    label = "school"
    verbose_name = "Классы и обучающиеся"

    def ready(self) -> None:
        from kadry.school import home, home_education_plans, home_incidents  # noqa: F401  (registers the home panels and deadlines)
