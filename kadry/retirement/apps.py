from __future__ import annotations

from django.apps import AppConfig


class RetirementConfig(AppConfig):
    name = "kadry.retirement"
    label = "retirement"
    verbose_name = "Предпенсионеры и пенсионеры"
