from __future__ import annotations

from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "kadry.awards"
    label = "awards"
    verbose_name = "Награждения"
