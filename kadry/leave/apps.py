from __future__ import annotations

from django.apps import AppConfig


class LeaveConfig(AppConfig):
    name = "kadry.leave"
    label = "leave"
    verbose_name = "Отпуска"
