from __future__ import annotations

from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "kadry.staff"
    label = "staff"
    verbose_name = "Кадры"
