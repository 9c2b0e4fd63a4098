from __future__ import annotations

from django.apps import AppConfig


class MilitaryConfig(AppConfig):
    name = "kadry.military"
    label = "military"
    verbose_name = "Воинский учёт"

    def ready(self) -> None:
        # The notices to the military commissariat on the deadlines registry.
        from kadry.military import deadlines  # noqa: F401
