"""``manage.py backup``: write one archive of the database and the media files (kadry.core.backup)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kadry.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Создаёт резервную копию: база данных, файлы, опись и контрольные суммы — в одном архиве."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.VAR_DIR) / "backups",
            help="папка для архива (по умолчанию var/backups)",
        )

    def handle(self, *args: Any, output: Path, **options: Any) -> None:
        started = time.monotonic()
        try:
            path, manifest = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Резервная копия: {path} ({path.stat().st_size / 1e6:.1f} МБ; таблиц {len(manifest['tables'])}, "
            f"строк {rows}, файлов {len(manifest['files']) - 1}) за {time.monotonic() - started:.1f} с."
        )
