"""``manage.py verify_audit``: check the hash chains of the access log and the history, and signed orders."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kadry.core.integrity import verify_all


class Command(BaseCommand):
    help = (
        "Проверяет цепочки хешей журнала доступа и истории изменений и хеши подписанных приказов; "
        "называет первое нарушенное звено каждой цепочки."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", type=int, help="проверить только организацию с этим id")

    def handle(self, *args: Any, organisation: int | None = None, **options: Any) -> None:
        breaks = list(verify_all(organisation))
        if breaks:
            for item in breaks:
                self.stderr.write(f"Нарушена целостность: {item}")
            # A non-zero exit code lets a scheduler or a monitor notice.
            raise CommandError(f"Найдено нарушений: {len(breaks)}.")
        self.stdout.write(self.style.SUCCESS("Журнал доступа, история изменений и подписанные приказы целы."))
