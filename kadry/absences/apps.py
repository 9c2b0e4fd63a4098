from __future__ import annotations

from django.apps import AppConfig


class AbsencesConfig(AppConfig):
    name = "kadry.absences"
    label = "absences"
    verbose_name = "Неявки"
