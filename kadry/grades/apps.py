from __future__ import annotations

from django.apps import AppConfig


class GradesConfig(AppConfig):
    name = "kadry.grades"
    label = "grades"
    verbose_name = "Успеваемость"

    def ready(self) -> None:
        # The home panel of failing students, and the class performance that the school's §9.5
        # criteria and characteristic drafts read through kadry.school.performance (school never
        # imports grades: grades fills the school's registry here).
        from kadry.grades import home, performance  # noqa: F401
