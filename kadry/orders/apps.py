from __future__ import annotations

from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "kadry.orders"
    label = "orders"
    verbose_name = "Приказы по личному составу"

    def ready(self) -> None:
        from kadry.core import integrity
        from kadry.orders import home  # noqa: F401  (registers the home panels and deadlines)
        from kadry.orders.integrity import verify_signed_orders

        integrity.register(verify_signed_orders)  # verify_audit checks the hashes of signed orders
