from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "kadry.documents"
    label = "documents"
    verbose_name = "Документы"

    def ready(self) -> None:
        from kadry.core import heartbeat
        from kadry.documents.models import GeneratedDocument

        heartbeat.register(
            GeneratedDocument,
            error="Формирование прервано: фоновый процесс остановился. Закажите документ снова.",
            cleanup=_delete_file,
        )


def _delete_file(job: Any) -> None:
    """Remove whatever file a job whose worker died left (normally none: the ZIP is saved last)."""
    if job.file:
        job.file.storage.delete(job.file.name)
