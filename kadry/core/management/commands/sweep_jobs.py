"""``manage.py sweep_jobs``: mark failed the running jobs whose heartbeat stopped (their worker died)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kadry.core.heartbeat import sweep


class Command(BaseCommand):
    help = "Отмечает прерванными фоновые задания, обработчик которых остановился (нет признаков работы)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Прервано заданий: {sweep()}.")
