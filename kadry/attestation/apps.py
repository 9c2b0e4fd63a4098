from __future__ import annotations

from django.apps import AppConfig


class AttestationConfig(AppConfig):
    name = "kadry.attestation"
    label = "attestation"
    verbose_name = "Аттестация педагогических работников"

    def ready(self) -> None:
        # The personal card's tab of attestation, and the categories' expiry on the deadlines registry.
        from kadry.attestation import card, deadlines  # noqa: F401
