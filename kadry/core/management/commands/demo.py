"""``manage.py demo``: load the demo organisations, staff, pupils and users, and print the logins."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kadry.demo.builder import DemoError, build_demo, lyceum_counts
from kadry.demo.users import login_table


class Command(BaseCommand):
    help = "Загружает демонстрационные данные: лицей, школу, кадровую службу и пользователей для входа."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="загрузить демо-данные заново; над загруженным демо отказывает: его журналы неизменяемы",
        )

    def handle(self, *args: Any, reset: bool = False, **options: Any) -> None:
        started = time.monotonic()
        try:
            built = build_demo(reset=reset)
        except DemoError as error:
            raise CommandError(str(error)) from error
        if built:
            counts = ", ".join(f"{name} — {number}" for name, number in lyceum_counts().items())
            self.stdout.write(
                self.style.SUCCESS(f"Демо-данные загружены за {time.monotonic() - started:.1f} с. Лицей: {counts}.")
            )
        else:
            self.stdout.write("Демо-данные уже загружены")
        self.stdout.write("")
        self.stdout.write(login_table())
