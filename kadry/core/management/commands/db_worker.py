"""``manage.py db_worker``: django-tasks' database worker, which first fails the jobs of dead workers.

A worker is started again after one died (systemd, ``make run``): that is when its abandoned jobs
are found at the latest, even if nobody opens their pages.
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands import db_worker

from kadry.core.heartbeat import sweep


class Command(db_worker.Command):
    help = "Отмечает прерванными задания остановившихся обработчиков и запускает обработчик фоновых задач."

    def handle(self, *args: Any, **options: Any) -> None:
        swept = sweep()
        if swept:
            self.stderr.write(f"Прервано заданий остановившихся обработчиков: {swept}.")
        super().handle(*args, **options)
