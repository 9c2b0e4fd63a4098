"""``manage.py restore ARCHIVE``: restore a backup into an empty database and media folder (kadry.core.backup)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kadry.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Восстанавливает резервную копию в пустую базу данных и пустую папку файлов, "
        "сначала проверив контрольные суммы."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="архив, созданный manage.py backup")

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        started = time.monotonic()
        try:
            manifest = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Восстановлена копия от {manifest['created_at']}: таблиц {len(manifest['tables'])}, "
            f"строк {sum(manifest['tables'].values())}, файлов {len(manifest['files']) - 1} "
            f"за {time.monotonic() - started:.1f} с. Если Kadry с тех пор обновлялась, выполните manage.py migrate."
        )
