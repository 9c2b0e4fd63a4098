"""``manage.py demo``: load the demo organisations, staff, pupils and users, and print the logins."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
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
        parser.add_argument(
            "--force",
            action="store_true",
            help="загрузить демо-данные и при DEBUG=0 (на рабочем сервере так делать не нужно)",
        )

    def handle(self, *args: Any, reset: bool = False, force: bool = False, **options: Any) -> None:
        # The demo's users share one published password: on a production server (DEBUG off) they
        # would be open doors, so the command refuses unless told explicitly.
        if not settings.DEBUG and not force:
            raise CommandError(
                "Демо-данные не загружены: DEBUG выключен, это похоже на рабочий сервер, а у демо-пользователей "
                "общий известный пароль. Для демонстрации включите DEBUG=1 или запустите с --force."
            )
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
