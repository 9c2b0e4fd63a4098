"""Delete abandoned uploads and old generated files; run it every hour (cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from kadry.core.uploads import purge_uploads
from kadry.documents.retention import purge_generated_files


class Command(BaseCommand):
    help = (
        "Удаляет загруженные файлы, которые не были загружены в систему за KADRY_UPLOAD_KEEP_HOURS часов, "
        "и сформированные архивы старше KADRY_GENERATED_FILES_DAYS дней."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--upload-hours", type=int, default=None, help="Часы вместо KADRY_UPLOAD_KEEP_HOURS.")
        parser.add_argument("--generated-days", type=int, default=None, help="Дни вместо KADRY_GENERATED_FILES_DAYS.")

    def handle(self, *args: Any, upload_hours: int | None, generated_days: int | None, **options: Any) -> None:
        now = timezone.now()
        uploads = purge_uploads(now=now, keep_hours=upload_hours)
        generated = purge_generated_files(now=now, keep_days=generated_days)
        self.stdout.write(f"Удалено загруженных файлов: {uploads}; сформированных файлов: {generated}.")
