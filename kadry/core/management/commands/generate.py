"""``manage.py generate``: bulk-generate schools with staff, orders, pupils and attendance for the benchmark."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from kadry.bench_data.generate import Scale, generate


class Command(BaseCommand):
    help = "Генерирует большие наборы данных для нагрузочного тестирования (школы, сотрудники, приказы, ученики)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schools", type=int, default=1)
        parser.add_argument("--employees-per-school", type=int, default=150)
        parser.add_argument("--students-per-school", type=int, default=1000)
        parser.add_argument("--years-of-orders", type=int, default=5)
        parser.add_argument("--attendance-weeks", type=int, default=0)
        parser.add_argument("--seed", type=int, default=5)

    def handle(self, *args: Any, **options: Any) -> None:
        scale = Scale(
            schools=options["schools"],
            employees_per_school=options["employees_per_school"],
            students_per_school=options["students_per_school"],
            years_of_orders=options["years_of_orders"],
            attendance_weeks=options["attendance_weeks"],
        )
        started = time.monotonic()
        every = max(1, scale.schools // 10)

        def progress(done: int) -> None:
            if done % every == 0 or done == scale.schools:
                self.stdout.write(f"  {done}/{scale.schools} школ, {time.monotonic() - started:.1f} с")

        counts = generate(scale, seed=options["seed"], progress=progress)
        # Fresh planner statistics, as autovacuum would gather them in production a little later.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        total = sum(counts.values())
        for table, number in sorted(counts.items()):
            self.stdout.write(f"  {table}: {number}")
        self.stdout.write(self.style.SUCCESS(f"Сгенерировано {total} строк за {time.monotonic() - started:.1f} с."))
