from __future__ import annotations

from django.apps import AppConfig


class TimesheetConfig(AppConfig):
    name = "kadry.timesheet"
    label = "timesheet"
    verbose_name = "Табель учёта рабочего времени"
