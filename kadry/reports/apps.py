from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "kadry.reports"
    label = "reports"
    verbose_name = "Банк данных о персонале"

    def ready(self) -> None:
        from kadry.core import heartbeat
        from kadry.documents.models import GeneratedDocument
        from kadry.reports import home  # noqa: F401  (registers the home panel)
        from kadry.reports.jobs import ABANDONED

        # After the documents app registered the model (INSTALLED_APPS order): a report's own message.
        heartbeat.register_kind(GeneratedDocument, GeneratedDocument.Kind.REPORT_XLSX, ABANDONED)
