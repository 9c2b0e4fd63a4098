"""``manage.py timesheet_fill 2026-11``: open and fill the timesheets of every department for a month."""

from __future__ import annotations

import re
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kadry.core.models import Organisation
from kadry.timesheet import rules, services


class Command(BaseCommand):
    help = "Открывает и заполняет табели всех подразделений за месяц (все организации или указанные)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("month", help="месяц в виде ГГГГ-ММ")
        parser.add_argument("--organisation", type=int, action="append", default=[], help="id организации")

    def handle(self, *args: Any, month: str, organisation: list[int], **options: Any) -> None:
        match = re.fullmatch(r"(\d{4})-(\d{2})", month)
        if match is None or not 1 <= int(match[2]) <= 12:
            raise CommandError("Укажите месяц в виде ГГГГ-ММ, например 2026-11.")
        ids = organisation or list(Organisation.objects.values_list("pk", flat=True))
        started = time.monotonic()
        step = 0

        def progress(done: int, total: int) -> None:
            nonlocal step
            # A line every tenth of the way: at region scale there are thousands of departments.
            if done * 10 // total > step or done == total:
                step = done * 10 // total
                self.stdout.write(f"{done} из {total} подразделений…")

        report = services.fill_month(ids, int(match[1]), int(match[2]), progress=progress)
        self.stdout.write(
            f"Табели за {month}: подразделений {report.departments} (закрытых {report.closed}), строк {report.rows}, "
            f"отработано {rules.hours_text(report.hours)} ч; за {time.monotonic() - started:.1f} с."
        )
